/**
 * Loading one HEF on an open vdevice: HEF → network group choice → NMS refusal → configure →
 * vstream params with an explicit format type → input/output vstreams → their descriptions. Each
 * handle goes on the model's {@link ReleaseStack} as soon as it exists, so a failure half way
 * releases exactly what was taken, newest first. Configured network groups are not released: the
 * vdevice owns them (HailoRT has no release call for them).
 * @packageDocumentation
 */
import koffi from 'koffi'
import { UnknownNameError, UnsupportedModelError } from '../../../errors.js'
import type { TensorInfo } from '../../../tensor/types.js'
import type { HailortLibrary } from './ffi/library.js'
import { checkStatus } from './ffi/status.js'
import {
  ConfigureNetworkGroupParams,
  ConfigureParams,
  Format,
  InputVStreamParamsByName,
  QuantInfo,
  VStreamParams,
  type QuantInfoStruct,
  type VStreamInfoStruct,
} from './ffi/structs.js'
import { FormatOrder, FormatType, Limits } from './ffi/type-values.js'
import type { Handle } from './ffi/types.js'
import { hefNetworkGroups, hefVStreamInfos, MAX_VSTREAMS } from './hef-queries.js'
import type { ReleaseStack } from './release-stack.js'
import { deviceDType, frameBytes, NMS_ORDERS, tensorInfoOf, type VStreamDescription } from './tensor-info.js'

/** What `load` asks for. */
export interface NetworkRequest {
  readonly bytes: Uint8Array
  readonly path?: string
  readonly source: string
  readonly format: 'float32' | 'raw'
  readonly networkGroup?: string
  readonly batchSize?: number
  readonly timeoutMs?: number
}

/** One direction's vstreams, in HailoRT's order. */
export interface VStreamSet {
  readonly handles: BigUint64Array
  readonly infos: readonly TensorInfo[]
  readonly frameBytes: readonly number[]
}

/** A configured network, ready to infer. */
export interface ConfiguredNetwork {
  readonly networkGroup: string
  readonly networkGroups: readonly string[]
  readonly inputs: VStreamSet
  readonly outputs: VStreamSet
}

/** Upper bound of vstreams per direction that we ask HailoRT for. */

/**
 * Load, configure and open the vstreams of `request` on `vdevice`.
 * @example
 * ```ts
 * const net = await setupNetwork(lib, vdevice, { bytes, source: 'model.hef', format: 'raw' }, stack)
 * ```
 */
export async function setupNetwork(
  lib: HailortLibrary,
  vdevice: Handle,
  request: NetworkRequest,
  stack: ReleaseStack,
): Promise<ConfiguredNetwork> {
  const ctx = (detail: string) => ({ libraryVersion: lib.versionText, detail })
  const hefOut: [Handle | null] = [null]
  const hefStatus = request.path
    ? await lib.callAsync('hailo_create_hef_file', hefOut, request.path)
    : await lib.callAsync('hailo_create_hef_buffer', hefOut, request.bytes, request.bytes.byteLength)
  checkStatus(
    hefStatus as number,
    request.path ? 'hailo_create_hef_file' : 'hailo_create_hef_buffer',
    ctx(`for ${request.source}`),
  )
  const hef = hefOut[0] as Handle
  // The closure also keeps the HEF bytes alive until the HEF is released: HailoRT 4.18–4.23 copy
  // them in hailo_create_hef_buffer, but nothing in the C API promises it.
  const bytes = request.bytes
  stack.push('hef', async () => {
    checkStatus(
      (await lib.callAsync('hailo_release_hef', hef)) as number,
      'hailo_release_hef',
      ctx(`for ${request.source} (${bytes.byteLength} bytes)`),
    )
  })

  const groups = hefNetworkGroups(lib, hef, request.source)
  const networkGroup = request.networkGroup ?? groups[0]!.name
  if (!groups.some((g) => g.name === networkGroup)) {
    throw new UnknownNameError(
      'E_UNKNOWN_NETWORK_GROUP',
      `${request.source} has no network group "${networkGroup}"; it has: ${groups.map((g) => `"${g.name}"`).join(', ')}. Pass one of them as { networkGroup }.`,
    )
  }
  const hefInfos = hefVStreamInfos(lib, hef, networkGroup, request.source).map((v) => v.info)
  const nms = hefInfos.filter((i) => NMS_ORDERS.has(i.format.order))
  if (nms.length > 0) {
    throw new UnsupportedModelError(
      `${request.source} (network group "${networkGroup}") has NMS output${nms.length > 1 ? 's' : ''} ${nms.map((i) => `"${i.name}"`).join(', ')}: ` +
        'vitest-hailo cannot compare NMS results yet (their empty box slots are padding that would look like noise between runs). ' +
        'Compile the model without the on-chip NMS post-process (compare the raw detection heads), or test the classifier/embedding part of the pipeline.',
    )
  }

  const group = await configure(lib, vdevice, hef, networkGroup, request, ctx)
  const byName = new Map(hefInfos.map((i) => [i.name, i]))
  const inputs = await openVStreams(lib, group, 'input', request, byName, stack, ctx)
  const outputs = await openVStreams(lib, group, 'output', request, byName, stack, ctx)
  return { networkGroup, networkGroups: groups.map((g) => g.name), inputs, outputs }
}

