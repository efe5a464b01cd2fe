// Bench rows (issue 8, owner: FUZZ): what a fuzz case costs over the inferences it makes, and whether
// memory grows with the number of cases, on the ~2 ms 1×3×48×192 float32 classifier (bench/models.mjs).
//
// Time: the `repeatable` property (3 runs of each generated input) through `runFuzz`, and through the
// `toSurviveFuzzing` matcher as Vitest calls it, each over a model wrapper that counts the inferences
// the run made; against it, a raw `session.run` loop of that many inferences on the same session options.
// They alternate, the order flipping every round, so the machine's load hits both; per round the ratio
// fuzz / raw is taken and the median is the criterion (target ≤ 1.05). The fuzz side pays for
// generating and materializing every case, comparing outputs and fast-check itself: that is the cost.
//
// Memory: `runFuzz` with numRuns 1000 vs 50, each in its own child (`node --expose-gc`), live memory
// (heapUsed + external after gc) sampled every 5 ms, peak − baseline (target: growth ≤ 8 MiB).
import { spawnSync } from 'node:child_process'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { textClassifier } from './models.mjs'

const root = new URL('..', import.meta.url)
const dist = (p) => import(new URL(`dist/${p}`, root).href)
const SESSION_OPTIONS = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'extended',
  executionMode: 'sequential',
}
const MiB = 1024 * 1024

const median = (values) => {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The model as an `InferableModel` that counts its inferences. */
function counting(model) {
  const wrapper = {
    inputs: model.inputs,
    outputs: model.outputs,
    calls: 0,
    infer: (x, o) => {
      wrapper.calls++
      return model.infer(x, o)
    },
  }
  return wrapper
}

async function timed(fn) {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** Time rows: engine and matcher, each against a raw loop of as many inferences as it made. */
async function timeRows({ numRuns, rounds }) {
  const { default: ort } = await import('onnxruntime-node')
  const { openDevice, syntheticInputs } = await dist('src/index.js')
  const { runFuzz } = await dist('src/entry/fuzz.js')
  const { toSurviveFuzzing } = await dist('matchers/to-survive-fuzzing.js')
  const built = await textClassifier()
  const session = await ort.InferenceSession.create(built.bytes, SESSION_OPTIONS)
  const device = await openDevice('onnx')
  const model = counting(await device.load(built.bytes, { threads: 1 }))
  const x = syntheticInputs(model.inputs, { seed: 7, kind: 'uniform', range: [-1, 1] }).x
  const feeds = { x: new ort.Tensor('float32', x.data, [...x.shape]) }
  const options = { properties: ['repeatable'], numRuns }
  const state = { isNot: false }
  const sides = {
    runFuzz: async (seed) => {
      const r = await runFuzz(model, { ...options, seed })
      if (!r.passed) throw new Error('the healthy model failed repeatable: the bench measures nothing')
    },
    toSurviveFuzzing: async (seed) => {
      const r = await toSurviveFuzzing.call(state, model, { ...options, seed })
      if (!r.pass) throw new Error('the healthy model failed repeatable: the bench measures nothing')
    },
  }
  const rows = []
  for (const [label, fuzz] of Object.entries(sides)) {
    // Warm-up (ONNX Runtime's first runs, V8's compilation), and how many inferences a run of numRuns cases makes.
    const before = model.calls
    await fuzz(1)
    const n = model.calls - before
    const raw = async () => {
      for (let i = 0; i < n; i++) await session.run(feeds)
    }
    await raw()
    const ratios = [],
      fuzzMs = [],
      rawMs = []
    for (let r = 0; r < rounds; r++) {
      const start = model.calls
      const seed = 100 + r
      let f, t
      if (r % 2 === 0) {
        f = await timed(() => fuzz(seed))
        t = await timed(raw)
      } else {
        t = await timed(raw)
        f = await timed(() => fuzz(seed))
      }
      if (model.calls - start !== n)
        throw new Error(`a run made ${model.calls - start} inferences, the warm-up ${n}: the raw loop would not match`)
      fuzzMs.push(f)
      rawMs.push(t)
      ratios.push(f / t)
    }
    const ratio = median(ratios)
    rows.push({
      name: `${label}: repeatable, ${numRuns} cases / session.run × the inferences it made`,
      value: ratio.toFixed(3),
      detail:
        `median of ${rounds} rounds, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}; ` +
        `${n} inferences per run, per case ${(median(fuzzMs) / numRuns).toFixed(2)} ms vs ${(median(rawMs) / numRuns).toFixed(2)} ms raw`,
      target: '≤ 1.05',
      pass: ratio <= 1.05,
    })
  }
  await device.dispose()
  await session.release()
  return rows
}

const live = () => {
  globalThis.gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

/** In the child: load, warm up, baseline, fuzz with sampling, report JSON. */
async function child(numRuns) {
  const { openDevice } = await dist('src/index.js')
  const { runFuzz } = await dist('src/entry/fuzz.js')
  const built = await textClassifier()
  const device = await openDevice('onnx')
  const model = await device.load(built.bytes, { threads: 1 })
  await runFuzz(model, { properties: ['repeatable'], numRuns: 2, seed: 1 })
  const baseline = live()
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, live())
  }, 5)
  const result = await runFuzz(model, { properties: ['repeatable'], numRuns, seed: 2 })
  peak = Math.max(peak, live())
  clearInterval(timer)
  await device.dispose()
  process.stdout.write(
    JSON.stringify({
      baseline,
      peak,
      maxRssKiB: process.resourceUsage().maxRSS,
      passed: result.passed,
      cases: result.properties.find((p) => p.name === 'repeatable')?.casesRun,
    }),
  )
}

function measure(numRuns) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(numRuns)], {
    encoding: 'utf8',
    timeout: 600_000,
  })
  if (r.status !== 0) throw new Error(`fuzz memory child (numRuns ${numRuns}) failed:\n${r.stdout}\n${r.stderr}`)
  const lines = r.stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

function memoryRow({ small, large }) {
  const a = measure(small)
  const b = measure(large)
  const growth = (b.peak - b.baseline - (a.peak - a.baseline)) / MiB
  const fmt = (m, n) =>
    `numRuns ${n}: +${((m.peak - m.baseline) / MiB).toFixed(1)} MiB live, RSS peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB, ${m.cases} cases`
  return {
    name: `runFuzz memory, repeatable, numRuns ${large} vs ${small}`,
    value: `${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MiB`,
    detail: `${fmt(a, small)}; ${fmt(b, large)}`,
    target: '≤ 8 MiB growth',
    pass: growth <= 8,
  }
}

/** Measure; returns the rows of the bench table. */
export async function run({ numRuns = 30, rounds = 9, small = 50, large = 1000 } = {}) {
  return [...(await timeRows({ numRuns, rounds })), memoryRow({ small, large })]
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]))
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `node bench/fuzz-overhead.mjs --quick`: a short check that the script works (not a measurement).
  const quick = process.argv.includes('--quick')
  for (const r of await run(quick ? { numRuns: 5, rounds: 2, small: 5, large: 20 } : {})) console.log(r)
}
