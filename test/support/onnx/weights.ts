/**
 * Seeded weights for fixture models, from the project's own PRNG (`createPrng`). Only + − × ÷ and
 * `Math.sqrt` (correctly rounded) are used, so the values — and the model bytes — are the same on
 * every machine.
 * @packageDocumentation
 */
import { createPrng, type Prng } from '../../../src/random/prng.js'

/** A seeded source of weight tensors. */
export interface WeightSource {
  /** `count` values uniform in [−limit, limit), rounded to float32. */
  uniform(count: number, limit: number): Float32Array
  /** `count` values uniform in [center − spread, center + spread). */
  around(count: number, center: number, spread: number): Float32Array
  /**
   * PyTorch's default initialisation of a layer with `fanIn` inputs: uniform in ±1/√fanIn.
   * Keeps activations of a random network in a sane range at every depth.
   */
  kaiming(count: number, fanIn: number): Float32Array
}

/**
 * A weight source seeded with `seed`; the same seed gives the same weights in the same order.
 * @example
 * ```ts
 * const w = seededWeights(7)
 * const kernel = w.kaiming(16 * 3 * 3 * 3, 3 * 3 * 3)
 * ```
 */
export function seededWeights(seed: number): WeightSource {
  const rng: Prng = createPrng(seed)
  const around = (count: number, center: number, spread: number): Float32Array => {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`Expected a non-negative integer count but received ${count}`)
    const out = new Float32Array(count)
    for (let i = 0; i < count; i++) out[i] = center + (2 * rng.next() - 1) * spread
    return out
  }
  return {
    around,
    uniform: (count, limit) => around(count, 0, limit),
    kaiming: (count, fanIn) => around(count, 0, 1 / Math.sqrt(fanIn)),
  }
}
