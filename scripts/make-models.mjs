#!/usr/bin/env node
// Generates the fixture models (examples/models/) and sample images (examples/images/) from code,
// with seeded weights and no downloads. `npm run models` writes them; `npm run models -- --check`
// only compares them with the files on disk and exits 1 if any is stale or missing.
//
// Why it compiles TypeScript first: the builders live in test/support/onnx/ as TypeScript, because
// the project's tests import them (and they use src/random/prng.ts), and Node 20 cannot run
// TypeScript. So this script compiles exactly that folder with the project's own `tsc` into
// node_modules/.cache/ and imports the result: one implementation, no second copy in JavaScript.
import { execFileSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const project = join(root, 'scripts/models/tsconfig.json')
const outDir = join(root, 'node_modules/.cache/vitest-hailo-models')
const check = process.argv.includes('--check')

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
try {
  execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' })
} catch {
  console.error(
    `make-models: compiling test/support/onnx failed (tsc -p ${relative(root, project)}); fix the errors above.`,
  )
  process.exit(1)
}

const { fixtureFiles } = await import(pathToFileURL(join(outDir, 'test/support/onnx/fixture-files.js')).href)
const files = await fixtureFiles()

let stale = 0
for (const file of files) {
  const target = join(root, file.path)
  const current = await readFile(target).catch(() => undefined)
  const same = current !== undefined && Buffer.compare(current, Buffer.from(file.bytes)) === 0
  if (check) {
    if (!same) stale++
    console.log(`${same ? 'up to date' : current === undefined ? 'MISSING   ' : 'STALE     '}  ${file.path}`)
    continue
  }
  await mkdir(dirname(target), { recursive: true })
  if (!same) await writeFile(target, file.bytes)
  console.log(`${same ? 'unchanged' : 'wrote    '}  ${file.path}  (${file.bytes.length} bytes)`)
}
if (check && stale > 0) {
  console.error(
    `make-models: ${stale} file(s) differ from what the generator makes; run \`npm run models\` and commit them.`,
  )
  process.exit(1)
}
