/**
 * OpenCV's `cv2.resize(src, (w, h), interpolation=cv2.INTER_LINEAR)` for uint8 images, reproduced
 * step for step so inputs match goldens made with cv2 (sharp's and libvips' bilinear kernels sample
 * differently, and their outputs differ by several levels).
 *
 * What OpenCV does for 8-bit images (imgproc `resize`, generic path, no IPP), and so what this does:
 * - Same size: a copy. Exactly 2× smaller in both directions: the "area fast" path,
 *   `(a + b + c + d + 2) >> 2` over each 2×2 block.
 * - Otherwise, half-pixel centres: `fx = float32((dx + 0.5) · sw/dw − 0.5)`, `sx = floor(fx)`,
 *   `fx −= sx`; left of the image `sx = 0, fx = 0`; right of it `sx = sw − 1, fx = 0`. Weights are
 *   11-bit fixed point: `round((1 − fx) · 2048)` and `round(fx · 2048)` (float32, half to even).
 * - Rows are resampled horizontally into int32 sums (`S[sx]·a0 + S[sx+1]·a1`), then each output row
 *   blends two such rows (`sy`, `sy + 1`, clamped into the image; the vertical weight is not
 *   clamped) the way OpenCV's SIMD code does, in 16-bit lanes:
 *   `((S0 >> 4)·b0 >> 16) + ((S1 >> 4)·b1 >> 16) + 2 >> 2`. (Its scalar formula,
 *   `(S0·b0 + S1·b1 + 2^21) >> 22`, rounds differently by 1 level now and then; OpenCV 4.6 was
 *   measured to use the SIMD result for every value of a row, tails and narrow images included.)
 *
 * Exactness: equal, byte for byte, to OpenCV 4.6 (Debian 12 build, SSE2 baseline, no IPP) on 20
 * cases (1.9 M values: up- and down-scaling, odd sizes, 1×1, 1 and 3 channels, the 2× path); the
 * goldens in `testdata/cv2-*.npy` keep a few of them. Builds that route resizing through Intel IPP,
 * or a future OpenCV that changes these kernels, may differ by 1 level in some pixels.
 * @packageDocumentation
 */

const COEF_BITS = 11
const COEF_SCALE = 1 << COEF_BITS // 2048

/** float32 round-half-to-even of a float32 value, as `cvRound` (SSE `cvtss2si`) does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x)
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** Offsets (in elements) and fixed-point weights along one axis, OpenCV style. */
interface AxisTable {
  readonly offset: Int32Array
  readonly w0: Int32Array
  readonly w1: Int32Array
}

/** Source index and weights for each destination index; `clampWeight` clears fx at the borders (x only). */
function axisTable(srcSize: number, dstSize: number, clampWeight: boolean): AxisTable {
  const scale = 1 / (dstSize / srcSize) // OpenCV: scale = 1 / inv_scale, inv_scale = dst / src
  const offset = new Int32Array(dstSize)
  const w0 = new Int32Array(dstSize)
  const w1 = new Int32Array(dstSize)
  for (let d = 0; d < dstSize; d++) {
    let f = Math.fround((d + 0.5) * scale - 0.5)
    let s = Math.floor(f)
    f = Math.fround(f - s)
    if (clampWeight) {
      if (s < 0) {
        f = 0
        s = 0
      }
      if (s >= srcSize - 1) {
        f = 0
        s = srcSize - 1
      }
    }
    offset[d] = s
    w0[d] = roundHalfEven(Math.fround(1 - f) * COEF_SCALE)
    w1[d] = roundHalfEven(f * COEF_SCALE)
  }
  return { offset, w0, w1 }
}

