// The bench's memory method, shared by its memory rows (engine-memory.mjs, fuzz-overhead.mjs): each run in its own
// child (`node --expose-gc`), live memory (heapUsed + external after gc) sampled from inside the run by the model
// itself, peak − a baseline read once the warm-up's garbage is really gone. A row trusts a peak only from enough
// samples, and each row has a CONTROL that buffers on purpose and must grow by what it kept.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const MiB = 1024 * 1024

/** Samples a larger run must take for its peak to be trusted. */
export const MIN_SAMPLES = 10

/** Live memory now: what is still reachable after a full gc, JavaScript heap and native (external) alike. */
export function live() {
  globalThis.gc()
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

/**
 * Live memory once the warm-up's garbage is really gone. `gc()` frees the heap at once, but native memory behind
 * freed tensors leaves `external` only on a later turn of the event loop (0.2–1.9 MiB after a fuzz warm-up run,
 * 0.6–0.8 MiB after the large-output model's warm-up inference, measured): a baseline read at once sat above the
 * run's samples and understated every peak by that much.
 */
export async function settledLive() {
  let last = live()
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    const now = live()
    if (Math.abs(now - last) < 16 * 1024) return now
    last = now
  }
  return last
}

/**
 * The model as an `InferableModel` that samples live memory from inside the run, after every `every`-th inference
 * resolves, while that inference's input and outputs are still held (a timer would fire only if the run reached
 * libuv's timers phase, and at no chosen point). `onInput` (a CONTROL's buffering) sees each input first. Nothing
 * is sampled or passed to `onInput` outside {@link sampledRun}.
 */
export function sampling(model, { every, onInput } = {}) {
  const wrapper = {
    inputs: model.inputs,
    outputs: model.outputs,
    active: false,
    calls: 0,
    samples: 0,
    peak: -Infinity,
    infer: async (x, o) => {
      if (wrapper.active) onInput?.(x)
      const outputs = await model.infer(x, o)
      if (wrapper.active && ++wrapper.calls % every === 0) {
        wrapper.samples++
        wrapper.peak = Math.max(wrapper.peak, live())
      }
      return outputs
    },
  }
  return wrapper
}

/**
 * Settle a baseline, then `run()` with the {@link sampling} model `model` active; returns the run's result and its
 * memory: baseline, peak (−Infinity if nothing was sampled), samples and inferences.
 */
export async function sampledRun(model, run) {
  const baseline = await settledLive()
  model.active = true
  try {
    const result = await run()
    return { result, memory: { baseline, peak: model.peak, samples: model.samples, inferences: model.calls } }
  } finally {
    model.active = false
  }
}

/**
 * Run `script` (a module URL) in its own `node --expose-gc` child with `args`; returns the JSON object it wrote last
 * on stdout. `what` names the child in the error when it fails.
 */
export function memoryChild(script, args, what, timeout = 600_000) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(script), ...args.map(String)], {
    encoding: 'utf8',
    timeout,
  })
  if (r.status !== 0) throw new Error(`${what} failed:\n${r.stdout}\n${r.stderr}`)
  const lines = r.stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

/** A child's peak over its baseline, in MiB. */
export const peakMiB = (m) => (m.peak - m.baseline) / MiB

/** Growth from the smaller run to the larger one, in MiB: what the extra runs held. */
export const growthMiB = (small, large) => peakMiB(large) - peakMiB(small)

/** Whether the larger run took enough samples, and what the row's detail says when it did not. */
export function samplesCheck(large) {
  const enough = large.samples >= MIN_SAMPLES
  const note = enough
    ? ''
    : `; FAILED: ${large.samples} samples in the larger run, at least ${MIN_SAMPLES} needed to trust its peak`
  return { enough, note }
}

/** `x` with its sign, `digits` decimals. */
export const signed = (x, digits) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`
