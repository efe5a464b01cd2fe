// `npm pack` → a fresh consumer project in a temp folder (its own package.json, vitest, a test file
// written as the README shows, the plugin in its config) → `npm install` → the suite runs green and
// typechecks. The consumer lives outside this repository so nothing resolves from our node_modules.
//
// Offline-friendly: `npm install --prefer-offline` takes every package from the npm cache when it is
// there (this machine's `npm ci` filled it) and asks the registry only for what is missing (CI has
// the registry). onnxruntime-node's GPU download is skipped with ONNXRUNTIME_NODE_INSTALL=skip, as
// the README tells consumers. Needs `dist/` (npm test builds first).
// PACK_VITEST_VERSION picks the consumer's vitest (default: the version installed here); 5.x needs Node ≥ 22.12
// (checked by hand: PACK_VITEST_VERSION=5.1.1 under Node 22.23.3 runs green and typechecks, skip notes and
// file parallelism behave as under 4.1).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  CONSUMER_TEST,
  CONSUMER_TSCONFIG,
  CONSUMER_TYPE_CHECKS,
  CONSUMER_VITEST_CONFIG,
  consumerPackageJson,
} from './pack-consumer.js'
import { deadMarkdownLinks, importedPackages, missingMapSources } from './support/installed-package.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'vitest-hailo-pack-'))
const consumer = join(work, 'consumer')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function versionOf(pkg: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version
}

function run(command: string, args: string[], cwd: string, timeout = 180_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    // The consumer's own run: no device override or seed from the outer run.
    env: {
      ...process.env,
      ONNXRUNTIME_NODE_INSTALL: 'skip',
      VITEST_HAILO_DEVICE: '',
      VITEST_HAILO_SEED: '',
      NO_COLOR: '1',
    },
  })
  if (result.error) throw result.error
  return result
}

function ok(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  return result
}

let tarball = ''
let files: string[] = []
let installed: SpawnSyncReturns<string> | undefined

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'src', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` before this test (npm test does).')
  const packed = ok(run(npm, ['pack', '--json', '--pack-destination', work], root), 'npm pack')
  const info = (JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[])[0]!
  tarball = join(work, info.filename)
  files = info.files.map((f) => f.path)

  mkdirSync(join(consumer, 'test'), { recursive: true })
  mkdirSync(join(consumer, 'models'))
  mkdirSync(join(consumer, 'images'))
  for (const model of ['convnext-tiny.onnx', 'convnext-tiny-decomposed-ln.onnx']) {
    copyFileSync(join(root, 'examples', 'models', model), join(consumer, 'models', model))
  }
  copyFileSync(join(root, 'examples', 'images', 'sun.png'), join(consumer, 'images', 'sun.png'))
  const vitest = process.env.PACK_VITEST_VERSION || versionOf('vitest')
  // Vitest 5 declares @types/node ^22 || >=24 as an optional peer: npm refuses our ^20 next to it.
  const typesNode = Number(vitest.split('.')[0]) >= 5 ? '^22.0.0' : versionOf('@types/node')
  const versions = { vitest, typescript: versionOf('typescript'), typesNode }
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(consumerPackageJson(tarball, versions), null, 2))
  writeFileSync(join(consumer, 'vitest.config.ts'), CONSUMER_VITEST_CONFIG)
  writeFileSync(join(consumer, 'test', 'model.test.ts'), CONSUMER_TEST)
  writeFileSync(join(consumer, 'test', 'matcher-types.ts'), CONSUMER_TYPE_CHECKS)
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG, null, 2))
  installed = ok(
    run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund'], consumer),
    'npm install in the consumer',
  )
}, 240_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the packed package in a fresh consumer project', () => {
  test('the tarball holds every entry point, the setup file and the CLI, and no tests', () => {
    for (const f of [
      'package.json',
      'README.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/matchers/index.js',
      'dist/matchers/index.d.ts',
      'dist/fixtures/index.js',
      'dist/fixtures/index.d.ts',
      'dist/src/plugin/index.js',
      'dist/src/plugin/index.d.ts',
      'dist/src/entry/extend.js',
      'dist/src/entry/extend.d.ts',
      'dist/src/entry/hef.js',
      'dist/src/entry/hef.d.ts',
      'dist/src/entry/fuzz.js',
      'dist/src/entry/fuzz.d.ts',
      'dist/src/plugin/setup.js',
      'dist/src/cli/main.js',
      'examples/ci/github-actions.yml',
    ]) {
      expect(files, f).toContain(f)
    }
    // The TypeScript sources ship (source maps and declaration maps point at them), their tests do not; of the
    // examples, only the CI workflow to copy (the README links it; npm adds the folder's README.md with it).
    expect(
      files.filter((f) =>
        /\.test(-d)?\.|testdata\/|test-support\/|^examples\/(?!ci\/github-actions\.yml$|README\.md$)|^test\//.test(f),
      ),
    ).toEqual([])
    expect(files).toContain('src/index.ts')
  })

  // Child processes: generous limits, the full suite may be running beside them.
  test('its README test file runs green with the plugin', { timeout: 180_000 }, () => {
    const json = join(work, 'results.json')
    const result = run(
      process.execPath,
      [
        join(consumer, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${json}`,
      ],
      consumer,
    )
    const report = existsSync(json)
      ? (JSON.parse(readFileSync(json, 'utf8')) as { numPassedTests: number; numTotalTests: number })
      : undefined
    expect(report, `${result.stdout}\n${result.stderr}`).toMatchObject({ numPassedTests: 2, numTotalTests: 2 })
    expect(result.status).toBe(0)
  })

  test('it typechecks under strict settings without skipping lib checks', { timeout: 180_000 }, () => {
    const result = run(
      process.execPath,
      [join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      consumer,
    )
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  test('every entry point of the exports map imports in the consumer', { timeout: 60_000 }, () => {
    const exportsMap = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
    ).exports
    const entries = Object.keys(exportsMap)
      .filter((k) => k !== './package.json')
      .map((k) => join('vitest-hailo', k))
    // matchers/fixtures import vitest, which refuses to load outside a test run: resolve those, import the rest.
    const script = entries
      .map((e) =>
        /matchers|fixtures/.test(e)
          ? `import.meta.resolve(${JSON.stringify(e)})`
          : `await import(${JSON.stringify(e)})`,
      )
      .join(';')
    const result = ok(
      run(process.execPath, ['--input-type=module', '-e', `${script};console.log('ok')`], consumer, 30_000),
      'importing the entry points',
    )
    expect(entries).toContain('vitest-hailo/extend')
    expect(result.stdout.trim()).toBe('ok')
  })

  test("npm installs it without listing unreviewed install scripts, with the README's allowScripts", () => {
    // npm 11.16 and later warn after every install about packages whose install scripts the project has not
    // reviewed (onnxruntime-node, koffi); the README's allowScripts entry answers both. npm 10 has no such warning.
    expect(installed!.stderr).not.toMatch(/install-scripts|allowScripts/)
  })

  test('its CLI is installed and answers --help', { timeout: 60_000 }, () => {
    const result = ok(
      run(join(consumer, 'node_modules', '.bin', 'vitest-hailo'), ['--help'], consumer, 30_000),
      'vitest-hailo --help',
    )
    expect(result.stdout).toMatch(/Usage: vitest-hailo/)
  })
})

