// The public surface is deliberate: api/<entry>.api.md lists each entry point's exports as the build
// declares them (scripts/api-report.mjs), and this test fails when the build differs from what was
// committed. Needs dist/ (npm test builds first).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>
}

describe('the public API', () => {
  test(
    'the committed API report of every entry point matches the build (npm run api accepts a change)',
    { timeout: 60_000 },
    () => {
      expect(
        existsSync(new URL('../dist/src/index.d.ts', import.meta.url)),
        'dist/ is missing: run `npm run build` first',
      ).toBe(true)
      const result = spawnSync(process.execPath, ['scripts/api-report.mjs', '--check'], { cwd: root, encoding: 'utf8' })
      expect(result.stderr).toBe('')
      expect(result.stdout).toMatch(/^API reports match the build \(\d+ entry points\)/)
      expect(result.status).toBe(0)
    },
  )

  test('every subpath besides the root and the three Vitest entries is one file of src/entry/', () => {
    const vitestEntries = ['.', './matchers', './fixtures', './plugin', './package.json']
    const others = Object.entries(pkg.exports).filter(([subpath]) => !vitestEntries.includes(subpath))
    expect(others.map(([subpath]) => subpath)).toContain('./extend')
    for (const [subpath, target] of others) {
      const name = subpath.slice(2)
      expect(target, subpath).toEqual({
        types: `./dist/src/entry/${name}.d.ts`,
        default: `./dist/src/entry/${name}.js`,
      })
      expect(existsSync(new URL(`../src/entry/${name}.ts`, import.meta.url)), `src/entry/${name}.ts`).toBe(true)
    }
  })
})
