/**
 * Layout conversion: a general axis permutation and the two image layouts Hailo and ONNX disagree on,
 * NHWC (Hailo's vstreams) and NCHW (most ONNX exports).
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { invalidParameter } from '../validate.js'
import { elementCount, strides } from './dtype.js'
import type { DType, Tensor, TypedArrayByDType } from './types.js'

/** NHWC → NCHW. */
export const NHWC_TO_NCHW = [0, 3, 1, 2] as const
/** NCHW → NHWC. */
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const

function checkPermutation(perm: readonly number[], rank: number): void {
  const seen = new Set<number>()
  const ok =
    Array.isArray(perm) &&
    perm.length === rank &&
    perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank && !seen.has(p) && (seen.add(p), true))
  if (!ok) throw invalidParameter('perm', `a permutation of 0…${rank - 1} (one entry per axis)`, perm)
}

/**
 * Permute the axes of a tensor (numpy's `transpose`): axis `k` of the result is axis `perm[k]` of the
 * input. Always returns a new tensor of the same dtype (a copy, even for the identity permutation).
 *
 * @throws {@link InvalidArgumentError} when `perm` is not a permutation of the tensor's axes.
 * @example
 * ```ts
 * transpose(makeTensor('uint8', [2, 3], [1, 2, 3, 4, 5, 6]), [1, 0]).data // [1, 4, 2, 5, 3, 6]
 * ```
 */
export function transpose<D extends DType>(tensor: Tensor<D>, perm: readonly number[]): Tensor<D> {
  const shape = tensor.shape
  checkPermutation(perm, shape.length)
  const n = elementCount(shape)
  if (tensor.data.length !== n) {
    throw new InvalidArgumentError(
      `Expected ${n} elements for shape [${shape.join(', ')}] but the tensor holds ${tensor.data.length}`,
    )
  }
  const outShape = perm.map((p) => shape[p]!)
  const srcStrides = strides(shape)
  const step = perm.map((p) => srcStrides[p]!) // source stride of each output axis
  const src = tensor.data as unknown as Float64Array // same element kind on both sides; the cast only unifies the union
  const dst = new (tensor.data.constructor as Float64ArrayConstructor)(n)
  const rank = outShape.length
  if (n === 0) return { data: dst as unknown as TypedArrayByDType[D], shape: outShape, dtype: tensor.dtype }
  if (rank === 0) {
    dst[0] = src[0]!
    return { data: dst as unknown as TypedArrayByDType[D], shape: outShape, dtype: tensor.dtype }
  }
  // Walk the output in order with an odometer over all but the last axis; the innermost loop is a strided copy.
  const last = rank - 1
  const innerSize = outShape[last]!
  const innerStep = step[last]!
  const counter = new Array<number>(rank).fill(0)
  let base = 0
  let o = 0
  while (o < n) {
    for (let j = 0, s = base; j < innerSize; j++, s += innerStep) dst[o++] = src[s]!
    let axis = last - 1
    while (axis >= 0) {
      counter[axis]!++
      base += step[axis]!
      if (counter[axis]! < outShape[axis]!) break
      base -= step[axis]! * outShape[axis]!
      counter[axis] = 0
      axis--
    }
    if (axis < 0) break
  }
  return { data: dst as unknown as TypedArrayByDType[D], shape: outShape, dtype: tensor.dtype }
}

function checkRank(tensor: Pick<Tensor, 'shape'>, fn: string): void {
  const rank = tensor?.shape?.length
  if (rank !== 3 && rank !== 4) {
    throw invalidParameter(
      `${fn}'s tensor`,
      'a rank-4 (batch, image) or rank-3 (image) tensor',
      tensor?.shape ? `shape [${tensor.shape.join(', ')}]` : tensor,
    )
  }
}

/**
 * NHWC → NCHW (rank 4), or HWC → CHW (rank 3). The caller states the source layout; nothing is guessed.
 * @example
 * ```ts
 * toNCHW(makeTensor('uint8', [1, 224, 224, 3])).shape // [1, 3, 224, 224]
 * ```
 */
export function toNCHW<D extends DType>(tensor: Tensor<D>): Tensor<D> {
  checkRank(tensor, 'toNCHW')
  return transpose(tensor, tensor.shape.length === 4 ? NHWC_TO_NCHW : [2, 0, 1])
}

/**
 * NCHW → NHWC (rank 4), or CHW → HWC (rank 3). The caller states the source layout; nothing is guessed.
 * @example
 * ```ts
 * toNHWC(makeTensor('float32', [1, 3, 224, 224])).shape // [1, 224, 224, 3]
 * ```
 */
export function toNHWC<D extends DType>(tensor: Tensor<D>): Tensor<D> {
  checkRank(tensor, 'toNHWC')
  return transpose(tensor, tensor.shape.length === 4 ? NCHW_TO_NHWC : [1, 2, 0])
}
