// Bench rows (issue 8, owner: FUZZ): what a fuzz case costs over the inferences it makes, and whether
// memory grows with the number of cases, on the ~2 ms 1×3×48×192 float32 classifier (bench/models.mjs).
//
// Time: the `repeatable` property (3 runs of each generated input) through `runFuzz`, and through the
// `toSurviveFuzzing` matcher as Vitest calls it; against it, a raw `session.run` loop (same session
// options) over the very inputs that run fed, in the same order. They alternate in one process, 21
// rounds, the order flipping every round (bench/paired.mjs), three models and three sessions a side used in
// turn; per round the ratio fuzz / raw is taken and the median is the criterion (target ≤ 1.05), printed after
// an A/A control (the raw loop against itself on other sessions). The fuzz side pays for generating and
// materializing every case, comparing outputs, the device's checks and fast-check itself: that is the cost.
//
// Memory (the method of bench/memory.mjs): `runFuzz` with numRuns 1000 vs 50, each in its own child, live memory
// (heapUsed + external after gc) sampled from inside the run, by the model after every 5th inference, peak −
// a baseline settled after the warm-up (target: growth ≤ 8 MiB, and at least 10 samples in the larger run).
// The CONTROL runs the same with a model that keeps a copy of every input it is fed: it must grow by what it kept.
import { pathToFileURL } from 'node:url'
import { growthMiB, memoryChild, MiB, peakMiB, sampledRun, samplesCheck, sampling, signed } from './memory.mjs'
import { textClassifier } from './models.mjs'
import { alternate, describeRatios, median } from './paired.mjs'

const root = new URL('..', import.meta.url)
const dist = (p) => import(new URL(`dist/${p}`, root).href)
const SESSION_OPTIONS = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'extended',
  executionMode: 'sequential',
}

/**
 * The model as an `InferableModel` that counts its inferences and, while `recording` is set, keeps a copy of
 * every input it was fed (the fuzz reuses its input buffers from case to case, hence the copy; the timed runs
 * do not record, so the copies cost the fuzz side nothing).
 */
function counting(model) {
  const wrapper = {
    inputs: model.inputs,
    outputs: model.outputs,
    calls: 0,
    recording: undefined,
    infer: (x, o) => {
      wrapper.calls++
      if (wrapper.recording !== undefined) {
        // A case feeds one input `runs` times: keep one copy, fed again (as the raw loop then does).
        const last = wrapper.recording.at(-1)
        const same = last !== undefined && Object.entries(x).every(([k, t]) => sameBytes(last[k]?.data, t.data))
        wrapper.recording.push(
          same ? last : Object.fromEntries(Object.entries(x).map(([k, t]) => [k, { ...t, data: t.data.slice() }])),
        )
      }
      return model.infer(x, o)
    },
  }
  return wrapper
}

const sameBytes = (a, b) =>
  a !== undefined &&
  a.byteLength === b.byteLength &&
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0

/**
 * Time rows: the engine and the matcher, each against a raw `session.run` loop over the very inputs the fuzz
 * fed, in the same order (recorded in an untimed run of the same seed: a healthy model makes the same cases).
 * One more row compares the engine with the old denominator, a raw loop over one fixed input, for context:
 * the difference between the two is what fresh inputs cost ONNX Runtime itself.
 */
