/**
 * HailoRT vstream descriptions → vitest-hailo {@link TensorInfo}: shape and layout from the format
 * order, dtype from the host format (`float32`, or the device's own uint8 / uint16 on the `raw`
 * path), quantization from the vstream's quant infos (per channel when it has several). Pure.
 * @packageDocumentation
 */
import type { DType, Layout, QuantParams, Quantization, TensorInfo } from '../../../tensor/types.js'
import { FormatOrder, FormatType } from './ffi/type-values.js'

/** What the binding read about one vstream. */
export interface VStreamDescription {
  readonly name: string
  /** HailoRT format type of the device side (UINT8 = 1, UINT16 = 2). */
  readonly deviceType: number
  readonly order: number
  readonly height: number
  readonly width: number
  readonly features: number
  /** One entry, or one per channel. */
  readonly quant: readonly { qp_zp: number; qp_scale: number; limvals_min: number; limvals_max: number }[]
}

/** Format orders whose outputs are NMS results (boxes per class with padding slots). */
export const NMS_ORDERS: ReadonlySet<number> = new Set([
  FormatOrder.HAILO_NMS,
  FormatOrder.HAILO_NMS_WITH_BYTE_MASK,
  FormatOrder.HAILO_NMS_ON_CHIP,
  FormatOrder.HAILO_NMS_BY_CLASS,
  FormatOrder.HAILO_NMS_BY_SCORE,
])

/** The device's raw dtype of a vstream. */
export function deviceDType(deviceType: number): DType {
  if (deviceType === FormatType.UINT8) return 'uint8'
  if (deviceType === FormatType.UINT16) return 'uint16'
  throw new Error(
    `HailoRT reported device format type ${deviceType}; only UINT8 (1) and UINT16 (2) exist on the device side`,
  )
}

/** Shape (batch of one) and layout of the host buffer for a device format order. */
export function hostShape(d: VStreamDescription): { shape: number[]; layout: Layout; channelAxis: number } {
  switch (d.order) {
    case FormatOrder.NC:
      return { shape: [1, d.features], layout: 'NC', channelAxis: 1 }
    case FormatOrder.NHW:
      return { shape: [1, d.height, d.width], layout: 'NHW', channelAxis: -1 }
    case FormatOrder.NCHW:
      return { shape: [1, d.features, d.height, d.width], layout: 'NCHW', channelAxis: 1 }
    default:
      // NHWC, and the device-only orders (NHCW, FCR, F8CR) that HailoRT presents to the host as NHWC.
      return { shape: [1, d.height, d.width, d.features], layout: 'NHWC', channelAxis: 3 }
  }
}

function toParams(q: VStreamDescription['quant'][number]): QuantParams {
  return { scale: q.qp_scale, zeroPoint: q.qp_zp, min: q.limvals_min, max: q.limvals_max }
}

/** The vstream's quantization; per-channel entries along the channel axis when there are several. */
export function quantization(d: VStreamDescription, channelAxis: number): Quantization | undefined {
  const first = d.quant[0]
  if (!first) return undefined
  if (d.quant.length === 1 || channelAxis < 0) return toParams(first)
  return { ...toParams(first), perChannel: { axis: channelAxis, params: d.quant.map(toParams) } }
}

/** The TensorInfo callers see for a vstream on the chosen format path. */
export function tensorInfoOf(d: VStreamDescription, format: 'float32' | 'raw'): TensorInfo {
  const { shape, layout, channelAxis } = hostShape(d)
  const quant = quantization(d, channelAxis)
  return {
    name: d.name,
    shape,
    dtype: format === 'float32' ? 'float32' : deviceDType(d.deviceType),
    layout,
    ...(quant ? { quant } : {}),
  }
}

/** Bytes of one host frame for a TensorInfo with a static shape. */
export function frameBytes(info: TensorInfo): number {
  const elements = info.shape.reduce<number>((n, dim) => n * (typeof dim === 'number' ? dim : 1), 1)
  const width = info.dtype === 'float32' ? 4 : info.dtype === 'uint16' ? 2 : 1
  return elements * width
}