async function configure(
  lib: HailortLibrary,
  vdevice: Handle,
  hef: Handle,
  networkGroup: string,
  request: NetworkRequest,
  ctx: (detail: string) => { libraryVersion: string; detail: string },
): Promise<Handle> {
  const params = Buffer.alloc(koffi.sizeof(ConfigureParams))
  checkStatus(
    lib.call('hailo_init_configure_params_by_vdevice', hef, vdevice, params) as number,
    'hailo_init_configure_params_by_vdevice',
    ctx(`for ${request.source}`),
  )
  // Keep only the chosen network group: move its block to slot 0 and set the count to 1.
  const base = koffi.offsetof(ConfigureParams, 'network_group_params')
  const stride = koffi.sizeof(ConfigureNetworkGroupParams)
  const count = Number(params.readBigUInt64LE(0))
  let index = -1
  for (let i = 0; i < count; i++) {
    if ((koffi.decode(params, base + i * stride, 'char[128]') as string) === networkGroup) index = i
  }
  if (index < 0)
    throw new UnknownNameError(
      'E_UNKNOWN_NETWORK_GROUP',
      `HailoRT's configure parameters for ${request.source} do not list network group "${networkGroup}".`,
    )
  if (index > 0) params.copy(params, base, base + index * stride, base + (index + 1) * stride)
  params.writeBigUInt64LE(1n, 0)
  if (request.batchSize !== undefined)
    params.writeUInt16LE(request.batchSize, base + koffi.offsetof(ConfigureNetworkGroupParams, 'batch_size'))
  const out = new BigUint64Array(Limits.MAX_NETWORK_GROUPS)
  const outCount = [Limits.MAX_NETWORK_GROUPS]
  checkStatus(
    (await lib.callAsync('hailo_configure_vdevice', vdevice, hef, params, out, outCount)) as number,
    'hailo_configure_vdevice',
    ctx(`for network group "${networkGroup}" of ${request.source}`),
  )
  return out[0]!
}

