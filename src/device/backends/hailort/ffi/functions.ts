/**
 * Every libhailort function the binding calls, as one declarative table of C prototypes (koffi
 * syntax: `_Out_` / `_Inout_` mark pointers koffi copies back). Signatures are those of `hailort.h`,
 * identical in 4.18–4.23 (tests compare them with `../abi/layouts.json`). Calls that may block on
 * the chip are marked `blocking`: the binding calls those off the JavaScript thread (koffi's
 * asynchronous form, or the reader thread for `hailo_vstream_read_raw_buffer`), so a stuck chip
 * cannot freeze it. The one exception is `hailo_vstream_write_raw_buffer`, called synchronously
 * only where it cannot wait (one frame in flight, room in the queue: see `hailo-model.ts`).
 *
 * Struct arguments whose layout depends on the version (`hailo_vstream_info_t`) and large parameter
 * blocks (`hailo_configure_params_t`, vstream params arrays) are passed as caller-owned buffers
 * (`void *` here, zero-copy) and decoded with the family's koffi struct.
 * @packageDocumentation
 */

/** One entry: the prototype, and whether the call may wait on the device. */
export interface FunctionSpec {
  readonly prototype: string
  readonly blocking: boolean
}

const fn = (prototype: string, blocking = false): FunctionSpec => ({ prototype, blocking })

