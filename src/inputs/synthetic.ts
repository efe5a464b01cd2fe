// PROVISIONAL(DETERMINISM): the smallest honest seeded input generator, written because
// runDeterminism needs `syntheticInputs` and this file did not exist yet. INPUTS owns this file:
// replace it with the description-based generator (same name and call shape) when ready.
/**
 * Seeded synthetic inputs for models run without an explicit input: same seed, same bytes.
 * @packageDocumentation
 */
import { InputMismatchError } from '../errors.js'
import { createPrng } from '../random/prng.js'
import type { Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { invalidParameter } from '../validate.js'

/** What to generate; for now only the seed. */
export interface SyntheticDescription {
  readonly seed: number
}

/**
 * One tensor per declared input, filled from a PRNG seeded with `seed + input index`: uint8/uint16
 * over their full range, signed integers over a small range, floats uniform in [0, 1). A symbolic
 * first dimension (batch) becomes 1; any other symbolic dimension cannot be guessed and is refused.
 * @example
 * ```ts
 * const inputs = await syntheticInputs(model.inputs, 42)
 * ```
 */
export async function syntheticInputs(
  infos: readonly TensorInfo[],
  description: number | SyntheticDescription,
): Promise<Record<string, Tensor>> {
  const seed = typeof description === 'number' ? description : description?.seed
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw invalidParameter('seed', 'an integer between 0 and 4294967295', seed)
  }
  const result: Record<string, Tensor> = {}
  infos.forEach((info, index) => {
    const shape = info.shape.map((d, axis) => {
      if (typeof d === 'number') return d
      if (axis === 0) return 1
      throw new InputMismatchError(
        `Cannot make a synthetic input for "${info.name}": its dimension ${axis} is symbolic ("${d}"). Pass an input explicitly.`,
      )
    })
    const n = shape.reduce((a, b) => a * b, 1)
    const rng = createPrng((seed + index) >>> 0)
    result[info.name] = { data: fill(info.dtype, n, rng), shape, dtype: info.dtype } as Tensor
  })
  return result
}

function fill(dtype: TensorInfo['dtype'], n: number, rng: ReturnType<typeof createPrng>): TypedArray {
  switch (dtype) {
    case 'uint8': return Uint8Array.from({ length: n }, () => rng.nextU32() & 0xff)
    case 'uint16': return Uint16Array.from({ length: n }, () => rng.nextU32() & 0xffff)
    case 'int8': return Int8Array.from({ length: n }, () => (rng.nextU32() & 0xff) - 128)
    case 'int16': return Int16Array.from({ length: n }, () => (rng.nextU32() & 0xff) - 128)
    case 'int32': return Int32Array.from({ length: n }, () => (rng.nextU32() & 0xff) - 128)
    case 'int64': return BigInt64Array.from({ length: n }, () => BigInt((rng.nextU32() & 0xff) - 128))
    case 'float64': return Float64Array.from({ length: n }, () => rng.next())
    default: return Float32Array.from({ length: n }, () => rng.next())
  }
}
