/**
 * What HailoRT itself says about a HEF, without a device: `hailo_create_hef_file` /
 * `hailo_create_hef_buffer`, then per network group `hailo_hef_get_all_vstream_infos` and
 * `hailo_get_vstream_frame_size`, in the HEF reader's vocabulary so `hefDisagreements` can compare
 * the two answers field by field. The HEF handle is released on every path.
 * @packageDocumentation
 */
import koffi from 'koffi'
import type { HailortHefView } from '../../../hef/cross-check.js'
import type { HailoFormatOrder, HailoFormatType, HefVStreamInfo } from '../../../hef/types.js'
import { isLibraryMissing, loadHailort, type HailortLibrary, type LoadHailortOptions } from './ffi/library.js'
import { checkStatus, statusError, statusName } from './ffi/status.js'
import { Format } from './ffi/structs.js'
import { FormatOrder, FormatType, StreamDirection } from './ffi/type-values.js'
import type { Handle } from './ffi/types.js'
import { hefNetworkGroups, hefVStreamInfos } from './hef-queries.js'

/** Options of {@link describeHefWithHailort}. */
export interface HefViewOptions {
  /** Where to look for libhailort (tests pass their own). */
  readonly library?: LoadHailortOptions
}

/** Upper bound of vstreams per network group asked from HailoRT. */
/** Numbers per box of an NMS output (HailoRT's `BBOX_PARAMS`), as the HEF reader reports NMS shapes. */
const BBOX_PARAMS = 5

const TYPE_NAMES = Object.fromEntries(Object.entries(FormatType).map(([k, v]) => [v, k])) as Record<
  number,
  HailoFormatType
>
const ORDER_NAMES = Object.fromEntries(
  Object.entries(FormatOrder).map(([k, v]) => [
    v,
    (k === 'BIT12_BAYER_RGB' ? '12_BIT_BAYER_RGB' : k) as HailoFormatOrder,
  ]),
) as Record<number, HailoFormatOrder>
const NMS_ORDERS: ReadonlySet<number> = new Set([
  FormatOrder.HAILO_NMS,
  FormatOrder.HAILO_NMS_WITH_BYTE_MASK,
  FormatOrder.HAILO_NMS_ON_CHIP,
  FormatOrder.HAILO_NMS_BY_CLASS,
  FormatOrder.HAILO_NMS_BY_SCORE,
])

/**
 * HailoRT's own description of a HEF (network groups, vstream infos, frame sizes), or `undefined`
 * when libhailort is not installed. Needs no chip. A HEF that HailoRT refuses gives a view with
 * `refused` set (status and message) and no network groups.
 *
 * @throws {@link NativeLibraryError} when libhailort is present but unusable (unsupported version,
 *   `HAILORT_LIB` that does not load); {@link NativeCallError} when a query after the HEF loaded fails.
 * @example
 * ```ts
 * const view = await describeHefWithHailort('build/model.hef')
 * if (view) console.log(view.hailort, view.networkGroups.map((g) => g.name))
 * ```
 */
export async function describeHefWithHailort(
  model: string | Uint8Array,
  options: HefViewOptions = {},
): Promise<HailortHefView | undefined> {
  let lib: HailortLibrary
  try {
    lib = loadHailort(options.library)
  } catch (error) {
    if (isLibraryMissing(error)) return undefined
    throw error
  }
  const source = typeof model === 'string' ? model : '<bytes>'
  const ctx = (detail: string) => ({ libraryVersion: lib.versionText, detail })
  const out: [Handle | null] = [null]
  const operation = typeof model === 'string' ? 'hailo_create_hef_file' : 'hailo_create_hef_buffer'
  const status = (
    typeof model === 'string'
      ? await lib.callAsync('hailo_create_hef_file', out, model)
      : await lib.callAsync('hailo_create_hef_buffer', out, model, model.byteLength)
  ) as number
  if (status !== 0) {
    const error = statusError(status, operation, ctx(`for ${source}`))
    return {
      hailort: lib.versionText,
      networkGroups: [],
      refused: { status, statusName: statusName(status), message: error.message },
    }
  }
  const hef = out[0] as Handle
  let view: HailortHefView
  try {
    const groups = hefNetworkGroups(lib, hef, source)
    view = {
      hailort: lib.versionText,
      networkGroups: groups.map((g) => ({
        name: g.name,
        isMultiContext: g.is_multi_context,
        vstreams: vstreams(lib, hef, g.name, source),
      })),
    }
  } catch (error) {
    lib.call('hailo_release_hef', hef) // the query's error is the one worth reporting
    throw error
  }
  // Releasing after the queries also keeps `model` (the bytes HailoRT may point into) alive until then.
  checkStatus(lib.call('hailo_release_hef', hef) as number, 'hailo_release_hef', ctx(`for ${source}`))
  return view
}

function vstreams(lib: HailortLibrary, hef: Handle, group: string, source: string): HefVStreamInfo[] {
  const type = lib.structs.vstreamInfo
  const ctx = { libraryVersion: lib.versionText, detail: `for network group "${group}" of ${source}` }
  return hefVStreamInfos(lib, hef, group, source).map(({ info, raw: at }) => {
    const frameSize = (formatType: number): number => {
      const format = Buffer.alloc(koffi.sizeof(Format))
      format.writeInt32LE(formatType, koffi.offsetof(Format, 'type'))
      format.writeInt32LE(info.format.order, koffi.offsetof(Format, 'order'))
      const bytes = [0]
      checkStatus(
        lib.call('hailo_get_vstream_frame_size', at, format, bytes) as number,
        'hailo_get_vstream_frame_size',
        { ...ctx, detail: `for "${info.name}" ${ctx.detail}` },
      )
      return bytes[0]!
    }
    const nms = NMS_ORDERS.has(info.format.order)
    // The union holds the NMS shape for NMS orders; the reader reports it as classes × box params × boxes.
    const shape = nms
      ? {
          height: at.readUInt32LE(koffi.offsetof(type, 'shape')),
          width: BBOX_PARAMS,
          features: at.readUInt32LE(koffi.offsetof(type, 'shape') + 4),
        }
      : { height: info.shape.height, width: info.shape.width, features: info.shape.features }
    const q = info.quant_info
    return {
      direction: info.direction === StreamDirection.H2D ? 'input' : 'output',
      name: info.name,
      network: info.network_name,
      format: {
        type: TYPE_NAMES[info.format.type] ?? (`${info.format.type}` as HailoFormatType),
        order: ORDER_NAMES[info.format.order] ?? (`${info.format.order}` as HailoFormatOrder),
        flags: info.format.flags,
      },
      shape,
      quant: { zeroPoint: q.qp_zp, scale: q.qp_scale, limvalsMin: q.limvals_min, limvalsMax: q.limvals_max },
      frameBytes: { raw: frameSize(info.format.type), float32: frameSize(FormatType.FLOAT32) },
    }
  })
}
