/**
 * The HailoRT structs the binding reads or writes, declared with koffi, each next to its TypeScript
 * shape. Structs identical in 4.18–4.23 are declared once under their C name; the two that differ
 * (`hailo_nms_shape_t`, `hailo_vstream_info_t`) are declared per layout family with the family as a
 * suffix (`hailo_vstream_info_t__v4_21`), because koffi type names are global.
 * Tests check every size and offset against `../abi/layouts.json`, measured on the real headers.
 * @packageDocumentation
 */
import koffi from 'koffi'
import { defineOnce, Limits, type KoffiType } from './types.js'
import type { LayoutFamily } from './versions.js'

type StructDef = Record<string, string | KoffiType>

const struct = (name: string, def: StructDef): KoffiType => defineOnce(name, () => koffi.struct(name, def))

/** `hailo_version_t`. */
export interface VersionStruct {
  major: number
  minor: number
  revision: number
}
export const Version = struct('hailo_version_t', { major: 'uint32_t', minor: 'uint32_t', revision: 'uint32_t' })
export const FirmwareVersion = struct('hailo_firmware_version_t', {
  major: 'uint32_t',
  minor: 'uint32_t',
  revision: 'uint32_t',
})

/** `hailo_device_id_t`: a PCIe BDF such as `0001:01:00.0`. */
export const DeviceId = struct('hailo_device_id_t', { id: koffi.array('char', Limits.MAX_DEVICE_ID_LENGTH, 'String') })

/** `hailo_vdevice_params_t`; edited in place in a buffer filled by `hailo_init_vdevice_params`. */
export const VDeviceParams = struct('hailo_vdevice_params_t', {
  device_count: 'uint32_t',
  device_ids: 'hailo_device_id_t *',
  scheduling_algorithm: 'hailo_scheduling_algorithm_t',
  group_id: 'const char *',
  multi_process_service: 'bool',
})

/** `hailo_device_identity_t` (`hailo_identify`). */
export interface DeviceIdentityStruct {
  protocol_version: number
  fw_version: VersionStruct
  logger_version: number
  board_name_length: number
  board_name: string
  is_release: boolean
  extended_context_switch_buffer: boolean
  device_architecture: number
  serial_number_length: number
  serial_number: Uint8Array
  part_number_length: number
  part_number: Uint8Array
  product_name_length: number
  product_name: string
}
export const DeviceIdentity = struct('hailo_device_identity_t', {
  protocol_version: 'uint32_t',
  fw_version: 'hailo_firmware_version_t',
  logger_version: 'uint32_t',
  board_name_length: 'uint8_t',
  board_name: koffi.array('char', Limits.MAX_BOARD_NAME_LENGTH, 'String'),
  is_release: 'bool',
  extended_context_switch_buffer: 'bool',
  device_architecture: 'hailo_device_architecture_t',
  serial_number_length: 'uint8_t',
  // Raw bytes: the serial is not guaranteed to be text or NUL-terminated.
  serial_number: koffi.array('uint8_t', Limits.MAX_SERIAL_NUMBER_LENGTH, 'Typed'),
  part_number_length: 'uint8_t',
  part_number: koffi.array('uint8_t', Limits.MAX_PART_NUMBER_LENGTH, 'Typed'),
  product_name_length: 'uint8_t',
  product_name: koffi.array('char', Limits.MAX_PRODUCT_NAME_LENGTH, 'String'),
})

/** `hailo_chip_temperature_info_t` (°C). */
export interface ChipTemperatureStruct {
  ts0_temperature: number
  ts1_temperature: number
  sample_count: number
}
export const ChipTemperature = struct('hailo_chip_temperature_info_t', {
  ts0_temperature: 'float',
  ts1_temperature: 'float',
  sample_count: 'uint16_t',
})

/** `hailo_format_t`. */
export interface FormatStruct {
  type: number
  order: number
  flags: number
}
export const Format = struct('hailo_format_t', {
  type: 'hailo_format_type_t',
  order: 'hailo_format_order_t',
  flags: 'hailo_format_flags_t',
})

/** `hailo_quant_info_t`: `real = (q − qp_zp) · qp_scale`, clipped to the limvals on input. */
export interface QuantInfoStruct {
  qp_zp: number
  qp_scale: number
  limvals_min: number
  limvals_max: number
}
export const QuantInfo = struct('hailo_quant_info_t', {
  qp_zp: 'float',
  qp_scale: 'float',
  limvals_min: 'float',
  limvals_max: 'float',
})

/** `hailo_3d_image_shape_t`. */
export interface ImageShapeStruct {
  height: number
  width: number
  features: number
}
export const ImageShape = struct('hailo_3d_image_shape_t', {
  height: 'uint32_t',
  width: 'uint32_t',
  features: 'uint32_t',
})

/** `hailo_vstream_params_t` and the by-name wrappers `hailo_make_*_vstream_params` fill. */
export const VStreamParams = struct('hailo_vstream_params_t', {
  user_buffer_format: 'hailo_format_t',
  timeout_ms: 'uint32_t',
  queue_size: 'uint32_t',
  vstream_stats_flags: 'hailo_vstream_stats_flags_t',
  pipeline_elements_stats_flags: 'hailo_pipeline_elem_stats_flags_t',
})
export const InputVStreamParamsByName = struct('hailo_input_vstream_params_by_name_t', {
  name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
  params: 'hailo_vstream_params_t',
})
export const OutputVStreamParamsByName = struct('hailo_output_vstream_params_by_name_t', {
  name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
  params: 'hailo_vstream_params_t',
})

