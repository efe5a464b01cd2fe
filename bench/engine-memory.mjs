// Bench row (owner: INTEGRATION): peak memory of the determinism engine (runDeterminism) for n = 1000
// vs n = 10 on the large-output model (256 KiB float32 output per run: buffering 1000 outputs would
// hold 250 MiB). Target: growth ≤ 8 MiB, and at least 10 samples in the larger run.
//
// The method is bench/memory.mjs: each (model, n) in its own child, live memory (heapUsed + external after
// gc) sampled by the model after every inference, peak − a baseline settled after loading and one warm-up
// inference. Peak RSS (`process.resourceUsage().maxRSS`) is reported too, for the whole child; it includes
// unreclaimed garbage and allocator slack, so it is an upper bound, not the criterion.
// Two models: the healthy one (every run identical: one group) and the same model behind
// `faulty:random` (every run different: the engine must keep only its few exemplars). The CONTROL, a loop
// that keeps every output, must grow by what it kept, or the method is blind.
import { pathToFileURL } from 'node:url'
import { growthMiB, memoryChild, peakMiB, sampledRun, samplesCheck, sampling, signed } from './memory.mjs'

const root = new URL('..', import.meta.url)
const MODEL = new URL('examples/models/large-output.onnx', root).pathname

/** In the child: load, warm up, settle a baseline, run the engine (or the CONTROL) sampling every inference. */
async function child(mode, spec, runs) {
  const { openDevice, runDeterminism, syntheticInputs } = await import(new URL('dist/src/index.js', root).href)
  const device = await openDevice(spec)
  // Every inference: the runs are all alike, and the 10-run child needs its samples too.
  const model = sampling(await device.load(MODEL), { every: 1 })
  const input = syntheticInputs(model.inputs, 99)
  await model.infer(input)
  const { result, memory } = await sampledRun(model, async () => {
    if (mode === 'engine') return runDeterminism(model, { runs, input, seed: 1 })
    // The control: a loop that keeps every output, to show the method sees buffering when it happens.
    const kept = []
    for (let i = 0; i < runs; i++) kept.push(await model.infer(input))
    return { groups: kept }
  })
  await device.dispose()
  const report = { ...memory, maxRssKiB: process.resourceUsage().maxRSS, groups: result.groups.length }
  process.stdout.write(JSON.stringify({ ...report, deterministic: result.deterministic }))
}

const measure = (mode, spec, runs) =>
  memoryChild(import.meta.url, ['--child', mode, spec, runs], `memory child (${spec}, n=${runs})`, 300_000)

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
    const growth = growthMiB(small, large)
    const control = mode === 'buffering'
    const kept = (m) => (control ? `${m.groups} outputs kept` : `${m.groups} group${m.groups === 1 ? '' : 's'} kept`)
    const fmt = (m, n) =>
      `n=${n}: ${m.samples} samples in ${m.inferences} inferences, peak ${signed(peakMiB(m), 1)} MiB live` +
      `, RSS peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB, ${kept(m)}`
    const sampled = samplesCheck(large)
    rows.push({
      name: `${control ? 'memory' : 'engine memory'}, large-output model, ${label}`,
      value: `${signed(growth, 2)} MiB`,
      detail: `${fmt(small, 10)}; ${fmt(large, 1000)}${sampled.note}`,
      // The control must grow by about n × 256 KiB, or the method is blind.
      target: control ? '≈ 247 MiB (990 × 256 KiB): proves the method sees buffering' : '≤ 8 MiB growth n=1000 vs n=10',
      pass: sampled.enough && (control ? growth > 200 : growth <= 8),
    })
  }
  return rows
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]))
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(r)
}