async function timeRows({ numRuns, rounds }) {
  const { default: ort } = await import('onnxruntime-node')
  const { openDevice, syntheticInputs } = await dist('src/index.js')
  const { runFuzz } = await dist('src/entry/fuzz.js')
  const { toSurviveFuzzing } = await dist('matchers/to-survive-fuzzing.js')
  const built = await textClassifier()
  // Three sessions and three device models a side, used in turn (round r: copy r mod 3), as in
  // runtime-overhead.mjs: two sessions of one model differ by up to ±1 %, and one a side measured that luck.
  const COPIES = 3
  const sessions = [],
    controls = [],
    models = []
  const device = await openDevice('onnx')
  for (let c = 0; c < COPIES; c++) {
    sessions.push(await ort.InferenceSession.create(built.bytes, SESSION_OPTIONS))
    controls.push(await ort.InferenceSession.create(built.bytes, SESSION_OPTIONS))
    models.push(counting(await device.load(built.bytes, { threads: 1 })))
  }
  const pick = (list, round) => list[(round + COPIES) % COPIES]
  const x = syntheticInputs(models[0].inputs, { seed: 7, kind: 'uniform', range: [-1, 1] }).x
  const fixedFeeds = { x: new ort.Tensor('float32', x.data, [...x.shape]) }
  const options = { properties: ['repeatable'], numRuns }
  const state = { isNot: false }
  const sides = {
    runFuzz: async (model, seed) => {
      const r = await runFuzz(model, { ...options, seed })
      if (!r.passed) throw new Error('the healthy model failed repeatable: the bench measures nothing')
    },
    toSurviveFuzzing: async (model, seed) => {
      const r = await toSurviveFuzzing.call(state, model, { ...options, seed })
      if (!r.pass) throw new Error('the healthy model failed repeatable: the bench measures nothing')
    },
  }
  const seedOf = (round) => 100 + round
  // Untimed, before any timing: each round's inputs, recorded by a run of the same seed (a healthy model makes the
  // same cases on every copy). Recording between timed rounds left the copies' garbage to whichever side ran next,
  // and the fuzz side, which allocates more, paid for it (+4 %). Both fuzz sides use the same seeds, so one
  // recording serves them.
  const fed = new Map()
  const recorder = models[0]
  for (let r = -1; r < rounds; r++) {
    recorder.recording = []
    await sides.runFuzz(recorder, seedOf(r))
    const tensors = new Map()
    fed.set(
      r,
      recorder.recording.map((feeds) => {
        if (!tensors.has(feeds)) {
          const entries = Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor(t.dtype, t.data, [...t.shape])])
          tensors.set(feeds, Object.fromEntries(entries))
        }
        return tensors.get(feeds)
      }),
    )
    recorder.recording = undefined
  }
  // Every copy warmed before timing (ONNX Runtime's first runs of a session, the first fuzz run of a model):
  // alternate() warms only the copy of its round −1.
  for (let c = 0; c < COPIES; c++) {
    await sides.runFuzz(models[c], seedOf(-1))
    for (const session of [sessions[c], controls[c]]) for (const feeds of fed.get(-1)) await session.run(feeds)
  }
  const rawOver = (list) => async (round) => {
    const session = pick(list, round)
    for (const feeds of fed.get(round)) await session.run(feeds)
  }
  const rawFixed = async (round) => {
    const session = pick(sessions, round)
    for (let i = 0; i < fed.get(round).length; i++) await session.run(fixedFeeds)
  }
  const fuzzOf = (side) => async (round) => {
    const model = pick(models, round)
    const start = model.calls
    await side(model, seedOf(round))
    if (model.calls - start !== fed.get(round).length)
      throw new Error(`a timed run made ${model.calls - start} inferences, its recorded run ${fed.get(round).length}`)
  }
  const perCase = (s, side) => `${(median(s[side].map((t) => t.wall)) / numRuns).toFixed(2)} ms`
  const n = fed.get(0).length
  const row = (name, s, { target, note = '' }) => {
    const ratio = median(s.wall)
    return {
      name,
      value: ratio.toFixed(3),
      detail: `${describeRatios(s.wall)}; ${n} inferences per run, per case ${perCase(s, 'ours')} vs ${perCase(s, 'raw')} raw${note}`,
      ...(target === undefined ? {} : { target: `≤ ${target}`, pass: ratio <= target }),
    }
  }
  const control = await alternate(rawOver(controls), rawOver(sessions), rounds)
  const rows = [
    row('control: session.run over the fed inputs / the same on other sessions', control, {
      note: "; the method's own noise: no target",
    }),
  ]
  for (const c of controls) await c.release()
  for (const [label, side] of Object.entries(sides)) {
    const s = await alternate(fuzzOf(side), rawOver(sessions), rounds)
    rows.push(row(`${label}: repeatable, ${numRuns} cases / session.run over the inputs it fed`, s, { target: 1.05 }))
  }
  const fixed = await alternate(fuzzOf(sides.runFuzz), rawFixed, rounds)
  rows.push(
    row(`runFuzz: repeatable, ${numRuns} cases / session.run over one fixed input`, fixed, {
      note: '; context, no target',
    }),
  )
  await device.dispose()
  for (const session of sessions) await session.release()
  return rows
}

// A sample every 5th inference, prime to the 3 runs of a `repeatable` case, so samples fall at every point of a case.
const SAMPLE_EVERY = 5

/**
 * The CONTROL's buffering: a copy of every input the model is fed, and their bytes (consecutive identical inputs
 * are kept once: a case feeds its input 3 times).
 */
