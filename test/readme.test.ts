import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { DEFAULT_CONFIG } from '../src/config.js'
import { DEFAULT_REPORT_DIR } from '../src/report/run-report/reporter.js'
import { CONSUMER_ALLOW_SCRIPTS, CONSUMER_TEST, CONSUMER_VITEST_CONFIG } from './pack-consumer.js'

// The pack test installs the tarball into a fresh project and runs exactly these files: the README
// must show the same ones, so what a newcomer copies is what was proven to work.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }))

describe('README', () => {
  test('starts with the two commands CI runs: the main job, then the tests', () => {
    const first = blocks[0]!
    expect(first.lang).toBe('sh')
    const commands = first.body
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/\s+#.*$/, ''))
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test'])
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')
    expect(ci).toMatch(/^npm ci\b/m)
    expect(ci).toMatch(/^npm run demo\b/m)
    expect(ci).toMatch(/^npm test\b/m)
  })

  test('shows the quick-start config and test exactly as the pack test runs them', () => {
    expect(blocks.map((b) => b.body)).toContain(CONSUMER_VITEST_CONFIG)
    expect(blocks.map((b) => b.body)).toContain(CONSUMER_TEST)
  })

  test("shows the allowScripts entry the pack test's consumer installs with", () => {
    expect(blocks.filter((b) => b.lang === 'json').map((b) => b.body.trim())).toContain(CONSUMER_ALLOW_SCRIPTS)
  })

  test('advises ignoring the one folder every default writes under', () => {
    expect(readme).toContain('Add `.vitest-hailo/` to your `.gitignore`')
    for (const folder of [DEFAULT_CONFIG.artifactsDir, DEFAULT_REPORT_DIR]) expect(folder).toMatch(/^\.vitest-hailo\//)
  })

  test('says `await using` is a SyntaxError in a plain .mjs on the Node versions it names, as it is on this one', () => {
    // CI runs Node 20 and 22. On a Node that has explicit resource management, re-check the README's sentence.
    const major = process.versions.node.split('.')[0]!
    expect(readme).toMatch(/`SyntaxError` in a plain `\.mjs` on Node 20 and 22/)
    expect(['20', '22']).toContain(major)
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', 'await using resource = null'], {
      encoding: 'utf8',
    })
    expect(child.status).not.toBe(0)
    expect(child.stderr).toMatch(/SyntaxError/)
  })
})