describe('the installed package, as a user reads it in node_modules', () => {
  const installed = (): string => join(consumer, 'node_modules', 'vitest-hailo')
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    license: string
    dependencies: Record<string, string>
    peerDependencies: Record<string, string>
  }

  test('every relative link of its README and docs leads to a file it holds', () => {
    expect(existsSync(join(installed(), 'docs', 'determinism.md'))).toBe(true)
    expect(deadMarkdownLinks(installed())).toEqual([])
  })

  test('every source map points at a source file it holds, so stack traces name real files', () => {
    expect(existsSync(join(installed(), 'dist', 'src', 'index.js.map'))).toBe(true)
    expect(missingMapSources(installed())).toEqual([])
  })

  test('a stack trace under --enable-source-maps names TypeScript files that exist', { timeout: 60_000 }, () => {
    const script =
      "import('vitest-hailo').then((m) => m.openDevice('no-such-device')).catch((e) => console.log(e.stack))"
    const result = ok(
      run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], consumer, 30_000),
      'a failing call',
    )
    const frames = [...result.stdout.matchAll(/\((\/[^():]+\.ts):\d+:\d+\)/g)].map((m) => m[1]!)
    expect(frames.length, result.stdout).toBeGreaterThan(0)
    expect(frames.filter((f) => !existsSync(f))).toEqual([])
  })

  test('it holds an MIT LICENSE, as package.json declares', () => {
    expect(manifest.license).toBe('MIT')
    expect(readFileSync(join(installed(), 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
  })

  test('its runtime dependencies are exactly the packages its shipped code imports', () => {
    const imported = importedPackages(join(installed(), 'dist'))
    for (const name of ['vitest', ...Object.keys(manifest.peerDependencies), 'vitest-hailo']) imported.delete(name)
    expect([...imported].sort()).toEqual(Object.keys(manifest.dependencies).sort())
  })
})