/** One source row resampled horizontally into 2048-scaled sums. */
function resampleRow(
  src: Uint8Array,
  rowStart: number,
  x: AxisTable,
  channels: number,
  srcWidth: number,
  out: Int32Array,
): void {
  const dw = x.offset.length
  for (let dx = 0; dx < dw; dx++) {
    const sx = x.offset[dx]!
    const a0 = x.w0[dx]!
    const a1 = x.w1[dx]!
    const p = rowStart + sx * channels
    const q = sx + 1 < srcWidth ? p + channels : p // a1 is 0 there; never read past the row
    const o = dx * channels
    for (let c = 0; c < channels; c++) out[o + c] = src[p + c]! * a0 + src[q + c]! * a1
  }
}

/** Exactly-2×-smaller path: rounded mean of each 2×2 block. */
function halve(src: Uint8Array, sw: number, channels: number, dw: number, dh: number): Uint8Array {
  const dst = new Uint8Array(dw * dh * channels)
  const rowLen = sw * channels
  let o = 0
  for (let dy = 0; dy < dh; dy++) {
    const r0 = 2 * dy * rowLen
    const r1 = r0 + rowLen
    for (let dx = 0; dx < dw; dx++) {
      const p = 2 * dx * channels
      for (let c = 0; c < channels; c++) {
        dst[o++] =
          (src[r0 + p + c]! + src[r0 + p + channels + c]! + src[r1 + p + c]! + src[r1 + p + channels + c]! + 2) >> 2
      }
    }
  }
  return dst
}

/**
 * Resize an interleaved uint8 image (rows of `srcWidth · channels` bytes) to `dstWidth × dstHeight`
 * exactly as `cv2.resize(..., interpolation=cv2.INTER_LINEAR)` does.
 *
 * @example
 * ```ts
 * const small = cv2ResizeLinear(rgb, 640, 480, 3, 224, 224) // Uint8Array of 224·224·3
 * ```
 */
export function cv2ResizeLinear(
  src: Uint8Array,
  srcWidth: number,
  srcHeight: number,
  channels: number,
  dstWidth: number,
  dstHeight: number,
): Uint8Array {
  if (src.length !== srcWidth * srcHeight * channels) {
    throw new RangeError(`cv2ResizeLinear: ${src.length} bytes is not ${srcWidth}×${srcHeight}×${channels}`)
  }
  if (dstWidth === srcWidth && dstHeight === srcHeight) return src.slice()
  if (srcWidth === 2 * dstWidth && srcHeight === 2 * dstHeight)
    return halve(src, srcWidth, channels, dstWidth, dstHeight)
  const x = axisTable(srcWidth, dstWidth, true)
  const y = axisTable(srcHeight, dstHeight, false)
  const width = dstWidth * channels
  const dst = new Uint8Array(width * dstHeight)
  let row0 = new Int32Array(width)
  let row1 = new Int32Array(width)
  let have0 = -1
  let have1 = -1
  const srcRow = srcWidth * channels
  for (let dy = 0; dy < dstHeight; dy++) {
    const sy = y.offset[dy]!
    const r0 = sy < 0 ? 0 : sy >= srcHeight ? srcHeight - 1 : sy
    const r1 = sy + 1 < 0 ? 0 : sy + 1 >= srcHeight ? srcHeight - 1 : sy + 1
    // Reuse rows already resampled (output rows move down the source monotonically).
    if (have0 !== r0) {
      if (have1 === r0) {
        const t = row0
        row0 = row1
        row1 = t
        have1 = have0
        have0 = r0
      } else {
        resampleRow(src, r0 * srcRow, x, channels, srcWidth, row0)
        have0 = r0
      }
    }
    if (have1 !== r1) {
      resampleRow(src, r1 * srcRow, x, channels, srcWidth, row1)
      have1 = r1
    }
    const b0 = y.w0[dy]!
    const b1 = y.w1[dy]!
    const o = dy * width
    for (let i = 0; i < width; i++) {
      const v = ((((row0[i]! >> 4) * b0) >> 16) + (((row1[i]! >> 4) * b1) >> 16) + 2) >> 2
      dst[o + i] = v < 0 ? 0 : v > 255 ? 255 : v
    }
  }
  return dst
}
