/**
 * Primitive and semantic koffi types of the HailoRT C API: status, enums, opaque handles.
 * koffi type names are global to the process, so every type is defined once and reused if a module
 * is evaluated again (Vitest may re-import modules inside one worker).
 * Only reached through the backend's lazy loader: importing vitest-hailo never loads koffi.
 * @packageDocumentation
 */
import koffi from 'koffi'

/** A koffi type object. */
export type KoffiType = ReturnType<typeof koffi.type>

/** Return the koffi type called `name`, defining it with `define` the first time. */
export function defineOnce(name: string, define: () => KoffiType): KoffiType {
  try {
    return koffi.type(name)
  } catch {
    return define()
  }
}

/** `hailo_status`: a C enum, returned by almost every call. */
export const HailoStatus = defineOnce('hailo_status', () => koffi.alias('hailo_status', 'int'))

/** The C enums the binding passes or reads; all are `int`-sized. */
export const ENUM_TYPES = [
  'hailo_format_type_t',
  'hailo_format_order_t',
  'hailo_format_flags_t',
  'hailo_stream_direction_t',
  'hailo_device_architecture_t',
  'hailo_scheduling_algorithm_t',
  'hailo_power_mode_t',
  'hailo_latency_measurement_flags_t',
  'hailo_stream_interface_t',
  'hailo_stream_flags_t',
  'hailo_vstream_stats_flags_t',
  'hailo_pipeline_elem_stats_flags_t',
] as const
for (const name of ENUM_TYPES) defineOnce(name, () => koffi.alias(name, 'int'))

/**
 * Opaque handles, each a pointer to an incomplete struct as in `hailort.h`. koffi 3 hands them to
 * JavaScript as `bigint` addresses.
 */
export const HANDLE_TYPES = [
  'hailo_device',
  'hailo_vdevice',
  'hailo_hef',
  'hailo_configured_network_group',
  'hailo_input_vstream',
  'hailo_output_vstream',
  'hailo_scan_devices_params_t',
] as const
export type HandleTypeName = (typeof HANDLE_TYPES)[number]
for (const name of HANDLE_TYPES) {
  defineOnce(name, () =>
    name === 'hailo_scan_devices_params_t'
      ? koffi.opaque(name) // used only as `hailo_scan_devices_params_t *` (must be NULL)
      : koffi.pointer(name, koffi.opaque(`_${name}`)),
  )
}

/** A handle as JavaScript sees it: the C pointer's address. `0n` is NULL. */
export type Handle = bigint

/** Enum values the binding uses (identical in 4.18–4.23, see `../abi/layouts.json`). */
export const FormatType = { AUTO: 0, UINT8: 1, UINT16: 2, FLOAT32: 3 } as const
export const FormatOrder = {
  AUTO: 0, NHWC: 1, NHCW: 2, FCR: 3, F8CR: 4, NHW: 5, NC: 6, BAYER_RGB: 7, BIT12_BAYER_RGB: 8, HAILO_NMS: 9,
  RGB888: 10, NCHW: 11, YUY2: 12, NV12: 13, NV21: 14, HAILO_YYUV: 15, HAILO_YYVU: 16, RGB4: 17, I420: 18,
  HAILO_YYYYUV: 19, HAILO_NMS_WITH_BYTE_MASK: 20, HAILO_NMS_ON_CHIP: 21, HAILO_NMS_BY_CLASS: 22,
  HAILO_NMS_BY_SCORE: 23,
} as const
export const StreamDirection = { H2D: 0, D2H: 1 } as const
export const SchedulingAlgorithm = { NONE: 0, ROUND_ROBIN: 1 } as const
/** Architecture names by enum value; value 4 was `PLUTO` before 4.20 and `HAILO15L` from 4.20. */
export const ARCHITECTURES: readonly string[] = [
  'HAILO8_A0', 'HAILO8', 'HAILO8L', 'HAILO15H', 'HAILO15L', 'HAILO15M', 'HAILO10H', 'MARS',
]

/** Array bounds from `hailort.h`. */
export const Limits = {
  MAX_NAME_SIZE: 128,
  MAX_NETWORK_NAME_SIZE: 257,
  MAX_NETWORK_GROUPS: 8,
  MAX_STREAMS_COUNT: 40,
  MAX_NETWORKS_IN_NETWORK_GROUP: 8,
  MAX_DEVICE_ID_LENGTH: 32,
  MAX_BOARD_NAME_LENGTH: 32,
  MAX_SERIAL_NUMBER_LENGTH: 16,
  MAX_PART_NUMBER_LENGTH: 16,
  MAX_PRODUCT_NAME_LENGTH: 42,
} as const
