// Bench row (owner: INTEGRATION): peak memory of the determinism engine (runDeterminism) for n = 1000
// vs n = 10 on the large-output model (256 KiB float32 output per run: buffering 1000 outputs would
// hold 250 MiB). Target: growth ≤ 8 MiB.
//
// How it is measured, and why:
// - each (model, n) runs in its own child process (`node --expose-gc`), so nothing from one
//   measurement (ORT arenas, V8 heap growth, caches) is left for the next;
// - "live" memory = heapUsed + external (ArrayBuffers and ORT's tensors are external), sampled every
//   5 ms during the run right after a forced `gc()`: what the engine retains, not garbage that the
//   collector has not reached yet (that depends on GC timing, not on n). The baseline is taken the
//   same way after the model is loaded and one warm-up inference, and the row reports peak − baseline;
// - peak RSS (`process.resourceUsage().maxRSS`) is reported too, for the whole child; it includes
//   unreclaimed garbage and allocator slack, so it is an upper bound, not the criterion.
// Two models: the healthy one (every run identical: one group) and the same model behind
// `faulty:random` (every run different: the engine must keep only its few exemplars).
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = new URL('..', import.meta.url)
const MODEL = new URL('examples/models/large-output.onnx', root).pathname
const MiB = 1024 * 1024

const live = () => {
  globalThis.gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

/** In the child: load, warm up, baseline, run the engine with sampling, report JSON. */
async function child(mode, spec, runs) {
  const { openDevice, runDeterminism, syntheticInputs } = await import(new URL('dist/src/index.js', root).href)
  const device = await openDevice(spec)
  const model = await device.load(MODEL)
  const input = syntheticInputs(model.inputs, 99)
  await model.infer(input)
  const baseline = live()
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, live())
  }, 5)
  let groups
  let deterministic
  if (mode === 'buffering') {
    // The control: a loop that keeps every output, to show the method sees buffering when it happens.
    const kept = []
    for (let i = 0; i < runs; i++) kept.push(await model.infer(input))
    peak = Math.max(peak, live())
    groups = kept.length
  } else {
    const result = await runDeterminism(model, { runs, input, seed: 1 })
    peak = Math.max(peak, live())
    groups = result.groups.length
    deterministic = result.deterministic
  }
  clearInterval(timer)
  await device.dispose()
  process.stdout.write(
    JSON.stringify({ baseline, peak, maxRssKiB: process.resourceUsage().maxRSS, groups, deterministic }),
  )
}

function measure(mode, spec, runs) {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, spec, String(runs)],
    { encoding: 'utf8', timeout: 300_000 },
  )
  if (r.status !== 0) throw new Error(`memory child (${spec}, n=${runs}) failed:\n${r.stdout}\n${r.stderr}`)
  return JSON.parse(r.stdout)
}

/** Measure; returns the rows of the bench table. */
export async function run() {
  const rows = []
  for (const [label, mode, spec] of [
    ['healthy (1 distinct output)', 'engine', 'onnx'],
    ['faulty:random (every run distinct)', 'engine', 'faulty:random,seed=5,inner=onnx'],
    ['CONTROL: a loop that keeps every output', 'buffering', 'onnx'],
  ]) {
    const small = measure(mode, spec, 10)
    const large = measure(mode, spec, 1000)
    const growth = (large.peak - large.baseline - (small.peak - small.baseline)) / MiB
    const kept = (m) => (control ? `${m.groups} outputs kept` : `${m.groups} group${m.groups === 1 ? '' : 's'} kept`)
    const fmt = (m, n) =>
      `n=${n}: +${((m.peak - m.baseline) / MiB).toFixed(1)} MiB live, RSS peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB, ${kept(m)}`
    const control = mode === 'buffering'
    rows.push({
      name: `${control ? 'memory' : 'engine memory'}, large-output model, ${label}`,
      value: `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MiB`,
      detail: `${fmt(small, 10)}; ${fmt(large, 1000)}`,
      // The control must grow by about n × 256 KiB, or the method is blind.
      target: control ? '≈ 247 MiB (990 × 256 KiB): proves the method sees buffering' : '≤ 8 MiB growth n=1000 vs n=10',
      pass: control ? growth > 200 : growth <= 8,
    })
  }
  return rows
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]))
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(r)
}