function inputKeeper() {
  const kept = []
  const keeper = {
    bytes: 0,
    keep: (x) => {
      if (kept.length > 0 && Object.entries(x).every(([k, t]) => sameBytes(kept.at(-1)[k], t.data))) return
      kept.push(Object.fromEntries(Object.entries(x).map(([k, t]) => [k, t.data.slice()])))
      for (const t of Object.values(x)) keeper.bytes += t.data.byteLength
    },
  }
  return keeper
}

/** In the child: load, warm up, settle a baseline, fuzz while sampling from inside the run, report JSON. */
async function child(mode, numRuns) {
  const { openDevice } = await dist('src/index.js')
  const { runFuzz } = await dist('src/entry/fuzz.js')
  const built = await textClassifier()
  const device = await openDevice('onnx')
  const keeper = mode === 'keep-inputs' ? inputKeeper() : undefined
  const model = sampling(await device.load(built.bytes, { threads: 1 }), { every: SAMPLE_EVERY, onInput: keeper?.keep })
  await runFuzz(model, { properties: ['repeatable'], numRuns: 2, seed: 1 })
  const { result, memory } = await sampledRun(model, () =>
    runFuzz(model, { properties: ['repeatable'], numRuns, seed: 2 }),
  )
  await device.dispose()
  process.stdout.write(
    JSON.stringify({
      ...memory,
      keptBytes: keeper?.bytes ?? 0,
      maxRssKiB: process.resourceUsage().maxRSS,
      passed: result.passed,
      cases: result.properties.find((p) => p.name === 'repeatable')?.casesRun,
    }),
  )
}

const measure = (mode, numRuns) =>
  memoryChild(import.meta.url, ['--child', mode, numRuns], `fuzz memory child (${mode}, numRuns ${numRuns})`)

/**
 * Two rows: runFuzz's growth from `small` to `large` cases, and the CONTROL, the same runs keeping every input,
 * which must grow by the bytes it kept. Either fails if its larger run took fewer than 10 samples.
 */
function memoryRows({ small, large }) {
  return ['fuzz', 'keep-inputs'].map((mode) => {
    const a = measure(mode, small)
    const b = measure(mode, large)
    const growth = growthMiB(a, b)
    const fmt = (m, n) =>
      `numRuns ${n}: ${m.samples} samples in ${m.inferences} inferences, peak ${signed(peakMiB(m), 1)} MiB live` +
      `, RSS peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB, ${m.cases} cases${m.keptBytes > 0 ? `, ${(m.keptBytes / MiB).toFixed(1)} MiB kept` : ''}`
    const sampled = samplesCheck(b)
    const detail = `${fmt(a, small)}; ${fmt(b, large)}${sampled.note}`
    const value = `${signed(growth, 2)} MiB`
    if (mode === 'fuzz') {
      const name = `runFuzz memory, repeatable, numRuns ${large} vs ${small}`
      return { name, value, detail, target: '≤ 8 MiB growth', pass: sampled.enough && growth <= 8 }
    }
    // The control must grow by what it kept, or the method is blind.
    const kept = (b.keptBytes - a.keptBytes) / MiB
    return {
      name: `memory, CONTROL: runFuzz keeping a copy of every input it feeds, numRuns ${large} vs ${small}`,
      value,
      detail,
      target: `≈ ${kept.toFixed(1)} MiB kept (±10 %): proves the method sees buffering`,
      pass: sampled.enough && Math.abs(growth - kept) <= 0.1 * kept,
    }
  })
}

/**
 * Measure; returns the rows of the bench table. A timed fuzz run is of the default size (`DEFAULT_NUM_RUNS`, 50
 * cases), as a user's run is: its fixed cost (options, building the property, the device's info) is spread over the
 * cases a real run has, not over an arbitrary smaller number.
 */
export async function run({ numRuns, rounds = 21, small = 50, large = 1000 } = {}) {
  const { DEFAULT_NUM_RUNS } = await dist('src/entry/fuzz.js')
  // Memory first: a child forked later would start from this process's high-water mark (its RSS peak would say so).
  const memory = memoryRows({ small, large })
  return [...(await timeRows({ numRuns: numRuns ?? DEFAULT_NUM_RUNS, rounds })), ...memory]
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]))
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `node bench/fuzz-overhead.mjs --quick`: a short check that the script works (not a measurement).
  const quick = process.argv.includes('--quick')
  for (const r of await run(quick ? { numRuns: 5, rounds: 2, small: 5, large: 20 } : {})) console.log(r)
}
