/**
 * Telling a caller's tensor from a record by input name: both are plain objects.
 * @packageDocumentation
 */
import type { Tensor } from '../tensor/types.js'

/**
 * True for a `{ data, shape, dtype }` object (as opposed to a record by input name).
 * @example
 * ```ts
 * isTensorLike({ data: new Float32Array(4), shape: [1, 4], dtype: 'float32' }) // true
 * isTensorLike({ x: new Float32Array(4) })                                    // false: a record
 * ```
 */
export function isTensorLike(value: object): value is Tensor {
  const v = value as Partial<Tensor>
  return ArrayBuffer.isView(v.data) && Array.isArray(v.shape) && typeof v.dtype === 'string'
}
