/**
 * What HailoRT says about a HEF handle without a device: its network groups, and the vstream infos
 * of one group. Shared by loading (`network-setup.ts`) and HailoRT's description of a HEF
 * (`hef-view.ts`), so both read the same structs the same way.
 * @packageDocumentation
 */
import koffi from 'koffi'
import type { HailortLibrary } from './ffi/library.js'
import { checkStatus } from './ffi/status.js'
import { NetworkGroupInfo, type NetworkGroupInfoStruct, type VStreamInfoStruct } from './ffi/structs.js'
import { Limits } from './ffi/type-values.js'
import type { Handle } from './ffi/types.js'

/** Room for vstream infos per network group: far more than any HEF has. */
export const MAX_VSTREAMS = 64

/**
 * The HEF's network groups (`hailo_get_network_groups_infos`).
 * @example
 * ```ts
 * hefNetworkGroups(lib, hef, 'model.hef').map((g) => g.name)
 * ```
 */
export function hefNetworkGroups(lib: HailortLibrary, hef: Handle, source: string): NetworkGroupInfoStruct[] {
  const size = koffi.sizeof(NetworkGroupInfo)
  const buffer = Buffer.alloc(size * Limits.MAX_NETWORK_GROUPS)
  const count = [Limits.MAX_NETWORK_GROUPS]
  checkStatus(
    lib.call('hailo_get_network_groups_infos', hef, buffer, count) as number,
    'hailo_get_network_groups_infos',
    { libraryVersion: lib.versionText, detail: `for ${source}` },
  )
  return Array.from(
    { length: count[0]! },
    (_, i) => koffi.decode(buffer, i * size, NetworkGroupInfo) as NetworkGroupInfoStruct,
  )
}

/** One vstream info: decoded, and its raw bytes (for calls that take the struct, and the NMS union). */
export interface RawVStreamInfo {
  readonly info: VStreamInfoStruct
  readonly raw: Buffer
}

/**
 * Every vstream info of `networkGroup` (`hailo_hef_get_all_vstream_infos`), in the layout of the loaded
 * library's version.
 * @example
 * ```ts
 * hefVStreamInfos(lib, hef, 'resnet_v1_18', 'model.hef').map(({ info }) => info.name)
 * ```
 */
export function hefVStreamInfos(
  lib: HailortLibrary,
  hef: Handle,
  networkGroup: string,
  source: string,
): RawVStreamInfo[] {
  const type = lib.structs.vstreamInfo
  const size = koffi.sizeof(type)
  const buffer = Buffer.alloc(size * MAX_VSTREAMS)
  const count = [MAX_VSTREAMS]
  checkStatus(
    lib.call('hailo_hef_get_all_vstream_infos', hef, networkGroup, buffer, count) as number,
    'hailo_hef_get_all_vstream_infos',
    {
      libraryVersion: lib.versionText,
      detail: `for network group "${networkGroup}" of ${source}`,
    },
  )
  return Array.from({ length: count[0]! }, (_, i) => {
    const raw = buffer.subarray(i * size, (i + 1) * size)
    return { info: koffi.decode(raw, type) as VStreamInfoStruct, raw }
  })
}
