/**
 * Seeded garbage shaped like a real tensor: same dtype and shape, values spread over the range the real
 * tensor had. As an output (`random`), a classifier's "prediction" lands on random classes; as an input
 * (`garbage-input`), the network itself turns it into a plausible prediction of a random class.
 * @packageDocumentation
 */
import type { Prng } from '../../../random/prng.js'
import type { Tensor, TensorMap, TypedArray } from '../../../tensor/types.js'

/** A deep copy of a tensor (its own buffer). */
export function cloneTensor(t: Tensor): Tensor {
  return { data: t.data.slice(), shape: [...t.shape], dtype: t.dtype } as Tensor
}

/** A deep copy of every output. */
export function cloneOutputs(outputs: TensorMap): TensorMap {
  return Object.fromEntries(Object.entries(outputs).map(([k, t]) => [k, cloneTensor(t)]))
}

function rangeOf(data: TypedArray): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  const values = data as ArrayLike<number | bigint>
  for (let i = 0; i < values.length; i++) {
    const n = Number(values[i])
    if (n < lo) lo = n
    if (n > hi) hi = n
  }
  return lo < hi ? [lo, hi] : [Math.min(0, lo), Math.max(1, hi)]
}

/**
 * Noise shaped like `like`: integers uniform over their dtype (uint8 / uint16) or over `like`'s range,
 * floats uniform over `like`'s range.
 * @example
 * ```ts
 * const garbage = noiseLike(realOutput, createPrng(seed))
 * ```
 */
export function noiseLike(like: Tensor, prng: Prng): Tensor {
  const out = cloneTensor(like)
  const data = out.data
  if (data instanceof Uint8Array) for (let i = 0; i < data.length; i++) data[i] = prng.nextU32() & 0xff
  else if (data instanceof Uint16Array) for (let i = 0; i < data.length; i++) data[i] = prng.nextU32() & 0xffff
  else {
    const [lo, hi] = rangeOf(like.data)
    if (data instanceof BigInt64Array)
      for (let i = 0; i < data.length; i++) data[i] = BigInt(Math.floor(lo + prng.next() * (hi - lo + 1)))
    else if (data instanceof Float32Array || data instanceof Float64Array)
      for (let i = 0; i < data.length; i++) data[i] = lo + prng.next() * (hi - lo)
    else for (let i = 0; i < data.length; i++) data[i] = Math.floor(lo + prng.next() * (hi - lo + 1))
  }
  return out
}

/** Noise for every output. */
export function noiseOutputs(outputs: TensorMap, prng: Prng): TensorMap {
  return noiseTensors(outputs, prng)
}

/**
 * Noise shaped like every tensor of a map (inputs or outputs), each drawn by {@link noiseLike}: for an
 * input, uint8 pixels uniform over 0–255, float values uniform over the frame's own range.
 * @example
 * ```ts
 * const garbageFrame = noiseTensors({ image: frame }, createPrng(seed))
 * ```
 */
export function noiseTensors(tensors: Readonly<Record<string, Tensor>>, prng: Prng): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, noiseLike(t, prng)]))
}

/** Flip `count` random bits of one randomly chosen non-empty output (in place on a copy). */
export function flipBits(outputs: TensorMap, prng: Prng, count: number): TensorMap {
  const copy = cloneOutputs(outputs)
  const names = Object.keys(copy).filter((k) => copy[k]!.data.byteLength > 0)
  if (names.length === 0) return copy
  const target = copy[names[prng.nextU32() % names.length]!]!
  const bytes = new Uint8Array(target.data.buffer, target.data.byteOffset, target.data.byteLength)
  for (let k = 0; k < count; k++) {
    const bit = prng.nextU32() % (bytes.length * 8)
    bytes[bit >> 3]! ^= 1 << (bit & 7)
  }
  return copy
}
