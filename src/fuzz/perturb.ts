/**
 * Applying a {@link Perturbation} to base tensors: seeded additive noise of a few quantization steps,
 * a brightness and contrast shift, saturated patches and single pixels — each clipped to what the
 * input can hold. Pure and deterministic: the same perturbation of the same base gives the same bytes.
 * @packageDocumentation
 */
import { createPrng } from '../random/prng.js'
import { typedArrayFor } from '../tensor/dtype.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { inputClass } from './encode.js'

/** A saturated rectangle, as fractions of the image (a run of elements for a non-image input). */
export interface Patch {
  /** Left and top edge, in [0, 1). */
  readonly x: number
  readonly y: number
  /** Side, as a fraction of the smaller image side, in (0, 0.25]. */
  readonly size: number
  /** Saturate high (the top of the range) or low. */
  readonly high: boolean
}

/** One element set to the low or high end of the range. */
export interface PixelChange {
  /** Position, as a fraction of the element count, in [0, 1). */
  readonly at: number
  readonly high: boolean
}

/** Small changes to a base input. Plain JSON; the empty perturbation leaves the base as it is. */
export interface Perturbation {
  /** Which base input (index into the given ones). */
  readonly base: number
  /** Seed of the noise. */
  readonly seed: number
  /** Additive noise of at most this many quantization steps per element (0: none). */
  readonly noiseSteps: number
  /** Added to every element, in quantization steps. */
  readonly brightness: number
  /** Contrast change in percent around the middle of the range: 10 → ×1.1. */
  readonly contrastPercent: number
  readonly patches: readonly Patch[]
  readonly pixels: readonly PixelChange[]
}

/** The value range and step an input's elements live in. */
function scaleOf(info: TensorInfo, base: Tensor): { lo: number; hi: number; step: number; integer: boolean } {
  switch (inputClass(info)) {
    case 'codes':
      return { lo: 0, hi: info.dtype === 'uint16' ? 65535 : 255, step: 1, integer: true }
    case 'pixel-floats':
      return { lo: 0, hi: 255, step: 1, integer: false }
    default: {
      let lo = Infinity,
        hi = -Infinity
      for (const v of base.data as Float32Array) {
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
      if (!(hi > lo)) {
        lo = Math.min(lo, 0)
        hi = Math.max(hi, 1)
      }
      return { lo, hi, step: info.quant?.scale ?? (hi - lo) / 255, integer: false }
    }
  }
}

/** Flat indices of a patch: a rectangle on the image plane, or a run for other layouts. */
function patchIndices(shape: readonly number[], layout: TensorInfo['layout'], patch: Patch): number[] {
  const n = shape.reduce((a, b) => a * b, 1)
  const image = shape.length === 4 && (layout === 'NHWC' || layout === 'NCHW')
  if (!image) {
    const len = Math.max(1, Math.floor(n * patch.size))
    const start = Math.floor(patch.x * (n - len + 1))
    return Array.from({ length: len }, (_, i) => start + i)
  }
  const [batch, a, b, c] = shape as [number, number, number, number]
  const [h, w, ch] = layout === 'NHWC' ? [a, b, c] : [b, c, a]
  const side = Math.max(1, Math.floor(Math.min(h, w) * patch.size))
  const top = Math.floor(patch.y * (h - side + 1)),
    left = Math.floor(patch.x * (w - side + 1))
  const out: number[] = []
  for (let nb = 0; nb < batch; nb++)
    for (let y = top; y < top + side; y++)
      for (let x = left; x < left + side; x++)
        for (let k = 0; k < ch; k++)
          out.push(layout === 'NHWC' ? ((nb * h + y) * w + x) * ch + k : ((nb * ch + k) * h + y) * w + x)
  return out
}

/**
 * `base` (one tensor per input, by name) with `p` applied to every numeric input; other inputs unchanged.
 * @example
 * ```ts
 * perturb(model.inputs, base, { base: 0, seed: 1, noiseSteps: 2, brightness: 0, contrastPercent: 0, patches: [],
 * pixels: [] })
 * ```
 */
export function perturb(
  infos: readonly TensorInfo[],
  base: Readonly<Record<string, Tensor>>,
  p: Perturbation,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {}
  infos.forEach((info, i) => {
    const t = base[info.name]!
    if (inputClass(info) === 'other' || t.dtype === 'int64') {
      out[info.name] = t
      return
    }
    const { lo, hi, step, integer } = scaleOf(info, t)
    // Real-valued inputs have no hard limits: only the changes that saturate use the base's range.
    const clip = inputClass(info) !== 'floats'
    const mid = (lo + hi) / 2
    const gain = 1 + p.contrastPercent / 100
    const values = Float64Array.from(t.data as ArrayLike<number>, (v) => (v - mid) * gain + mid + p.brightness * step)
    if (p.noiseSteps > 0) {
      const rng = createPrng((p.seed + i) >>> 0)
      for (let k = 0; k < values.length; k++)
        values[k]! += ((rng.nextU32() % (2 * p.noiseSteps + 1)) - p.noiseSteps) * step
    }
    for (const patch of p.patches)
      for (const k of patchIndices(t.shape, info.layout, patch)) values[k] = patch.high ? hi : lo
    for (const px of p.pixels)
      values[Math.min(values.length - 1, Math.floor(px.at * values.length))] = px.high ? hi : lo
    const data = typedArrayFor(t.dtype, values.length) as Float32Array
    for (let k = 0; k < values.length; k++) {
      const v = !clip ? values[k]! : values[k]! < lo ? lo : values[k]! > hi ? hi : values[k]!
      data[k] = integer ? Math.round(v) : v
    }
    out[info.name] = { data, shape: [...t.shape], dtype: t.dtype } as Tensor
  })
  return out
}
