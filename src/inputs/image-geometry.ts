/**
 * Which image a declared input wants: where its batch, height, width and channel dimensions are,
 * and their sizes. Internal to `src/inputs`.
 * @packageDocumentation
 */
import { InputMismatchError } from '../errors.js'
import type { Dim, TensorInfo } from '../tensor/types.js'
import { describeInfo } from './fit.js'
import { isDynamicDim } from './shape.js'

/** Order of the image dimensions in the tensor (`N` only when the input has a batch dimension). */
export type ImageOrder = 'NHWC' | 'NCHW' | 'NHW' | 'HWC' | 'CHW'

/** The image an input wants; `height` / `width` are `undefined` when dynamic (the image's own size is kept). */
export interface ImageGeometry {
  readonly order: ImageOrder
  readonly height: number | undefined
  readonly width: number | undefined
  readonly channels: 1 | 3
}

function orderOf(info: TensorInfo): ImageOrder | undefined {
  const { shape, layout } = info
  if (shape.length === 4 && layout === 'NHWC') return 'NHWC'
  if (shape.length === 4 && layout === 'NCHW') return 'NCHW'
  if (shape.length === 3 && layout === 'NHW') return 'NHW'
  if (shape.length === 3 && layout === 'other') {
    // A model without a batch dimension: channels last or first, told apart by a size of 1 or 3.
    const [first, , last] = shape
    if (last === 1 || last === 3) return 'HWC'
    if (first === 1 || first === 3) return 'CHW'
  }
  return undefined
}

/**
 * Read the image geometry of `info`, or throw {@link InputMismatchError} when no image can fill it
 * (a vector input, a batch larger than 1, 2 or 4+ channels, an integer type other than uint8).
 */
export function imageGeometry(info: TensorInfo): ImageGeometry {
  const order = orderOf(info)
  if (order === undefined) {
    throw new InputMismatchError(
      `An image cannot fill ${describeInfo(info)}: images fill NHWC or NCHW inputs of rank 4, NHW inputs of rank 3, or rank-3 inputs with 1 or 3 channels first or last. Pass a tensor or a .npy file instead.`,
    )
  }
  if (info.dtype !== 'uint8' && info.dtype !== 'float32') {
    throw new InputMismatchError(
      `An image cannot fill ${describeInfo(info)}: images give uint8 pixels (or float32 pixel values 0–255), not ${info.dtype}. Pass a tensor or a .npy file with ${info.dtype} data instead.`,
    )
  }
  const at = (letter: string): Dim => info.shape[order.indexOf(letter)] as Dim
  if (order.startsWith('N')) {
    const n = at('N')
    if (!isDynamicDim(n) && n !== 1) {
      throw new InputMismatchError(
        `An image cannot fill ${describeInfo(info)}: one image is a batch of 1, but the batch dimension is ${n}. Pass a tensor or .npy file holding the whole batch.`,
      )
    }
  }
  let channels: 1 | 3 = 1
  if (order !== 'NHW') {
    const c = at('C')
    if (!isDynamicDim(c) && c !== 1 && c !== 3) {
      throw new InputMismatchError(
        `An image cannot fill ${describeInfo(info)}: images give 1 (grey) or 3 (colour) channels, but the input has ${c}. Pass a tensor or a .npy file instead.`,
      )
    }
    channels = c === 1 ? 1 : 3
  }
  const size = (d: Dim): number | undefined => (isDynamicDim(d) ? undefined : (d as number))
  return { order, height: size(at('H')), width: size(at('W')), channels }
}

/** The tensor shape for an image of `height × width` in `order` (batch of 1). */
export function imageShape(order: ImageOrder, height: number, width: number, channels: number): number[] {
  switch (order) {
    case 'NHWC':
      return [1, height, width, channels]
    case 'NCHW':
      return [1, channels, height, width]
    case 'NHW':
      return [1, height, width]
    case 'HWC':
      return [height, width, channels]
    case 'CHW':
      return [channels, height, width]
  }
}
