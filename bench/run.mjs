#!/usr/bin/env node
// `npm run bench`: the performance table (DESIGN.md §8). Measurements, not timed tests: each row says
// what it measured, the number, and the target; nothing here fails a build unless `--strict` is given
// (then the exit status is 1 when a row misses its target).
//
// Rows and owners:
//   against raw ORT  — bench/runtime-overhead.mjs (PERF): infer loop, runDeterminism, the matcher and the emulator
//                      vs the loop a user would write over onnxruntime-node's session.run (issue 9)
//   engine overhead  — bench/engine-overhead.mjs (INTEGRATION): toBeDeterministicAcross(200) vs a handwritten loop
//   engine memory    — bench/engine-memory.mjs   (INTEGRATION): n = 1000 vs n = 10 on the large-output model
//   synthetic input  — bench/synthetic.mjs      (FUZZ): materializing one 224×224×3 input from a description
//   fuzz             — bench/fuzz-overhead.mjs   (FUZZ): a fuzz case vs the inferences it makes; memory numRuns 1000 vs
// 50
//   koffi overhead   — bench/koffi-overhead.mjs  (HAILORT): koffi path vs the same loop in C against the double
// Needs dist/ (npm run bench builds first).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

const root = new URL('..', import.meta.url)
const strict = process.argv.includes('--strict')
if (!existsSync(new URL('dist/src/index.js', root))) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench does).')
  process.exit(1)
}

const sections = [
  [
    'Against what users would write instead (1×3×48×192 float32 classifier of ~2 ms, 1 thread, 31 alternating rounds of 100 runs; median of per-round ratios ours / raw with its 95 % interval, beside an A/A control)',
    async () => (await import('./runtime-overhead.mjs')).run(),
  ],
  [
    'Determinism engine overhead (ConvNeXt-like fixture, ONNX Runtime, 1 thread, same process, alternating)',
    async () => (await import('./engine-overhead.mjs')).run(),
  ],
  [
    'Determinism engine memory (child processes with --expose-gc; live = heapUsed + external after gc, peak − baseline)',
    async () => (await import('./engine-memory.mjs')).run(),
  ],
  [
    'Input generation (src/inputs/synthetic.ts; median of 200 calls)',
    async () => (await import('./synthetic.mjs')).run(),
  ],
  [
    'Fuzzing (1×3×48×192 float32 classifier of ~2 ms, 1 thread; time: 21 alternating rounds, ratio fuzz / raw session.run over the very inputs the fuzz fed; memory: child processes, live after gc)',
    async () => (await import('./fuzz-overhead.mjs')).run(),
  ],
]

// Each section runs in a process of its own, so that none measures the state another left behind (its sessions,
// the 120 MB of 224×224×3 inputs the synthetic rows generate, type feedback from other dtypes). Measured once, the
// effect was within the noise (fuzz rows 1.051–1.065 in their own process, 1.029–1.078 after the other sections):
// the isolation is for a clean method, not a number.
const ROWS = 'vitest-hailo-bench-rows:'
const only = process.argv.indexOf('--section')
if (only !== -1) {
  const [, measure] = sections[Number(process.argv[only + 1])]
  process.stdout.write(`\n${ROWS}${JSON.stringify(await measure())}\n`)
  process.exit(0)
}

/** The rows of section `index`, measured in a child process. */
function measureApart(index) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--section', String(index)], {
    encoding: 'utf8',
    timeout: 1_800_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = r.stdout.split('\n').find((l) => l.startsWith(ROWS))
  if (r.status !== 0 || line === undefined) {
    throw new Error(
      `its process ended with ${r.status ?? r.signal}: ${r.stdout.trim().split('\n').slice(-3).join(' / ')}`,
    )
  }
  return JSON.parse(line.slice(ROWS.length))
}

console.log(
  `vitest-hailo bench — node ${process.version}, ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
let missed = 0
for (const [index, [title]] of sections.entries()) {
  console.log(`\n${title}`)
  let rows
  try {
    rows = measureApart(index)
  } catch (error) {
    missed++
    console.log(`  could not measure: ${error instanceof Error ? error.message : String(error)}`)
    continue
  }
  const width = Math.max(...rows.map((r) => r.name.length))
  for (const r of rows) {
    const verdict = r.target === undefined ? '' : `  target ${r.target}: ${r.pass ? 'ok' : 'MISSED'}`
    if (r.target !== undefined && !r.pass) missed++
    console.log(`  ${r.name.padEnd(width)}  ${String(r.value).padStart(12)}${verdict}`)
    if (r.detail) console.log(`  ${''.padEnd(width)}  ${r.detail}`)
  }
}

// HAILORT's row runs in its own process: it points HAILORT_LIB at the test double it builds.
const koffi = fileURLToPath(new URL('koffi-overhead.mjs', import.meta.url))
if (existsSync(koffi)) {
  console.log('')
  const r = spawnSync(process.execPath, [koffi], { encoding: 'utf8', timeout: 600_000 })
  process.stdout.write(r.stdout.replace(/^(?=.)/gm, ''))
  if (r.status !== 0) {
    missed++
    console.log(
      `  koffi overhead could not be measured (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`,
    )
  } else if (/OVER/.test(r.stdout)) missed++
}

console.log(
  `\n${missed === 0 ? 'Every row within its target.' : `${missed} row(s) missed their target or could not be measured.`}`,
)
process.exit(strict && missed > 0 ? 1 : 0)
