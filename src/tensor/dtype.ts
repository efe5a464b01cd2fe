/**
 * Element types and tensor construction: the typed array of each {@link DType}, element counts,
 * and {@link makeTensor}, which checks that data and shape agree.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { describeValue, invalidParameter } from '../validate.js'
import type { DType, Tensor, TypedArray, TypedArrayByDType } from './types.js'

const CONSTRUCTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  float32: Float32Array,
  float64: Float64Array,
} as const

/** Every {@link DType}, in a stable order. */
export const DTYPES = Object.keys(CONSTRUCTORS) as readonly DType[]

/**
 * True when `value` is one of the {@link DType} names.
 * @example
 * ```ts
 * isDType('uint8') // true
 * isDType('uint32') // false
 * ```
 */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && Object.hasOwn(CONSTRUCTORS, value)
}

/**
 * The typed-array constructor of a dtype, for exact-type checks (`data.constructor === …` refuses
 * subclasses such as `Buffer`, which `instanceof` would let through).
 * @example
 * ```ts
 * typedArrayConstructor('float32') === Float32Array // true
 * ```
 */
export function typedArrayConstructor(dtype: DType): (typeof CONSTRUCTORS)[DType] {
  return CONSTRUCTORS[dtype]
}

/**
 * Bytes per element of a dtype (`uint8` → 1, `float32` → 4, `int64` → 8).
 * @example
 * ```ts
 * bytesPerElement('uint16') // 2
 * ```
 */
export function bytesPerElement(dtype: DType): number {
  return CONSTRUCTORS[dtype].BYTES_PER_ELEMENT
}

/**
 * The dtype whose typed array `data` is, or `undefined` (e.g. `Uint32Array`).
 * @example
 * ```ts
 * dtypeOf(new Float32Array(3)) // 'float32'
 * dtypeOf(new Uint32Array(3)) // undefined
 * ```
 */
export function dtypeOf(data: unknown): DType | undefined {
  for (const dtype of DTYPES) if (data instanceof CONSTRUCTORS[dtype]) return dtype
  return undefined
}

/**
 * A zero-filled typed array of `n` elements for `dtype`.
 * @example
 * ```ts
 * typedArrayFor('uint16', 4) // Uint16Array(4) [0, 0, 0, 0]
 * ```
 */
export function typedArrayFor<D extends DType>(dtype: D, n: number): TypedArrayByDType[D] {
  if (!isDType(dtype)) throw invalidParameter('dtype', `one of ${DTYPES.join(', ')}`, dtype)
  if (!Number.isSafeInteger(n) || n < 0) throw invalidParameter('element count', 'an integer ≥ 0', n)
  return new CONSTRUCTORS[dtype](n) as TypedArrayByDType[D]
}

/**
 * Number of elements of a shape (the product of its dimensions; 1 for a scalar `[]`).
 * @throws {@link InvalidArgumentError} when a dimension is not an integer ≥ 0.
 * @example
 * ```ts
 * elementCount([1, 224, 224, 3]) // 150528
 * ```
 */
export function elementCount(shape: readonly number[]): number {
  let n = 1
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i]
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new InvalidArgumentError(
        `Expected every dimension to be an integer ≥ 0 but dimension ${i} of shape [${shape.join(', ')}] is ${describeValue(d)}`,
      )
    }
    n *= d
  }
  return n
}

/**
 * Row-major strides (in elements) of a shape: `strides(shape)[k]` elements separate neighbours along axis k.
 * @example
 * ```ts
 * strides([2, 3, 4]) // [12, 4, 1]
 * ```
 */
export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length)
  let s = 1
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = s
    s *= shape[k]!
  }
  return out
}

/**
 * The multi-dimensional index of flat index `flat` in a row-major tensor of `shape`.
 * @example
 * ```ts
 * unravelIndex(5, [2, 3]) // [1, 2]
 * ```
 */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length)
  let rest = flat
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = shape[k]!
    out[k] = d === 0 ? 0 : rest % d
    rest = d === 0 ? 0 : Math.floor(rest / d)
  }
  return out
}

/**
 * Build a tensor, checking that the data fits the dtype and shape. Without `data`, zero-filled.
 * `data` may be a typed array of that dtype (kept, not copied) or an array of numbers (copied, and for
 * integer dtypes converted the way the typed array stores them).
 *
 * @throws {@link InvalidArgumentError} for an unknown dtype, a bad shape, data of another dtype or of
 * the wrong length.
 * @example
 * ```ts
 * const t = makeTensor('float32', [1, 3], [0.1, 0.7, 0.2])
 * const z = makeTensor('uint8', [1, 224, 224, 3])
 * ```
 */
export function makeTensor<D extends DType>(
  dtype: D,
  shape: readonly number[],
  data?: TypedArrayByDType[D] | readonly (number | bigint)[],
): Tensor<D> {
  if (!isDType(dtype)) throw invalidParameter('dtype', `one of ${DTYPES.join(', ')}`, dtype)
  if (!Array.isArray(shape)) throw invalidParameter('shape', 'an array of integers ≥ 0', shape)
  const n = elementCount(shape)
  let array: TypedArray
  if (data === undefined) {
    array = typedArrayFor(dtype, n)
  } else if (ArrayBuffer.isView(data)) {
    if (dtypeOf(data) !== dtype)
      throw invalidParameter('data', `a ${CONSTRUCTORS[dtype].name} for dtype ${dtype}`, data)
    array = data as TypedArray
  } else if (Array.isArray(data)) {
    array = fromArray(dtype, data)
  } else {
    throw invalidParameter('data', `a ${CONSTRUCTORS[dtype].name} or an array of numbers`, data)
  }
  if (array.length !== n) {
    throw new InvalidArgumentError(
      `Expected ${n} elements for shape [${shape.join(', ')}] but received data of ${array.length} elements`,
    )
  }
  return { data: array as TypedArrayByDType[D], shape: [...shape], dtype }
}

function fromArray(dtype: DType, values: readonly (number | bigint)[]): TypedArray {
  if (dtype === 'int64') return BigInt64Array.from(values, (v) => (typeof v === 'bigint' ? v : BigInt(Math.trunc(v))))
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number') throw invalidParameter(`data[${i}]`, 'a number', values[i])
  }
  return (CONSTRUCTORS[dtype] as Float64ArrayConstructor).from(values as readonly number[])
}

/**
 * The values of any tensor's data as plain numbers in a `Float64Array` view-free copy when the data is
 * `BigInt64Array`, or the data itself otherwise: lets numeric loops index every dtype the same way.
 */
export function numericView(data: TypedArray): Exclude<TypedArray, BigInt64Array> {
  if (data instanceof BigInt64Array) return Float64Array.from(data, (v) => Number(v))
  return data
}
