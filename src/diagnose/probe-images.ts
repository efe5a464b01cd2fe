/**
 * The pixels every probe feeds: a few seeded synthetic images (gradient, checker, uniform noise, saturated pixels) with
 * integer values 0–255 in the model's own input shape, plus the caller's input when one is given.
 * Integer pixels matter: they survive every correct encoding unchanged, so any difference between
 * encodings is the device's doing.
 * @packageDocumentation
 */
import type { InferableModel } from '../device/types.js'
import { UsageError } from '../errors.js'
import { isDynamicDim, formatShape } from '../inputs/shape.js'
import { syntheticInputs } from '../inputs/synthetic.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'

/** One image-like input and the probe images for it (as float pixel values 0–255). */
export interface ProbeImages {
  readonly info: TensorInfo
  /** Shape every probe image has (the declared shape, or the given input's for dynamic dimensions). */
  readonly shape: readonly number[]
  /** Pixel values, integers 0–255, one Float32Array per probe image. */
  readonly pixels: readonly Float32Array[]
}

const IMAGE_LAYOUTS = new Set(['NHWC', 'NCHW'])
const KINDS = ['gradient', 'checker', 'uniform', 'saturated'] as const

/**
 * The model's one image-like input, or a {@link UsageError} saying what diagnosis needs.
 * @example
 * ```ts
 * const info = imageInputOf(model) // { name: 'images', shape: [1, 224, 224, 3], layout: 'NHWC', … }
 * ```
 */
export function imageInputOf(model: InferableModel): TensorInfo {
  const images = model.inputs.filter((i) => IMAGE_LAYOUTS.has(i.layout) && i.shape.length === 4)
  if (model.inputs.length !== 1 || images.length !== 1) {
    const listed =
      model.inputs.map((i) => `${i.name}: ${i.dtype} ${formatShape(i.shape)} ${i.layout}`).join('; ') || 'none'
    throw new UsageError(
      'E_DIAGNOSE_NO_IMAGE_INPUT',
      `diagnose probes a model with exactly one image-like input (rank 4, layout NHWC or NCHW), but this model has: ${listed}. ` +
        'Run toBeDeterministicAcross / toMatchOnnxWithin on it instead.',
    )
  }
  return images[0]!
}

/**
 * Probe images for `info`, seeded by `seed`. `given` (the caller's resolved input) fixes dynamic dimensions
 * and is added as the last image when it holds pixel-like values.
 */
export function probeImages(info: TensorInfo, seed: number, given?: Tensor): ProbeImages {
  const dynamic = info.shape.some(isDynamicDim)
  if (dynamic && given === undefined) {
    throw new UsageError(
      'E_DIAGNOSE_DYNAMIC_SHAPE',
      `Input "${info.name}" has dynamic dimensions ${formatShape(info.shape)}, so the probe images need a size: pass an input ({ input: 'image.png' }) whose shape the probes copy.`,
    )
  }
  const shape = given?.shape ?? (info.shape as readonly number[])
  const uint8Info: TensorInfo = { ...info, shape: [...shape], dtype: 'uint8', quant: undefined }
  const pixels = KINDS.map((kind, k) => {
    const t = syntheticInputs([uint8Info], { seed: (seed + k) >>> 0, kind, range: [0, 255] })[info.name]!
    return Float32Array.from(t.data as Uint8Array)
  })
  return { info, shape, pixels }
}

/**
 * `pixels` as the model's input tensor (same values, the input's dtype).
 * @example
 * ```ts
 * await model.infer({ [images.info.name]: asInput(images, images.pixels[0]!) })
 * ```
 */
export function asInput(images: ProbeImages, values: Float32Array): Tensor {
  const { dtype } = images.info
  const shape = [...images.shape]
  if (dtype === 'float32') return { data: values, shape, dtype }
  if (dtype === 'float64') return { data: Float64Array.from(values), shape, dtype }
  if (dtype === 'uint8') return { data: Uint8Array.from(values), shape, dtype }
  if (dtype === 'uint16') return { data: Uint16Array.from(values), shape, dtype }
  throw new UsageError(
    'E_DIAGNOSE_NO_IMAGE_INPUT',
    `diagnose feeds pixel values; input "${images.info.name}" takes ${dtype}, which holds no pixels.`,
  )
}

/** True when the input takes floats, so several encodings of one image can reach it. */
export const takesFloats = (info: TensorInfo): boolean => info.dtype === 'float32' || info.dtype === 'float64'