async function openVStreams(
  lib: HailortLibrary,
  group: Handle,
  direction: 'input' | 'output',
  request: NetworkRequest,
  hefInfos: ReadonlyMap<string, VStreamInfoStruct>,
  stack: ReleaseStack,
  ctx: (detail: string) => { libraryVersion: string; detail: string },
): Promise<VStreamSet> {
  const stride = koffi.sizeof(InputVStreamParamsByName) // same layout for outputs
  const params = Buffer.alloc(stride * MAX_VSTREAMS)
  const count = [MAX_VSTREAMS]
  // The bool argument is ignored since HailoRT 4.16; the format type is what decides (de)quantization.
  const asked = request.format === 'float32' ? FormatType.FLOAT32 : FormatType.AUTO
  checkStatus(
    lib.call(`hailo_make_${direction}_vstream_params`, group, false, asked, params, count) as number,
    `hailo_make_${direction}_vstream_params`,
    ctx(`for ${request.source}`),
  )
  const n = count[0]!
  const paramsAt = koffi.offsetof(InputVStreamParamsByName, 'params')
  const typeAt = paramsAt + koffi.offsetof(VStreamParams, 'user_buffer_format') + koffi.offsetof(Format, 'type')
  const timeoutAt = paramsAt + koffi.offsetof(VStreamParams, 'timeout_ms')
  const queueAt = paramsAt + koffi.offsetof(VStreamParams, 'queue_size')
  for (let i = 0; i < n; i++) {
    const name = koffi.decode(params, i * stride, 'char[128]') as string
    // Explicit type on the raw path too: the device's own type (uint8 or uint16), never AUTO.
    const type =
      request.format === 'float32' ? FormatType.FLOAT32 : (hefInfos.get(name)?.format.type ?? FormatType.AUTO)
    params.writeInt32LE(type, i * stride + typeAt)
    if (request.timeoutMs !== undefined) params.writeUInt32LE(Math.ceil(request.timeoutMs), i * stride + timeoutAt)
    // Room for one frame is what lets HailoModel write synchronously without waiting on the chip.
    if (params.readUInt32LE(i * stride + queueAt) < 1) params.writeUInt32LE(1, i * stride + queueAt)
  }
  const handles = new BigUint64Array(n)
  checkStatus(
    (await lib.callAsync(`hailo_create_${direction}_vstreams`, group, params, n, handles)) as number,
    `hailo_create_${direction}_vstreams`,
    ctx(`for ${request.source}`),
  )
  stack.push(`${direction} vstreams`, async () =>
    checkStatus(
      (await lib.callAsync(`hailo_release_${direction}_vstreams`, handles, n)) as number,
      `hailo_release_${direction}_vstreams`,
      ctx(`for ${request.source}`),
    ),
  )
  const infos: TensorInfo[] = []
  const sizes: number[] = []
  for (const handle of handles) {
    const description = describe(lib, direction, handle, hefInfos, ctx)
    const info = tensorInfoOf(description, request.format)
    const size = [0]
    checkStatus(
      lib.call(`hailo_get_${direction}_vstream_frame_size`, handle, size) as number,
      `hailo_get_${direction}_vstream_frame_size`,
      ctx(`for "${description.name}"`),
    )
    if (size[0] !== frameBytes(info)) {
      throw new UnsupportedModelError(
        `HailoRT's frame size for ${direction} "${info.name}" is ${size[0]} bytes, but its shape [${info.shape.join(', ')}] of ${info.dtype} makes ${frameBytes(info)}. ` +
          'vitest-hailo does not handle padded or transformed host layouts yet; report this with the HEF.',
      )
    }
    infos.push(info)
    sizes.push(size[0]!)
  }
  return { handles, infos, frameBytes: sizes }
}

function describe(
  lib: HailortLibrary,
  direction: 'input' | 'output',
  handle: Handle,
  hefInfos: ReadonlyMap<string, VStreamInfoStruct>,
  ctx: (detail: string) => { libraryVersion: string; detail: string },
): VStreamDescription {
  const buffer = Buffer.alloc(koffi.sizeof(lib.structs.vstreamInfo))
  checkStatus(
    lib.call(`hailo_get_${direction}_vstream_info`, handle, buffer) as number,
    `hailo_get_${direction}_vstream_info`,
    ctx('for a vstream'),
  )
  const own = koffi.decode(buffer, lib.structs.vstreamInfo) as VStreamInfoStruct
  // The device side (type, order, shape) as the HEF declares it: the vstream's own info is built
  // from the same data, but the HEF's is what golden.json and the raw path are defined against.
  const info = hefInfos.get(own.name) ?? own
  deviceDType(info.format.type) // refuse an unknown device type before anything uses it
  const capacity = Math.max(1, info.shape.features) + 1
  const quantSize = koffi.sizeof(QuantInfo)
  const quantBuffer = Buffer.alloc(quantSize * capacity)
  const quantCount = [capacity]
  checkStatus(
    lib.call(`hailo_get_${direction}_vstream_quant_infos`, handle, quantBuffer, quantCount) as number,
    `hailo_get_${direction}_vstream_quant_infos`,
    ctx(`for "${info.name}"`),
  )
  const quant = Array.from(
    { length: quantCount[0]! },
    (_, i) => koffi.decode(quantBuffer, i * quantSize, QuantInfo) as QuantInfoStruct,
  )
  return {
    name: info.name,
    deviceType: info.format.type,
    order: info.format.order === FormatOrder.AUTO ? FormatOrder.NHWC : info.format.order,
    height: info.shape.height,
    width: info.shape.width,
    features: info.shape.features,
    quant: quant.length > 0 ? quant : [info.quant_info],
  }
}
