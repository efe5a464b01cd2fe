/**
 * The patterned kinds of `syntheticInputs` (`gradient`, `checker`), laid out in 2-D on an image's
 * height × width. Values are computed a row at a time into a float64 buffer and stored with one
 * `set`: a callback per pixel, called through one shared loop for every pattern and dtype, cost
 * ~3 ns an element (a fifth of a fuzz case's overhead on a 1×3×48×192 input). Rows equal to the row
 * above (a horizontal ramp, a checker's cell rows) are copied, not computed. Internal to `src/inputs`.
 * @packageDocumentation
 */
import type { TypedArray } from '../tensor/types.js'

/** A numeric (non-bigint) typed array. */
type NumArray = Exclude<TypedArray, BigInt64Array>

/** Where the image axes of a tensor are, to lay patterns out in 2-D; `undefined` for non-images. */
export interface PlaneGeometry {
  readonly height: number
  readonly width: number
  /** Values per pixel stored next to each other (NHWC: C; NCHW / NHW: 1). */
  readonly inner: number
}

/** A pattern, one row at a time. */
interface RowPattern {
  /** Write the values of pixels `x0 … x0 + values.length − 1` of row `y` into `values`. */
  row(y: number, x0: number, values: Float64Array): void
  /** True when row `y` (> 0) holds exactly the values of row `y − 1`. */
  sameAsAbove(y: number): boolean
}

/** Pixels per computed chunk of a row: a non-image tensor is one row of all its elements. */
const CHUNK = 4096

/**
 * Write `pattern` to every element: the tensor is a run of `H × W × inner` blocks (one per batch item, and
 * per channel in NCHW), each holding the same pattern. Non-image tensors are one row, x = flat index.
 */
function fillPlane(out: NumArray, plane: PlaneGeometry | undefined, pattern: RowPattern): void {
  const n = out.length
  const { height, width, inner } = plane ?? { height: 1, width: n, inner: 1 }
  const block = height * width * inner
  if (block === 0 || n === 0) return // a zero-size dimension: nothing to write
  const rowLength = width * inner
  const pixels = Math.min(width, CHUNK)
  const buffer = new Float64Array(pixels * inner)
  for (let y = 0; y < height; y++) {
    const start = y * rowLength
    if (y > 0 && pattern.sameAsAbove(y)) {
      out.copyWithin(start, start - rowLength, start)
      continue
    }
    for (let x0 = 0; x0 < width; x0 += pixels) {
      const count = Math.min(pixels, width - x0)
      pattern.row(y, x0, buffer.subarray(0, count))
      spread(buffer, count, inner)
      // One conversion per element, as an indexed store would do it (float32 rounding, integer wrap).
      out.set(buffer.subarray(0, count * inner), start + x0 * inner)
    }
  }
  // The pattern does not depend on batch item or NCHW channel: copies of the first block.
  for (let start = block; start < n; start += block) out.copyWithin(start, 0, block)
}

/** Repeat each of the first `count` values `inner` times, in place (NHWC: one value per channel of a pixel). */
function spread(buffer: Float64Array, count: number, inner: number): void {
  if (inner === 1) return
  for (let x = count - 1; x >= 0; x--) {
    const v = buffer[x]!
    for (let k = inner - 1; k >= 0; k--) buffer[x * inner + k] = v
  }
}

/**
 * A linear ramp from `min` to `max`. `direction` 0: left → right, 1: top → bottom, 2: top-left →
 * bottom-right, 3: top-right → bottom-left (non-image tensors: along the flat index, reversed for 1 and 3).
 * Integers are rounded to nearest.
 */
export function fillGradient(
  out: NumArray,
  min: number,
  max: number,
  direction: number,
  plane: PlaneGeometry | undefined,
  integer: boolean,
): void {
  const xMax = Math.max(1, (plane?.width ?? out.length) - 1)
  const yMax = Math.max(1, (plane?.height ?? 1) - 1)
  const span = max - min
  const at = integer ? (t: number): number => Math.round(min + span * t) : (t: number): number => min + span * t
  const reversed = plane === undefined ? direction % 2 === 1 : direction === 3
  const horizontal = plane === undefined || direction === 0
  fillPlane(out, plane, {
    sameAsAbove: () => horizontal,
    row(y, x0, values) {
      if (direction === 1 && plane !== undefined) {
        values.fill(at(y / yMax))
        return
      }
      for (let j = 0; j < values.length; j++) {
        const x = x0 + j
        // The same expressions as one value at a time, so every element is bit-identical to before.
        const u = reversed ? 1 - x / xMax : x / xMax
        values[j] = at(horizontal ? u : (u + y / yMax) / 2)
      }
    },
  })
}

/** Squares of `cell` pixels alternating `lo` and `hi` (non-image tensors: runs of `cell` elements). */
export function fillChecker(
  out: NumArray,
  lo: number,
  hi: number,
  cell: number,
  plane: PlaneGeometry | undefined,
): void {
  fillPlane(out, plane, {
    sameAsAbove: (y) => Math.floor(y / cell) === Math.floor((y - 1) / cell),
    row(y, x0, values) {
      const cy = Math.floor(y / cell)
      for (let j = 0; j < values.length; j++) values[j] = ((Math.floor((x0 + j) / cell) + cy) & 1) === 0 ? lo : hi
    },
  })
}
