/**
 * A HEF vstream (as the pure reader in `src/hef/` found it) as the {@link TensorInfo} a loaded model reports:
 * the same pure conversion the HailoRT backend applies to what libhailort returns (`tensorInfoOf`), so
 * `describeModel` and `device.load` agree by construction (batch of one, NHWC / NC / NHW / NCHW, quantization
 * per channel when the HEF has it).
 * @packageDocumentation
 */
// Here, beside the binding's vocabulary, and not in src/hef/: the reader stays free of device code.
import type { HefVStreamInfo } from '../../../hef/types.js'
import type { TensorInfo } from '../../../tensor/types.js'
import { FormatOrder, FormatType } from './ffi/type-values.js'
import { tensorInfoOf, type VStreamDescription } from './tensor-info.js'

/** HailoRT's numeric format order for one of our order names. */
function orderNumber(order: HefVStreamInfo['format']['order']): number {
  const key = order === '12_BIT_BAYER_RGB' ? 'BIT12_BAYER_RGB' : order
  return FormatOrder[key]
}

/** The binding's view of a vstream, built from what the reader found. */
export function toVStreamDescription(v: HefVStreamInfo): VStreamDescription {
  const quant = (v.quantPerChannel ?? [v.quant]).map((q) => ({
    qp_zp: q.zeroPoint,
    qp_scale: q.scale,
    limvals_min: q.limvalsMin,
    limvals_max: q.limvalsMax,
  }))
  return {
    name: v.name,
    deviceType:
      v.format.type === 'UINT16'
        ? FormatType.UINT16
        : v.format.type === 'FLOAT32'
          ? FormatType.FLOAT32
          : FormatType.UINT8,
    order: orderNumber(v.format.order),
    height: v.shape.height,
    width: v.shape.width,
    features: v.shape.features,
    quant,
  }
}

/**
 * The {@link TensorInfo} of a HEF vstream on a format path: `raw` (the device's uint8 / uint16) or `float32`
 * (HailoRT quantizes on the host), the two paths `device.load(…, { format })` offers.
 *
 * @example
 * ```ts
 * hefTensorInfo(info.networkGroups[0].inputs[0], 'raw') // { name, shape: [1, 112, 112, 3], dtype: 'uint8', layout:
 * 'NHWC', quant }
 * ```
 */
export function hefTensorInfo(v: HefVStreamInfo, format: 'raw' | 'float32'): TensorInfo {
  if (format === 'raw' && v.format.type === 'FLOAT32') {
    // NMS outputs are float32 even on the raw path; the binding's helper only knows device integer types.
    return { ...tensorInfoOf({ ...toVStreamDescription(v), deviceType: FormatType.UINT8 }, 'float32') }
  }
  return tensorInfoOf(toVStreamDescription(v), format)
}
