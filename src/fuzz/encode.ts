/**
 * How the same pixels reach a model in different encodings: as uint8, as float32 0–255, normalized on
 * the host for a reference — and the encodings a model must refuse (floats in 0–1 for a pixel input,
 * NaN, a wrong size, a wrong dtype). Pure: tensors in, tensors out.
 * @packageDocumentation
 */
import { applyNormalization, bindNormalization } from '../device/normalize.js'
import type { NormalizationSpec } from '../device/types.js'
import { isDynamicDim } from '../inputs/shape.js'
import { dequantize, isIdentityQuant } from '../tensor/quantize.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'

/** Encodings a model must accept for the same pixels, and give the same answer for. */
export const ACCEPTED_ENCODINGS = ['uint8', 'float32'] as const
/** Encodings a model must refuse with a named `UsageError`. */
export const REFUSED_ENCODINGS = ['float32-unit', 'nan', 'wrong-size', 'wrong-dtype'] as const
/** Every encoding. */
export const ENCODINGS = [...ACCEPTED_ENCODINGS, ...REFUSED_ENCODINGS] as const
/** One encoding (see {@link ENCODINGS}). */
export type EncodingName = (typeof ENCODINGS)[number]

/**
 * What an input takes: raw `codes` (uint8 / uint16), `pixel-floats` (float with identity quantization:
 * 0–255 pixels as floats), `floats` (real values), or `other` (passed through untouched).
 */
export type InputClass = 'codes' | 'pixel-floats' | 'floats' | 'other'

const isFloat = (dtype: string): boolean => dtype === 'float32' || dtype === 'float64'

/**
 * The class of one declared input.
 * @example
 * ```ts
 * inputClass({ name: 'x', shape: [1, 8], dtype: 'uint8', layout: 'NC' }) // 'codes'
 * ```
 */
export function inputClass(info: TensorInfo): InputClass {
  if (info.dtype === 'uint8' || info.dtype === 'uint16') return 'codes'
  if (isFloat(info.dtype)) return info.quant !== undefined && isIdentityQuant(info.quant) ? 'pixel-floats' : 'floats'
  return 'other'
}

/**
 * The view pixels are generated in: uint8 pixels for codes and pixel floats (and for floats when the
 * normalization is known: the host normalizes them), the declared type otherwise.
 * @example
 * ```ts
 * pixelView(info, undefined)
 * ```
 */
export function pixelView(info: TensorInfo, normalization: NormalizationSpec | undefined): TensorInfo {
  const c = inputClass(info)
  if (c === 'pixel-floats' || (c === 'floats' && normalization !== undefined)) return { ...info, dtype: 'uint8' }
  return info
}

function normalized(info: TensorInfo, pixels: Tensor, normalization: NormalizationSpec): Tensor {
  const data = Float32Array.from(pixels.data as Uint8Array)
  applyNormalization(data, pixels.shape, bindNormalization(normalization, { ...info, shape: pixels.shape }))
  return { data, shape: pixels.shape, dtype: 'float32' }
}

/** The real values the model means by `pixels`, before any normalization (codes dequantized). */
function realValues(info: TensorInfo, pixels: Tensor): Tensor {
  if (inputClass(info) === 'codes' && info.quant !== undefined) return dequantize(pixels, info.quant)
  if (pixels.dtype === 'uint8')
    return { data: Float32Array.from(pixels.data as Uint8Array), shape: pixels.shape, dtype: 'float32' }
  return pixels
}

/**
 * One input as a correct host feeds the model in an accepted encoding.
 * @example
 * ```ts
 * acceptedInput(info, pixels, 'float32', undefined)
 * ```
 */
export function acceptedInput(
  info: TensorInfo,
  pixels: Tensor,
  encoding: (typeof ACCEPTED_ENCODINGS)[number],
  normalization: NormalizationSpec | undefined,
): Tensor {
  const c = inputClass(info)
  if (c === 'floats') return normalization === undefined ? pixels : normalized(info, pixels, normalization)
  if (c === 'pixel-floats' && encoding === 'float32') return realValues(info, pixels)
  return pixels
}

/**
 * What a float reference model (the ONNX the device runs) takes for `pixels`: real values, normalized
 * on the host when the normalization is known.
 * @example
 * ```ts
 * referenceInput(info, pixels, { mean: [127.5], std: [127.5] })
 * ```
 */
export function referenceInput(info: TensorInfo, pixels: Tensor, normalization: NormalizationSpec | undefined): Tensor {
  const c = inputClass(info)
  if (c === 'other') return pixels
  const real = c === 'floats' && normalization === undefined ? pixels : realValues(info, pixels)
  if (normalization === undefined) return real
  const data = Float32Array.from(real.data as Float32Array)
  applyNormalization(data, real.shape, bindNormalization(normalization, { ...info, shape: real.shape }))
  return { data, shape: real.shape, dtype: 'float32' }
}

/** The input a refused encoding is applied to, or undefined when the encoding does not apply to the model. */
export function refusalTarget(
  infos: readonly TensorInfo[],
  encoding: (typeof REFUSED_ENCODINGS)[number],
): TensorInfo | undefined {
  switch (encoding) {
    case 'float32-unit':
      return infos.find((i) => inputClass(i) === 'codes' || inputClass(i) === 'pixel-floats')
    case 'nan':
      return infos.find((i) => inputClass(i) !== 'other')
    case 'wrong-size':
      return infos.find((i) => inputClass(i) !== 'other' && i.shape.some((d) => !isDynamicDim(d)))
    case 'wrong-dtype':
      return infos.find((i) => i.dtype === 'uint8' || i.dtype === 'uint16' || i.dtype === 'float32')
  }
}

/**
 * `pixels` (generated for `info`) in a must-refuse encoding.
 * @example
 * ```ts
 * refusedInput(info, pixels, 'nan') // float32 with one NaN
 * ```
 */
export function refusedInput(info: TensorInfo, pixels: Tensor, encoding: (typeof REFUSED_ENCODINGS)[number]): Tensor {
  const values = Float32Array.from(pixels.data as ArrayLike<number>)
  switch (encoding) {
    case 'float32-unit':
      // Pixels scaled to 0–1, always with fractions (HailoRT's float path would make them all 0 or 1).
      return { data: values.map((p) => (p + 0.5) / 256), shape: pixels.shape, dtype: 'float32' }
    case 'nan':
      values[values.length >> 1] = Number.NaN
      return { data: values, shape: pixels.shape, dtype: 'float32' }
    case 'wrong-size': {
      const axis = info.shape.findLastIndex((d) => !isDynamicDim(d))
      const shape = pixels.shape.map((d, i) => (i === axis ? d + 1 : d))
      const size = shape.reduce((a, b) => a * b, 1)
      const data = pixels.data.constructor as new (n: number) => Tensor['data']
      return { data: new data(size), shape, dtype: pixels.dtype } as Tensor
    }
    case 'wrong-dtype':
      return { data: Int32Array.from(values), shape: pixels.shape, dtype: 'int32' }
  }
}
