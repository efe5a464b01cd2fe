/**
 * The fill kernels behind `syntheticInputs`: random bits come from one bulk `fillU32` call straight
 * into the output's own bytes (no per-element PRNG call, no scratch buffer for uniform data), then
 * each element is mapped to its value in place, so a 224×224×3 input costs well under 1 ms.
 * Internal to `src/inputs`.
 * @packageDocumentation
 */
import type { Prng } from '../random/prng.js'
import type { TypedArray } from '../tensor/types.js'

/** A numeric (non-bigint) typed array, written through plain number stores. */
type NumArray = Exclude<TypedArray, BigInt64Array>

/**
 * Fill the bytes of `out` with random bits, in place, with one bulk PRNG call: afterwards each
 * element's own bytes are random (its low 32-bit word for 8-byte elements), ready to be mapped to a
 * value in place. Arrays from `typedArrayFor` start at byte 0, so the word view is aligned.
 */
function fillRandomBits(out: NumArray, rng: Prng): void {
  const words = out.byteLength >>> 2
  rng.fillU32(new Uint32Array(out.buffer, out.byteOffset, words))
  const tail = out.byteLength & 3
  if (tail !== 0) {
    const bytes = new Uint8Array(out.buffer, out.byteOffset + words * 4, tail)
    let r = rng.nextU32()
    for (let k = 0; k < tail; k++, r >>>= 8) bytes[k] = r & 0xff
  }
}

/** The random bits each element of `out` holds after {@link fillRandomBits}, as unsigned integers, and how many. */
function bitsView(out: NumArray): { raw: Uint8Array | Uint16Array | Uint32Array; step: number; bits: 8 | 16 | 32 } {
  const size = out.BYTES_PER_ELEMENT
  if (size === 1) return { raw: new Uint8Array(out.buffer, out.byteOffset, out.length), step: 1, bits: 8 }
  if (size === 2) return { raw: new Uint16Array(out.buffer, out.byteOffset, out.length), step: 1, bits: 16 }
  return { raw: new Uint32Array(out.buffer, out.byteOffset, out.byteLength >>> 2), step: size / 4, bits: 32 }
}

/**
 * Uniform integers in `[min, max]`: every element's own random bits (8 for 8-bit types, 16 for
 * 16-bit, 32 otherwise) scaled to the range, `min + floor(r · width / 2^bits)`. Ranges that are the
 * whole 8- or 16-bit type keep the bits as they are.
 */
export function fillUniformInt(out: NumArray, min: number, max: number, rng: Prng): void {
  fillRandomBits(out, rng)
  const { raw, step, bits } = bitsView(out)
  const width = max - min + 1
  const n = out.length
  if (bits === 8 || bits === 16) {
    if (width === 2 ** bits) return // the bytes are already uniform over the whole type (int8: −128…127 too)
    const shift = bits
    for (let i = 0; i < n; i++) out[i] = min + ((raw[i]! * width) >>> shift)
    return
  }
  const scale = width / 4294967296
  for (let i = 0, j = 0; i < n; i++, j += step) out[i] = min + Math.floor(raw[j]! * scale)
}

/** Uniform floats in `[min, max]` with 24 random bits each (a float32's precision), in place. */
export function fillUniformFloat(out: Float32Array | Float64Array, min: number, max: number, rng: Prng): void {
  const span = (max - min) / 16777216
  // float32 (the common case): drawn and mapped in one pass over the output.
  if (out instanceof Float32Array) {
    rng.fillFloat24(out, min, span)
    return
  }
  fillRandomBits(out, rng)
  const raw = new Uint32Array(out.buffer, out.byteOffset, out.length * 2)
  for (let i = 0; i < out.length; i++) out[i] = min + (raw[2 * i]! >>> 8) * span
}

/** Each element `lo` or `hi` at random: one random bit per element. */
export function fillSaturated(out: NumArray, lo: number, hi: number, rng: Prng): void {
  const n = out.length
  const words = new Uint32Array(Math.ceil(n / 32))
  rng.fillU32(words)
  const step = hi - lo
  // Branch-free: the bits are random, so a conditional would be mispredicted half the time.
  for (let i = 0; i < n; i++) out[i] = lo + ((words[i >>> 5]! >>> (i & 31)) & 1) * step
}

/** Copy numbers into an int64 tensor's BigInt64Array (int64 inputs are rare and small). */
export function toBigInt64(values: Float64Array): BigInt64Array {
  const out = new BigInt64Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]!)
  return out
}

/** Quantization of one input, reduced to what `fillQuantEdges` needs. */
export interface EdgeQuant {
  /** Per channel (or one entry for the whole tensor): scale and zero point. */
  readonly params: readonly { readonly scale: number; readonly zeroPoint: number }[]
  /** Elements per step along the channel axis (1 entry: ignored). */
  readonly stride: number
}

/**
 * Float values exactly halfway between two quantization codes, `(k + 0.5 − zeroPoint) · scale`,
 * for random codes `k` whose half-steps fall in `[min, max]` (identity quantization: `k + 0.5`).
 * These are the values where round-half-to-even and other roundings disagree. Returns the
 * quantization of a channel whose range holds no half-step (nothing useful was written), else `undefined`.
 */
export function fillQuantEdges(
  out: Float32Array | Float64Array,
  min: number,
  max: number,
  quant: EdgeQuant,
  rng: Prng,
): { scale: number; zeroPoint: number } | undefined {
  const { params, stride } = quant
  const ranges = params.map(({ scale, zeroPoint }) => {
    const lo = Math.ceil(min / scale + zeroPoint - 0.5)
    const hi = Math.floor(max / scale + zeroPoint - 0.5)
    return { lo, width: hi - lo + 1, scale, zeroPoint }
  })
  const empty = ranges.find((r) => !(r.width >= 1))
  if (empty !== undefined) return { scale: empty.scale, zeroPoint: empty.zeroPoint }
  const channels = ranges.length
  if (channels === 1 && out instanceof Float32Array) {
    // The common case (one quantization, float32): codes drawn and mapped in one pass.
    const { lo, width, scale, zeroPoint } = ranges[0]!
    rng.fillGrid(out, lo + 0.5 - zeroPoint, width / 4294967296, scale)
    return undefined
  }
  fillRandomBits(out, rng)
  const { raw, step } = bitsView(out)
  for (let i = 0, j = 0; i < out.length; i++, j += step) {
    const r = ranges[channels === 1 ? 0 : Math.floor(i / stride) % channels]!
    out[i] = (r.lo + Math.floor((raw[j]! / 4294967296) * r.width) + 0.5 - r.zeroPoint) * r.scale
  }
  return undefined
}

/** Integer values at the edges of `[min, max]`: min, min + 1, max − 1 or max, 16 elements per draw. */
export function fillIntEdges(out: NumArray, min: number, max: number, rng: Prng): void {
  const edges = [min, Math.min(max, min + 1), Math.max(min, max - 1), max]
  const words = new Uint32Array(Math.ceil(out.length / 16))
  rng.fillU32(words)
  for (let i = 0; i < out.length; i++) out[i] = edges[(words[i >>> 4]! >>> ((i & 15) * 2)) & 3]!
}
