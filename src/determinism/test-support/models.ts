/**
 * Hand-written models that misbehave the ways real devices do, for the determinism engine's and the
 * matcher's tests. Each is a plain `InferableModel`: no device, no runtime.
 */
import type { InferableModel } from '../../device/types.js'
import { createPrng } from '../../random/prng.js'
import type { Tensor, TensorInfo, TensorMap } from '../../tensor/types.js'

export const CLASSES = 5
const inputs: TensorInfo[] = [{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }]
const outputs: TensorInfo[] = [{ name: 'logits', shape: [1, CLASSES], dtype: 'float32', layout: 'NC' }]

/** The healthy computation: logits whose top-1 is class 1 for the default input. */
export function logitsOf(x: Tensor): Float32Array {
  const v = x.data as Float32Array
  const s = (v[0] ?? 0) + 2 * (v[1] ?? 0) + 3 * (v[2] ?? 0) + 4 * (v[3] ?? 0)
  return Float32Array.from({ length: CLASSES }, (_, c) => Math.cos(s * (c + 1)) + (c === 1 ? 3 : 0))
}

/** The input tests pass: `[0.1, 0.2, 0.3, 0.4]`. */
export const INPUT: Tensor = { data: new Float32Array([0.1, 0.2, 0.3, 0.4]), shape: [1, 4], dtype: 'float32' }

function wrap(data: Float32Array): TensorMap {
  return { logits: { data, shape: [1, CLASSES], dtype: 'float32' } }
}

/** A model built from a function of (input, call number from 1); counts its calls. */
export function modelFrom(compute: (x: Tensor, call: number) => Float32Array): InferableModel & { calls: number } {
  const model = {
    inputs,
    outputs,
    calls: 0,
    async infer(feeds: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
      model.calls++
      return wrap(compute(feeds.x!, model.calls))
    },
  }
  return model
}

export const deterministicModel = (): ReturnType<typeof modelFrom> => modelFrom((x) => logitsOf(x))

/** Noise: every call a different output (a seeded PRNG, so tests are reproducible). */
export function randomModel(seed = 1): ReturnType<typeof modelFrom> {
  const rng = createPrng(seed)
  return modelFrom(() => Float32Array.from({ length: CLASSES }, () => rng.next() * 8 - 4))
}

/** Uninitialized on first use: call 1 returns zeros, later calls the right answer. */
export const firstRunModel = (): ReturnType<typeof modelFrom> =>
  modelFrom((x, call) => (call === 1 ? new Float32Array(CLASSES) : logitsOf(x)))

/** Double buffering gone wrong: every other call is off by a little at class 3. */
export const alternatingModel = (): ReturnType<typeof modelFrom> =>
  modelFrom((x, call) => {
    const y = logitsOf(x)
    if (call % 2 === 0) y[3]! += 0.25
    return y
  })

/** Heating up: every call drifts a bit further at class 2. */
export const driftModel = (step = 0.01): ReturnType<typeof modelFrom> =>
  modelFrom((x, call) => {
    const y = logitsOf(x)
    y[2]! += step * call
    return y
  })

/** A stale buffer: each call answers for the input of the call before it. */
export function staleModel(): ReturnType<typeof modelFrom> {
  let previous: Float32Array | undefined
  return modelFrom((x) => {
    const answer = previous ?? new Float32Array(CLASSES)
    previous = logitsOf(x)
    return answer
  })
}

/** A deterministic model that hands back the very same buffer every call (legal, and common). */
export function reusedBufferModel(): InferableModel {
  const buffer = new Float32Array(CLASSES)
  return {
    inputs,
    outputs,
    async infer(feeds) {
      buffer.set(logitsOf(feeds.x!))
      return wrap(buffer)
    },
  }
}

/** Rarely wrong: calls listed in `bad` flip the top class. */
export const sporadicModel = (bad: ReadonlySet<number>): ReturnType<typeof modelFrom> =>
  modelFrom((x, call) => {
    const y = logitsOf(x)
    if (bad.has(call)) y[4]! += 10
    return y
  })

/** True when two float inputs hold the same values. */
export function sameInput(a: Tensor, b: Tensor): boolean {
  return a.data.length === b.data.length && a.data.every((v, i) => v === b.data[i])
}

/**
 * Healthy for every input but `target`, for which every call is noise (a fault that only some data
 * triggers, e.g. a saturating layer).
 */
export function misbehavesOnlyFor(target: Tensor, seed = 1): ReturnType<typeof modelFrom> {
  const rng = createPrng(seed)
  return modelFrom((x) =>
    sameInput(x, target) ? Float32Array.from({ length: CLASSES }, () => rng.next() * 8 - 4) : logitsOf(x),
  )
}
