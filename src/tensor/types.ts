/**
 * The tensor vocabulary every part of vitest-hailo speaks: plain `{ data, shape, dtype }` objects
 * with typed-array data. Pure: no devices, no Vitest, no file system.
 * @packageDocumentation
 */

/** Element types a tensor can hold: the Hailo raw types (uint8, uint16), float32, and what ONNX references need. */
export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64'

/** The typed array that backs each {@link DType}. */
export interface TypedArrayByDType {
  uint8: Uint8Array
  int8: Int8Array
  uint16: Uint16Array
  int16: Int16Array
  int32: Int32Array
  int64: BigInt64Array
  float32: Float32Array
  float64: Float64Array
}

/** Any typed array a tensor may hold. */
export type TypedArray = TypedArrayByDType[DType]

/**
 * A dense, row-major tensor: a union discriminated by `dtype`, so `if (t.dtype === 'float32')` narrows `t.data`
 * to a `Float32Array`.
 *
 * @example
 * ```ts
 * const t: Tensor<'uint8'> = { data: new Uint8Array(224 * 224 * 3), shape: [1, 224, 224, 3], dtype: 'uint8' }
 * ```
 */
export type Tensor<D extends DType = DType> = { readonly [K in D]: TensorOf<K> }[D]

/** A tensor of one dtype: its `data` is that dtype's typed array. */
export interface TensorOf<D extends DType> {
  readonly data: TypedArrayByDType[D]
  readonly shape: readonly number[]
  readonly dtype: D
}

/** Memory layout of an image-like tensor; `NC` for vectors, `other` when it cannot be told. */
export type Layout = 'NHWC' | 'NCHW' | 'NHW' | 'NC' | 'other'

/** One dimension of a declared shape: a size, or a symbolic name for a dynamic dimension (e.g. `'batch'`). */
export type Dim = number | string

/** Quantization of one tensor or one channel, HailoRT style: `real = (q − zeroPoint) · scale`. */
export interface QuantParams {
  readonly scale: number
  readonly zeroPoint: number
  /** Clip range in the real (float) domain, HailoRT's `limvals_min` / `limvals_max`, when known. */
  readonly min?: number
  readonly max?: number
}

/**
 * Quantization of a tensor. The top-level `scale` / `zeroPoint` are the whole tensor's, or the first
 * channel's when {@link Quantization.perChannel} is present.
 */
export interface Quantization extends QuantParams {
  /** Per-channel parameters along `axis` (index into the tensor's shape), when the model has them. */
  readonly perChannel?: { readonly axis: number; readonly params: readonly QuantParams[] }
}

/** What a model declares about one of its inputs or outputs. */
export interface TensorInfo {
  readonly name: string
  /** Declared shape; dynamic dimensions stay symbolic (a string). */
  readonly shape: readonly Dim[]
  readonly dtype: DType
  readonly layout: Layout
  /** Present when the tensor crosses the device boundary quantized. */
  readonly quant?: Quantization
}

/** Outputs of one inference, keyed by output name. */
export type TensorMap = Record<string, Tensor>
