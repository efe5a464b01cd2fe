/**
 * What the report draws of a fuzz counterexample: each frame of the shrunk case as a small image
 * (area-averaged down to at most {@link PREVIEW_SIDE} pixels a side, float inputs min–max scaled), and
 * the |difference| between the two outputs that disagreed, as the largest value in each of at most
 * {@link DIFFERENCE_BINS} runs of consecutive elements. Data only; the page turns it into SVG.
 * @packageDocumentation
 */
import { guessLayout } from '../../device/layout.js'
import type { FuzzFailure } from '../../fuzz/types.js'
import type { Tensor } from '../../tensor/types.js'
import type { FuzzInputPreview, FuzzOutputDifference } from './types.js'

/** Longest side of a preview, in pixels: enough to recognise a pattern, small enough for 2 MB per 1000 checks. */
export const PREVIEW_SIDE = 24
/** Frames of one counterexample drawn (a shrunk schedule rarely needs more). */
export const MAX_PREVIEWS = 3
/** Bars of the output-difference plot. */
export const DIFFERENCE_BINS = 64

const valueAt = (t: Tensor, i: number): number => Number(t.data[i]!)

/**
 * A small image of an image-like tensor (`[1, H, W, 1|3]` or `[1, 1|3, H, W]`, or `[H, W, 1|3]`); undefined
 * for anything else (a vector, a batch of several).
 * @example
 * ```ts
 * inputPreview('frame 1', 'input', tensor)?.width // 24
 * ```
 */
export function inputPreview(label: string, input: string, t: Tensor): FuzzInputPreview | undefined {
  const shape = t.shape.length === 3 ? [1, ...t.shape] : t.shape
  const layout = guessLayout(shape)
  if ((layout !== 'NHWC' && layout !== 'NCHW') || shape[0] !== 1) return undefined
  const [h, w, c] = layout === 'NHWC' ? [shape[1]!, shape[2]!, shape[3]!] : [shape[2]!, shape[3]!, shape[1]!]
  if (h < 1 || w < 1 || t.data.length < h * w * c) return undefined
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(h, w))
  const height = Math.max(1, Math.round(h * scale)),
    width = Math.max(1, Math.round(w * scale))
  const index = (y: number, x: number, ch: number): number =>
    layout === 'NHWC' ? (y * w + x) * c + ch : (ch * h + y) * w + x
  let lo = 0,
    hi = 255
  // uint8 pixels are shown as they are; anything else is scaled from its own range.
  const scaled = t.dtype !== 'uint8'
  if (scaled) {
    lo = Infinity
    hi = -Infinity
    for (let i = 0; i < h * w * c; i++) {
      const v = valueAt(t, i)
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v)
        hi = Math.max(hi, v)
      }
    }
    if (!Number.isFinite(lo)) {
      lo = 0
      hi = 1
    }
  }
  const span = hi - lo || 1
  const pixels = new Uint8Array(width * height * c)
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor((oy * h) / height),
      y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * h) / height))
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor((ox * w) / width),
        x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * w) / width))
      for (let ch = 0; ch < c; ch++) {
        let sum = 0,
          n = 0
        for (let y = y0; y < y1; y++)
          for (let x = x0; x < x1; x++) {
            const v = valueAt(t, index(y, x, ch))
            if (Number.isFinite(v)) {
              sum += v
              n++
            }
          }
        const mean = n === 0 ? lo : sum / n
        pixels[(oy * width + ox) * c + ch] = Math.max(0, Math.min(255, Math.round(((mean - lo) / span) * 255)))
      }
    }
  }
  return {
    label,
    input,
    shape: [...t.shape],
    dtype: t.dtype,
    width,
    height,
    channels: c as 1 | 3,
    ...(scaled ? { range: [lo, hi] as const } : {}),
    pixels: Buffer.from(pixels).toString('base64'),
  }
}

/**
 * Previews of a counterexample's frames: the first image-like input of each labelled input set.
 * @example
 * ```ts
 * counterexamplePreviews(result.failure!).map((p) => p.label) // ['frame 1', 'frame 2']
 * ```
 */
export function counterexamplePreviews(f: FuzzFailure): FuzzInputPreview[] {
  const previews: FuzzInputPreview[] = []
  for (const [label, inputs] of Object.entries(f.inputs)) {
    if (previews.length === MAX_PREVIEWS) break
    for (const [name, t] of Object.entries(inputs)) {
      const p = inputPreview(label, name, t)
      if (p !== undefined) {
        previews.push(p)
        break
      }
    }
  }
  return previews
}

/**
 * |actual − expected| of the output that differed most between the two sides of a failing case, binned.
 * @example
 * ```ts
 * outputDifference(result.failure!)?.bins.length // ≤ 64
 * ```
 */
export function outputDifference(f: FuzzFailure): FuzzOutputDifference | undefined {
  const d = f.difference
  if (d === undefined) return undefined
  const [a, b] = d.between
  const actual = f.outputs[a],
    expected = f.outputs[b]
  if (actual === undefined || expected === undefined) return undefined
  let best: FuzzOutputDifference | undefined
  for (const [name, x] of Object.entries(actual)) {
    const y = expected[name]
    if (y === undefined || y.data.length !== x.data.length || x.data.length === 0) continue
    const n = x.data.length
    const count = Math.min(DIFFERENCE_BINS, n)
    const bins = new Array<number>(count).fill(0)
    let max = 0
    for (let i = 0; i < n; i++) {
      const diff = Math.abs(valueAt(x, i) - valueAt(y, i))
      const v = Number.isNaN(diff) ? Infinity : diff
      const bin = Math.floor((i * count) / n)
      if (v > bins[bin]!) bins[bin] = v
      if (v > max) max = v
    }
    if (best === undefined || max > best.max) {
      best = { output: name, between: [a, b], elements: n, bins: bins.map(finite), max: finite(max) }
    }
  }
  return best
}

/** JSON has no Infinity: a NaN on one side only counts as the largest finite difference. */
const finite = (v: number): number => (Number.isFinite(v) ? v : Number.MAX_VALUE)
