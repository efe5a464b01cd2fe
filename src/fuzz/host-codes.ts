/**
 * How a correct host turns real values into what a model's input declares, and raw outputs back into
 * real values: the reference conversions the properties hold the device's own paths to.
 * @packageDocumentation
 */
import { dequantize, quantize } from '../tensor/quantize.js'
import type { Quantization, Tensor, TensorInfo, TensorMap } from '../tensor/types.js'

const isFloat = (dtype: string): boolean => dtype === 'float32' || dtype === 'float64'
const isRaw = (dtype: string): dtype is 'uint8' | 'uint16' => dtype === 'uint8' || dtype === 'uint16'

/**
 * The real values a quantized raw input can represent, `[(0 − zp)·scale, (max − zp)·scale]` (first channel).
 * @example
 * ```ts
 * representableRange({ scale: 1, zeroPoint: 0 }, 'uint8') // [0, 255]
 * ```
 */
export function representableRange(quant: Quantization, dtype: 'uint8' | 'uint16'): [number, number] {
  const qmax = dtype === 'uint8' ? 255 : 65535
  return [(0 - quant.zeroPoint) * quant.scale, (qmax - quant.zeroPoint) * quant.scale]
}

/**
 * Real values as a correct host feeds them to `info`: kept as floats for a float input, quantized with
 * clipping (never wrapping) for a quantized raw input, as given otherwise.
 * @example
 * ```ts
 * feedFor({ name: 'x', shape: [1, 2], dtype: 'uint8', layout: 'NC', quant: { scale: 1, zeroPoint: 0 } }, floats)
 * ```
 */
export function feedFor(info: TensorInfo, real: Tensor): Tensor {
  if (isFloat(info.dtype) || !isFloat(real.dtype)) return real
  if (!isRaw(info.dtype) || info.quant === undefined) return real
  return hostQuantize(real, info.quant, info.dtype)
}

/**
 * Real values quantized as a correct host does: clipped to the representable range, then rounded half to
 * even (HailoRT's own conversion, which under identity quantization would wrap instead).
 * @example
 * ```ts
 * hostQuantize(floats, { scale: 1, zeroPoint: 0 }, 'uint8') // −3.2 → 0, 300 → 255
 * ```
 */
export function hostQuantize(real: Tensor, quant: Quantization, dtype: 'uint8' | 'uint16'): Tensor {
  return quantize(clipToRepresentable(real, quant, dtype), quant, dtype)
}

/**
 * Real values clipped to what `dtype` codes can represent under `quant` (a float32 copy).
 * @example
 * ```ts
 * clipToRepresentable(floats, { scale: 1, zeroPoint: 0 }, 'uint8') // −3.2 → 0, 300 → 255, 7.5 stays
 * ```
 */
export function clipToRepresentable(real: Tensor, quant: Quantization, dtype: 'uint8' | 'uint16'): Tensor {
  const [lo, hi] = representableRange(quant, dtype)
  const low = Math.min(lo, hi),
    high = Math.max(lo, hi)
  const clipped = Float32Array.from(real.data as Float32Array, (x) => (x < low ? low : x > high ? high : x))
  return { data: clipped, shape: real.shape, dtype: 'float32' }
}

/**
 * What a correct host feeds `info` on the raw path: codes for a raw input; for an input that declares
 * float there anyway, the real values those codes stand for (representable, so any float path agrees).
 * @example
 * ```ts
 * rawFeedFor(rawLoad.inputs[0], floats)
 * ```
 */
export function rawFeedFor(info: TensorInfo, real: Tensor): Tensor {
  if (info.quant === undefined || !isFloat(real.dtype)) return real
  if (isRaw(info.dtype)) return hostQuantize(real, info.quant, info.dtype)
  const codes = hostQuantize(real, info.quant, 'uint8')
  const values = dequantize(codes, info.quant)
  return info.dtype === 'float64'
    ? { data: Float64Array.from(values.data), shape: values.shape, dtype: 'float64' }
    : values
}

/**
 * Outputs as real values: raw quantized outputs dequantized with their declared quantization.
 * @example
 * ```ts
 * realOutputs(await rawModel.infer(x), rawModel.outputs)
 * ```
 */
export function realOutputs(outputs: TensorMap, infos: readonly TensorInfo[]): TensorMap {
  const out: TensorMap = { ...outputs }
  for (const info of infos) {
    const t = outputs[info.name]
    if (t !== undefined && isRaw(t.dtype) && info.quant !== undefined) out[info.name] = dequantize(t, info.quant)
  }
  return out
}