/** `hailo_network_group_info_t`. */
export interface NetworkGroupInfoStruct {
  name: string
  is_multi_context: boolean
}
export const NetworkGroupInfo = struct('hailo_network_group_info_t', {
  name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
  is_multi_context: 'bool',
})

/**
 * `hailo_stream_parameters_t`: three enums and a union of per-interface parameters (PCIe, Ethernet,
 * MIPI…) that the binding never reads; kept as opaque words so the size and alignment stay exact.
 */
export const StreamParameters = struct('hailo_stream_parameters_t', {
  stream_interface: 'hailo_stream_interface_t',
  direction: 'hailo_stream_direction_t',
  flags: 'hailo_stream_flags_t',
  interface_params: koffi.array('uint32_t', 17),
})
export const StreamParametersByName = struct('hailo_stream_parameters_by_name_t', {
  name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
  stream_params: 'hailo_stream_parameters_t',
})
export const NetworkParameters = struct('hailo_network_parameters_t', { batch_size: 'uint16_t' })
export const NetworkParametersByName = struct('hailo_network_parameters_by_name_t', {
  name: koffi.array('char', Limits.MAX_NETWORK_NAME_SIZE, 'String'),
  network_params: 'hailo_network_parameters_t',
})

/** `hailo_configure_network_group_params_t`: the binding edits `name`, `batch_size` and the count. */
export const ConfigureNetworkGroupParams = struct('hailo_configure_network_group_params_t', {
  name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
  batch_size: 'uint16_t',
  power_mode: 'hailo_power_mode_t',
  latency: 'hailo_latency_measurement_flags_t',
  stream_params_by_name_count: 'size_t',
  stream_params_by_name: koffi.array('hailo_stream_parameters_by_name_t', Limits.MAX_STREAMS_COUNT),
  network_params_by_name_count: 'size_t',
  network_params_by_name: koffi.array('hailo_network_parameters_by_name_t', Limits.MAX_NETWORKS_IN_NETWORK_GROUP),
})
/** `hailo_configure_params_t` (84 488 bytes: handled in a buffer, never copied field by field). */
export const ConfigureParams = struct('hailo_configure_params_t', {
  network_group_params_count: 'size_t',
  network_group_params: koffi.array('hailo_configure_network_group_params_t', Limits.MAX_NETWORK_GROUPS),
})

/** `hailo_nms_shape_t` as read by the binding (only to name NMS outputs it refuses). */
export interface NmsShapeStruct {
  number_of_classes: number
  max_bboxes_per_class: number
  max_accumulated_mask_size: number
}

/** `hailo_vstream_info_t` as read by the binding. */
export interface VStreamInfoStruct {
  name: string
  network_name: string
  direction: number
  format: FormatStruct
  shape: ImageShapeStruct
  quant_info: QuantInfoStruct
}

/** The two layout-dependent structs of one family. */
export interface FamilyStructs {
  readonly family: LayoutFamily
  readonly nmsShape: KoffiType
  readonly vstreamInfo: KoffiType
}

const families = new Map<LayoutFamily, FamilyStructs>()

/**
 * The layout-dependent structs of a family, declared on first use.
 * - `v4_18` (4.18, 4.19): `hailo_nms_shape_t` has 3 fields (12 bytes); vstream info 432 bytes.
 * - `v4_20` (4.20): 4 words, the second a union of per-class/total bbox counts, then `order_type`.
 * - `v4_21` (4.21–4.23): per-class and total bbox counts side by side (16 bytes); vstream info 436.
 * The anonymous union of `hailo_vstream_info_t` (frame shape | NMS shape) is declared as the frame
 * shape plus the NMS shape's extra bytes (`nms_shape_tail`); the NMS shape is decoded at `shape`'s offset.
 */
export function familyStructs(family: LayoutFamily): FamilyStructs {
  const known = families.get(family)
  if (known) return known
  const nmsShape = struct(
    `hailo_nms_shape_t__${family}`,
    family === 'v4_18'
      ? { number_of_classes: 'uint32_t', max_bboxes_per_class: 'uint32_t', max_accumulated_mask_size: 'uint32_t' }
      : family === 'v4_20'
        ? {
            number_of_classes: 'uint32_t',
            max_bboxes_per_class: 'uint32_t',
            max_accumulated_mask_size: 'uint32_t',
            order_type: 'int',
          }
        : {
            number_of_classes: 'uint32_t',
            max_bboxes_per_class: 'uint32_t',
            max_bboxes_total: 'uint32_t',
            max_accumulated_mask_size: 'uint32_t',
          },
  )
  const unionTail = koffi.sizeof(nmsShape) - koffi.sizeof(ImageShape)
  const vstreamInfo = struct(`hailo_vstream_info_t__${family}`, {
    name: koffi.array('char', Limits.MAX_NAME_SIZE, 'String'),
    network_name: koffi.array('char', Limits.MAX_NETWORK_NAME_SIZE, 'String'),
    direction: 'hailo_stream_direction_t',
    format: 'hailo_format_t',
    shape: 'hailo_3d_image_shape_t',
    ...(unionTail > 0 ? { nms_shape_tail: koffi.array('uint8_t', unionTail) } : {}),
    quant_info: 'hailo_quant_info_t',
  })
  const made = { family, nmsShape, vstreamInfo }
  families.set(family, made)
  return made
}
