/**
 * Element types of what callers pass, and the conversions `resolveInputs` may make on its own:
 * only those that are exact for every possible value.
 * @packageDocumentation
 */
import { dtypeOf } from '../tensor/dtype.js'
import type { DType, TypedArray } from '../tensor/types.js'

/**
 * The {@link DType} a typed array holds, or `undefined` when no tensor dtype fits it
 * (`Uint32Array`, `BigUint64Array`, …). `Uint8ClampedArray` counts as uint8.
 */
export function dtypeOfArray(data: unknown): DType | undefined {
  // Accepted at the input boundary only (canvas ImageData holds one); tensors themselves are exact.
  return data instanceof Uint8ClampedArray ? 'uint8' : dtypeOf(data)
}

/** The exact typed array for a dtype: a `Uint8ClampedArray` becomes a `Uint8Array` view of the same bytes. */
export function asExactArray(data: TypedArray | Uint8ClampedArray): TypedArray {
  return data instanceof Uint8ClampedArray ? new Uint8Array(data.buffer, data.byteOffset, data.length) : data
}

/** True for the dtypes that can hold NaN / ±Infinity. */
export function isFloatDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64'
}

/**
 * Widenings that are exact for every value of the source type, by target type. Float64 → float32 is
 * not here: it is allowed only after checking each value (see `checkExactFloat32`).
 * Integer → narrower or unsigned integer types (e.g. uint8 → uint16) are deliberately absent: on a
 * quantized raw input the integers are quantization codes, and widening them changes their meaning.
 */
export const EXACT_WIDENINGS: Readonly<Partial<Record<DType, readonly DType[]>>> = {
  float32: ['uint8', 'int8', 'uint16', 'int16'],
  float64: ['uint8', 'int8', 'uint16', 'int16', 'int32', 'float32'],
  int32: ['uint8', 'int8', 'uint16', 'int16'],
  int64: ['uint8', 'int8', 'uint16', 'int16', 'int32'],
}

/** True when every value of `from` is exactly representable in `to`. */
export function isExactWidening(from: DType, to: DType): boolean {
  return EXACT_WIDENINGS[to]?.includes(from) ?? false
}

/**
 * Copy `src` into a new array of `dtype`, element for element. Callers only pass conversions that
 * are exact ({@link isExactWidening}, or a checked float64 → float32).
 */
export function convertArray(src: TypedArray, dtype: DType): TypedArray {
  if (dtype === 'int64') {
    if (src instanceof BigInt64Array) return src
    const out = new BigInt64Array(src.length)
    for (let i = 0; i < src.length; i++) out[i] = BigInt(src[i] as number)
    return out
  }
  if (src instanceof BigInt64Array) throw new Error('internal: int64 is never converted to a number type')
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(src)
    case 'int8':
      return new Int8Array(src)
    case 'uint16':
      return new Uint16Array(src)
    case 'int16':
      return new Int16Array(src)
    case 'int32':
      return new Int32Array(src)
    case 'float32':
      return new Float32Array(src)
    case 'float64':
      return new Float64Array(src)
  }
}
