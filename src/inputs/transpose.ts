/**
 * A rank-4 permutation (NHWC ↔ NCHW) fused with the dtype change, so reconciling a 224×224×3
 * input costs one pass and one allocation.
 *
 * `src/tensor` (owner PURE) has the general `toNCHW` / `toNHWC`; this fused copy exists because
 * `resolveInputs` may convert and transpose in the same pass.
 * @packageDocumentation
 */
import type { DType, TypedArray } from '../tensor/types.js'
import { typedArrayFor } from '../tensor/dtype.js'
import { convertArray } from './dtype.js'
import { permuteShape } from './shape.js'

/**
 * Permute a rank-4 row-major array: the result has shape `permuteShape(shape, perm)` and
 * `out[perm-applied index] = src[index]`, written as `dtype`.
 */
export function permute4(src: TypedArray, shape: readonly number[], perm: readonly number[], dtype: DType): TypedArray {
  if (dtype === 'int64' && !(src instanceof BigInt64Array))
    return permute4(convertArray(src, 'int64'), shape, perm, dtype)
  const outShape = permuteShape(shape, perm)
  const dst = typedArrayFor(dtype, src.length) as Float64Array // numeric view of the store; see cast note below
  // Strides of the destination, then re-indexed by source axis: moving one step along source
  // axis k moves `strideBySrcAxis[k]` elements in the destination.
  const dstStrides = [outShape[1]! * outShape[2]! * outShape[3]!, outShape[2]! * outShape[3]!, outShape[3]!, 1]
  const strideBySrcAxis = [0, 0, 0, 0]
  for (let j = 0; j < 4; j++) strideBySrcAxis[perm[j]!] = dstStrides[j]!
  const [d0, d1, d2, d3] = shape as [number, number, number, number]
  const [s0, s1, s2, s3] = strideBySrcAxis as [number, number, number, number]
  // Both arrays are indexed with the same element kind (number, or bigint for int64); the cast
  // only silences TypeScript's union of element types.
  const from = src as unknown as Float64Array
  let i = 0
  for (let a = 0; a < d0; a++) {
    for (let b = 0; b < d1; b++) {
      for (let c = 0; c < d2; c++) {
        let o = a * s0 + b * s1 + c * s2
        for (let d = 0; d < d3; d++, o += s3) dst[o] = from[i++] as number
      }
    }
  }
  return dst as unknown as TypedArray
}
