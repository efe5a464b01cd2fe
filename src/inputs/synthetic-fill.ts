/**
 * The fill kernels behind `syntheticInputs`: each writes one typed array from a seeded PRNG with as
 * few PRNG calls as the value width allows (4 bytes per call for 8-bit data, 2 values for 16-bit,
 * 32 elements per call for `saturated`), so a 224×224×3 uint8 input costs well under 1 ms.
 * Internal to `src/inputs`.
 * @packageDocumentation
 */
import type { Prng } from '../random/prng.js'
import type { TypedArray } from '../tensor/types.js'

/** A numeric (non-bigint) typed array, written through plain number stores. */
type NumArray = Exclude<TypedArray, BigInt64Array>

/**
 * Uniform integers in `[min, max]`. Byte-wide ranges take 4 values from each 32-bit draw
 * (`min + (byte · width >> 8)`), 16-bit-wide ones take 2; wider ones one draw each.
 */
export function fillUniformInt(out: NumArray, min: number, max: number, rng: Prng): void {
  const n = out.length
  const width = max - min + 1
  let i = 0
  if (width <= 256) {
    if (out instanceof Uint8Array && min === 0 && max === 255) {
      // Whole words straight into the buffer (little-endian byte order: the same bytes on every host we run on).
      const words = new Uint32Array(out.buffer, out.byteOffset, (out.byteOffset & 3) === 0 ? n >>> 2 : 0)
      for (let w = 0; w < words.length; w++) words[w] = rng.nextU32()
      i = words.length * 4
    }
    for (; i + 4 <= n; i += 4) {
      const r = rng.nextU32()
      out[i] = min + (((r & 0xff) * width) >> 8)
      out[i + 1] = min + ((((r >>> 8) & 0xff) * width) >> 8)
      out[i + 2] = min + ((((r >>> 16) & 0xff) * width) >> 8)
      out[i + 3] = min + (((r >>> 24) * width) >> 8)
    }
    if (i < n) {
      let r = rng.nextU32()
      for (; i < n; i++, r >>>= 8) out[i] = min + (((r & 0xff) * width) >> 8)
    }
    return
  }
  if (width <= 65536) {
    for (; i + 2 <= n; i += 2) {
      const r = rng.nextU32()
      out[i] = min + (((r & 0xffff) * width) >>> 16)
      out[i + 1] = min + (((r >>> 16) * width) >>> 16)
    }
    if (i < n) out[i] = min + (((rng.nextU32() & 0xffff) * width) >>> 16)
    return
  }
  for (; i < n; i++) out[i] = min + Math.floor((rng.nextU32() / 4294967296) * width)
}

/** Uniform floats in `[min, max]` with 24 bits of randomness each (a float32's precision). */
export function fillUniformFloat(out: Float32Array | Float64Array, min: number, max: number, rng: Prng): void {
  const span = (max - min) / 16777216
  for (let i = 0; i < out.length; i++) out[i] = min + (rng.nextU32() >>> 8) * span
}

/** Each element `lo` or `hi` at random: 32 elements per draw. */
export function fillSaturated(out: NumArray, lo: number, hi: number, rng: Prng): void {
  const n = out.length
  for (let i = 0; i < n; i += 32) {
    let r = rng.nextU32()
    const end = Math.min(n, i + 32)
    for (let j = i; j < end; j++, r >>>= 1) out[j] = r & 1 ? hi : lo
  }
}

/** Where the image axes of a tensor are, to lay patterns out in 2-D; `undefined` for non-images. */
export interface PlaneGeometry {
  readonly height: number
  readonly width: number
  /** Values per pixel stored next to each other (NHWC: C; NCHW / NHW: 1). */
  readonly inner: number
}

/**
 * Write `valueAt(x, y)` to every element, pixel by pixel: the tensor is a run of `H × W × inner`
 * blocks (one per batch item, and per channel in NCHW). Non-image tensors are one row, x = flat index.
 */
function fillPlane(out: NumArray, plane: PlaneGeometry | undefined, valueAt: (x: number, y: number) => number): void {
  const n = out.length
  const { height, width, inner } = plane ?? { height: 1, width: n, inner: 1 }
  const block = height * width * inner
  if (block === 0) return
  // One pattern block, then copies of it: the pattern does not depend on batch item or NCHW channel.
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = valueAt(x, y)
      for (let k = 0; k < inner; k++) out[i++] = v
    }
  }
  for (let start = block; start < n; start += block) out.copyWithin(start, 0, block)
}

/**
 * A linear ramp from `min` to `max`. `direction` 0: left → right, 1: top → bottom, 2: top-left →
 * bottom-right, 3: top-right → bottom-left (non-image tensors: along the flat index, reversed for 1 and 3).
 * Integers are rounded to nearest.
 */
export function fillGradient(out: NumArray, min: number, max: number, direction: number, plane: PlaneGeometry | undefined, integer: boolean): void {
  const xMax = Math.max(1, (plane?.width ?? out.length) - 1)
  const yMax = Math.max(1, (plane?.height ?? 1) - 1)
  const span = max - min
  const at = (t: number): number => (integer ? Math.round(min + span * t) : min + span * t)
  const valueAt = plane === undefined
    ? (x: number): number => at(direction % 2 === 0 ? x / xMax : 1 - x / xMax)
    : direction === 0 ? (x: number): number => at(x / xMax)
    : direction === 1 ? (_x: number, y: number): number => at(y / yMax)
    : direction === 2 ? (x: number, y: number): number => at((x / xMax + y / yMax) / 2)
    : (x: number, y: number): number => at((1 - x / xMax + y / yMax) / 2)
  fillPlane(out, plane, valueAt)
}

/** Squares of `cell` pixels alternating `lo` and `hi` (non-image tensors: runs of `cell` elements). */
export function fillChecker(out: NumArray, lo: number, hi: number, cell: number, plane: PlaneGeometry | undefined): void {
  fillPlane(out, plane, (x, y) => ((Math.floor(x / cell) + Math.floor(y / cell)) & 1) === 0 ? lo : hi)
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
  out: Float32Array | Float64Array, min: number, max: number, quant: EdgeQuant, rng: Prng,
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
  if (channels === 1) {
    const { lo, width, scale, zeroPoint } = ranges[0]!
    const offset = lo + 0.5 - zeroPoint
    for (let i = 0; i < out.length; i++) out[i] = (offset + Math.floor((rng.nextU32() / 4294967296) * width)) * scale
    return undefined
  }
  for (let i = 0; i < out.length; i++) {
    const r = ranges[Math.floor(i / stride) % channels]!
    const k = r.lo + Math.floor((rng.nextU32() / 4294967296) * r.width)
    out[i] = (k + 0.5 - r.zeroPoint) * r.scale
  }
  return undefined
}

/** Integer values at the edges of `[min, max]`: min, min + 1, max − 1 or max, 16 elements per draw. */
export function fillIntEdges(out: NumArray, min: number, max: number, rng: Prng): void {
  const edges = [min, Math.min(max, min + 1), Math.max(min, max - 1), max]
  for (let i = 0; i < out.length; i += 16) {
    let r = rng.nextU32()
    const end = Math.min(out.length, i + 16)
    for (let j = i; j < end; j++, r >>>= 2) out[j] = edges[r & 3]!
  }
}
