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

/**
 * `hailo_notification_callback`: `void (*)(hailo_device, const hailo_notification_t *, void *)`. HailoRT
 * calls it on its own notification thread; see `../health-thread.ts` for how that reaches JavaScript.
 */
export const NotificationCallbackProto = defineOnce('hailo_notification_callback_proto', () =>
  koffi.proto('void hailo_notification_callback_proto(hailo_device device, const void *notification, void *opaque)'),
)
defineOnce('hailo_notification_id_t', () => koffi.alias('hailo_notification_id_t', 'int'))
defineOnce('hailo_notification_callback', () =>
  koffi.alias('hailo_notification_callback', koffi.pointer(NotificationCallbackProto)),
)

/** A handle as JavaScript sees it: the C pointer's address. `0n` is NULL. */
export type Handle = bigint

export { FormatType, FormatOrder, StreamDirection, SchedulingAlgorithm, ARCHITECTURES, Limits } from './type-values.js'