/** The table. Keys are the C symbol names. */
export const HAILORT_FUNCTIONS = {
  hailo_get_library_version: fn('hailo_status hailo_get_library_version(_Out_ hailo_version_t *version)'),
  hailo_get_status_message: fn('const char *hailo_get_status_message(hailo_status status)'),
  hailo_scan_devices: fn(
    'hailo_status hailo_scan_devices(hailo_scan_devices_params_t *params, void *device_ids, _Inout_ size_t *device_ids_length)',
    true,
  ),

  hailo_init_vdevice_params: fn('hailo_status hailo_init_vdevice_params(void *params)'),
  hailo_create_vdevice: fn('hailo_status hailo_create_vdevice(void *params, _Out_ hailo_vdevice *vdevice)', true),
  hailo_release_vdevice: fn('hailo_status hailo_release_vdevice(hailo_vdevice vdevice)', true),
  hailo_get_physical_devices: fn(
    'hailo_status hailo_get_physical_devices(hailo_vdevice vdevice, hailo_device *devices, _Inout_ size_t *number_of_devices)',
  ),
  hailo_identify: fn(
    'hailo_status hailo_identify(hailo_device device, _Out_ hailo_device_identity_t *device_identity)',
    true,
  ),
  hailo_get_chip_temperature: fn(
    'hailo_status hailo_get_chip_temperature(hailo_device device, _Out_ hailo_chip_temperature_info_t *temp_info)',
    true,
  ),
  hailo_get_throttling_state: fn(
    'hailo_status hailo_get_throttling_state(hailo_device device, _Out_ bool *is_active)',
    true,
  ),

  hailo_set_notification_callback: fn(
    'hailo_status hailo_set_notification_callback(hailo_device device, hailo_notification_callback callback, hailo_notification_id_t notification_id, void *opaque)',
  ),
  hailo_remove_notification_callback: fn(
    'hailo_status hailo_remove_notification_callback(hailo_device device, hailo_notification_id_t notification_id)',
  ),

  hailo_create_hef_file: fn('hailo_status hailo_create_hef_file(_Out_ hailo_hef *hef, const char *file_name)', true),
  hailo_create_hef_buffer: fn(
    'hailo_status hailo_create_hef_buffer(_Out_ hailo_hef *hef, const void *buffer, size_t size)',
    true,
  ),
  hailo_release_hef: fn('hailo_status hailo_release_hef(hailo_hef hef)'),
  hailo_get_network_groups_infos: fn(
    'hailo_status hailo_get_network_groups_infos(hailo_hef hef, void *infos, _Inout_ size_t *number_of_infos)',
  ),
  hailo_hef_get_all_vstream_infos: fn(
    'hailo_status hailo_hef_get_all_vstream_infos(hailo_hef hef, const char *name, void *vstream_infos, _Inout_ size_t *vstream_infos_count)',
  ),
  hailo_get_vstream_frame_size: fn(
    'hailo_status hailo_get_vstream_frame_size(void *vstream_info, void *user_buffer_format, _Out_ size_t *frame_size)',
  ),

  hailo_init_configure_params_by_vdevice: fn(
    'hailo_status hailo_init_configure_params_by_vdevice(hailo_hef hef, hailo_vdevice vdevice, void *params)',
  ),
  hailo_configure_vdevice: fn(
    'hailo_status hailo_configure_vdevice(hailo_vdevice vdevice, hailo_hef hef, void *params, hailo_configured_network_group *network_groups, _Inout_ size_t *number_of_network_groups)',
    true,
  ),

  hailo_make_input_vstream_params: fn(
    'hailo_status hailo_make_input_vstream_params(hailo_configured_network_group network_group, bool unused, hailo_format_type_t format_type, void *input_params, _Inout_ size_t *input_params_count)',
  ),
  hailo_make_output_vstream_params: fn(
    'hailo_status hailo_make_output_vstream_params(hailo_configured_network_group network_group, bool unused, hailo_format_type_t format_type, void *output_params, _Inout_ size_t *output_params_count)',
  ),
  hailo_create_input_vstreams: fn(
    'hailo_status hailo_create_input_vstreams(hailo_configured_network_group configured_network_group, const void *inputs_params, size_t inputs_count, hailo_input_vstream *input_vstreams)',
    true,
  ),
  hailo_create_output_vstreams: fn(
    'hailo_status hailo_create_output_vstreams(hailo_configured_network_group configured_network_group, const void *outputs_params, size_t outputs_count, hailo_output_vstream *output_vstreams)',
    true,
  ),
  hailo_release_input_vstreams: fn(
    'hailo_status hailo_release_input_vstreams(const hailo_input_vstream *input_vstreams, size_t inputs_count)',
    true,
  ),
  hailo_release_output_vstreams: fn(
    'hailo_status hailo_release_output_vstreams(const hailo_output_vstream *output_vstreams, size_t outputs_count)',
    true,
  ),

  hailo_get_input_vstream_frame_size: fn(
    'hailo_status hailo_get_input_vstream_frame_size(hailo_input_vstream input_vstream, _Out_ size_t *frame_size)',
  ),
  hailo_get_output_vstream_frame_size: fn(
    'hailo_status hailo_get_output_vstream_frame_size(hailo_output_vstream output_vstream, _Out_ size_t *frame_size)',
  ),
  hailo_get_input_vstream_info: fn(
    'hailo_status hailo_get_input_vstream_info(hailo_input_vstream input_vstream, void *vstream_info)',
  ),
  hailo_get_output_vstream_info: fn(
    'hailo_status hailo_get_output_vstream_info(hailo_output_vstream output_vstream, void *vstream_info)',
  ),
  hailo_get_input_vstream_quant_infos: fn(
    'hailo_status hailo_get_input_vstream_quant_infos(hailo_input_vstream vstream, void *quant_infos, _Inout_ size_t *quant_infos_count)',
  ),
  hailo_get_output_vstream_quant_infos: fn(
    'hailo_status hailo_get_output_vstream_quant_infos(hailo_output_vstream vstream, void *quant_infos, _Inout_ size_t *quant_infos_count)',
  ),

  hailo_vstream_write_raw_buffer: fn(
    'hailo_status hailo_vstream_write_raw_buffer(hailo_input_vstream input_vstream, const void *buffer, size_t buffer_size)',
    true,
  ),
  hailo_vstream_read_raw_buffer: fn(
    'hailo_status hailo_vstream_read_raw_buffer(hailo_output_vstream output_vstream, void *buffer, size_t buffer_size)',
    true,
  ),
  hailo_flush_input_vstream: fn('hailo_status hailo_flush_input_vstream(hailo_input_vstream input_vstream)', true),
} as const satisfies Record<string, FunctionSpec>

/** Names of the functions in the table. */
export type HailortFunctionName = keyof typeof HAILORT_FUNCTIONS
