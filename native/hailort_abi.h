/*
 * The slice of the libhailort 4.x C ABI that vitest-hailo uses, declared from our own reading of
 * the public header (facts: sizes, offsets, enum values, signatures). Layouts are checked at compile
 * time against values generated from src/device/backends/hailort/abi/layouts.json (the sizes and
 * offsets measured on the real header of every release), so a wrong belief cannot pass here and in
 * the koffi declarations at once.
 *
 * Build with -DHD_LAYOUT_FAMILY=418 (4.18, 4.19), 420 (4.20) or 421 (4.21-4.23) and
 * -include <generated expected_layout.h> (defines HD_LAYOUT_CHECKS(SIZE, FIELD)).
 */
#ifndef VITEST_HAILO_HAILORT_ABI_H
#define VITEST_HAILO_HAILORT_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef HD_LAYOUT_FAMILY
#error "define HD_LAYOUT_FAMILY (418, 420 or 421)"
#endif

typedef float float32_t;
/* C enums are int-sized on every ABI HailoRT targets; plain ints keep the values explicit. */
typedef int hailo_status;
typedef int hailo_format_type_t;
typedef int hailo_format_order_t;
typedef int hailo_format_flags_t;
typedef int hailo_stream_direction_t;
typedef int hailo_device_architecture_t;
typedef int hailo_scheduling_algorithm_t;
typedef int hailo_power_mode_t;
typedef int hailo_latency_measurement_flags_t;
typedef int hailo_stream_interface_t;
typedef int hailo_stream_flags_t;
typedef int hailo_vstream_stats_flags_t;
typedef int hailo_pipeline_elem_stats_flags_t;

enum {
    HD_SUCCESS = 0, HD_INVALID_ARGUMENT = 2, HD_OUT_OF_HOST_MEMORY = 3, HD_TIMEOUT = 4, HD_INSUFFICIENT_BUFFER = 5,
    HD_INVALID_OPERATION = 6, HD_OPEN_FILE_FAILURE = 13, HD_INVALID_HEF = 26, HD_NOT_FOUND = 61, HD_STREAM_ABORT = 63,
    HD_DEVICE_IN_USE = 73, HD_OUT_OF_PHYSICAL_DEVICES = 74, HD_INVALID_DEVICE_ARCHITECTURE = 75,
    HD_HEF_NOT_COMPATIBLE_WITH_DEVICE = 93,
};
enum { HD_FORMAT_TYPE_AUTO = 0, HD_FORMAT_TYPE_UINT8 = 1, HD_FORMAT_TYPE_UINT16 = 2, HD_FORMAT_TYPE_FLOAT32 = 3 };
enum { HD_ORDER_AUTO = 0, HD_ORDER_NHWC = 1, HD_ORDER_NHW = 5, HD_ORDER_NC = 6, HD_ORDER_NCHW = 11,
       HD_ORDER_HAILO_NMS = 9, HD_ORDER_NMS_BY_CLASS = 22 };
enum { HD_H2D = 0, HD_D2H = 1 };
enum { HD_ARCH_HAILO8 = 1, HD_ARCH_HAILO8L = 2 };

#define HAILO_MAX_NAME_SIZE (128)
#define HAILO_MAX_NETWORK_NAME_SIZE (HAILO_MAX_NAME_SIZE + 1 + HAILO_MAX_NAME_SIZE)
#define HAILO_MAX_NETWORK_GROUPS (8)
#define HAILO_MAX_STREAMS_COUNT (40)
#define HAILO_MAX_NETWORKS_IN_NETWORK_GROUP (8)

typedef struct _hailo_device *hailo_device;
typedef struct _hailo_vdevice *hailo_vdevice;
typedef struct _hailo_hef *hailo_hef;
typedef struct _hailo_configured_network_group *hailo_configured_network_group;
typedef struct _hailo_input_vstream *hailo_input_vstream;
typedef struct _hailo_output_vstream *hailo_output_vstream;
typedef struct _hailo_scan_devices_params_t hailo_scan_devices_params_t;

typedef struct { uint32_t major; uint32_t minor; uint32_t revision; } hailo_version_t;
typedef struct { uint32_t major; uint32_t minor; uint32_t revision; } hailo_firmware_version_t;
typedef struct { char id[32]; } hailo_device_id_t;

typedef struct {
    uint32_t device_count;
    hailo_device_id_t *device_ids;
    hailo_scheduling_algorithm_t scheduling_algorithm;
    const char *group_id;
    bool multi_process_service;
} hailo_vdevice_params_t;

typedef struct {
    uint32_t protocol_version;
    hailo_firmware_version_t fw_version;
    uint32_t logger_version;
    uint8_t board_name_length;
    char board_name[32];
    bool is_release;
    bool extended_context_switch_buffer;
    hailo_device_architecture_t device_architecture;
    uint8_t serial_number_length;
    char serial_number[16];
    uint8_t part_number_length;
    char part_number[16];
    uint8_t product_name_length;
    char product_name[42];
} hailo_device_identity_t;

typedef struct { float32_t ts0_temperature; float32_t ts1_temperature; uint16_t sample_count; } hailo_chip_temperature_info_t;
typedef struct { hailo_format_type_t type; hailo_format_order_t order; hailo_format_flags_t flags; } hailo_format_t;
typedef struct { float32_t qp_zp; float32_t qp_scale; float32_t limvals_min; float32_t limvals_max; } hailo_quant_info_t;
typedef struct { uint32_t height; uint32_t width; uint32_t features; } hailo_3d_image_shape_t;

#if HD_LAYOUT_FAMILY == 418
typedef struct { uint32_t number_of_classes; uint32_t max_bboxes_per_class; uint32_t max_accumulated_mask_size; } hailo_nms_shape_t;
#elif HD_LAYOUT_FAMILY == 420
typedef struct {
    uint32_t number_of_classes;
    union { uint32_t max_bboxes_per_class; uint32_t max_bboxes_total; };
    uint32_t max_accumulated_mask_size;
    int order_type;
} hailo_nms_shape_t;
#elif HD_LAYOUT_FAMILY == 421
typedef struct {
    uint32_t number_of_classes; uint32_t max_bboxes_per_class; uint32_t max_bboxes_total; uint32_t max_accumulated_mask_size;
} hailo_nms_shape_t;
#else
#error "unknown HD_LAYOUT_FAMILY"
#endif

typedef struct {
    char name[HAILO_MAX_NAME_SIZE];
    char network_name[HAILO_MAX_NETWORK_NAME_SIZE];
    hailo_stream_direction_t direction;
    hailo_format_t format;
    union { hailo_3d_image_shape_t shape; hailo_nms_shape_t nms_shape; };
    hailo_quant_info_t quant_info;
} hailo_vstream_info_t;

typedef struct {
    hailo_format_t user_buffer_format;
    uint32_t timeout_ms;
    uint32_t queue_size;
    hailo_vstream_stats_flags_t vstream_stats_flags;
    hailo_pipeline_elem_stats_flags_t pipeline_elements_stats_flags;
} hailo_vstream_params_t;
typedef struct { char name[HAILO_MAX_NAME_SIZE]; hailo_vstream_params_t params; } hailo_input_vstream_params_by_name_t;
typedef struct { char name[HAILO_MAX_NAME_SIZE]; hailo_vstream_params_t params; } hailo_output_vstream_params_by_name_t;
typedef struct { char name[HAILO_MAX_NAME_SIZE]; bool is_multi_context; } hailo_network_group_info_t;

/* Per-interface parameters (PCIe, Ethernet, MIPI...) are never read here: opaque words. */
typedef struct {
    hailo_stream_interface_t stream_interface;
    hailo_stream_direction_t direction;
    hailo_stream_flags_t flags;
    uint32_t interface_params[17];
} hailo_stream_parameters_t;
typedef struct { char name[HAILO_MAX_NAME_SIZE]; hailo_stream_parameters_t stream_params; } hailo_stream_parameters_by_name_t;
typedef struct { uint16_t batch_size; } hailo_network_parameters_t;
typedef struct { char name[HAILO_MAX_NETWORK_NAME_SIZE]; hailo_network_parameters_t network_params; } hailo_network_parameters_by_name_t;
typedef struct {
    char name[HAILO_MAX_NAME_SIZE];
    uint16_t batch_size;
    hailo_power_mode_t power_mode;
    hailo_latency_measurement_flags_t latency;
    size_t stream_params_by_name_count;
    hailo_stream_parameters_by_name_t stream_params_by_name[HAILO_MAX_STREAMS_COUNT];
    size_t network_params_by_name_count;
    hailo_network_parameters_by_name_t network_params_by_name[HAILO_MAX_NETWORKS_IN_NETWORK_GROUP];
} hailo_configure_network_group_params_t;
typedef struct {
    size_t network_group_params_count;
    hailo_configure_network_group_params_t network_group_params[HAILO_MAX_NETWORK_GROUPS];
} hailo_configure_params_t;

/* Notifications (hailort.h declares these under #pragma pack(push, 1): alignment 1, no padding). */
enum {
    HD_NOTIFICATION_ID_ETHERNET_RX_ERROR = 0, HD_NOTIFICATION_ID_HEALTH_MONITOR_TEMPERATURE_ALARM = 1,
    HD_NOTIFICATION_ID_HEALTH_MONITOR_DATAFLOW_SHUTDOWN = 2, HD_NOTIFICATION_ID_HEALTH_MONITOR_OVERCURRENT_ALARM = 3,
    HD_NOTIFICATION_ID_LCU_ECC_CORRECTABLE_ERROR = 4, HD_NOTIFICATION_ID_LCU_ECC_UNCORRECTABLE_ERROR = 5,
    HD_NOTIFICATION_ID_CPU_ECC_ERROR = 6, HD_NOTIFICATION_ID_CPU_ECC_FATAL = 7, HD_NOTIFICATION_ID_DEBUG = 8,
    HD_NOTIFICATION_ID_CONTEXT_SWITCH_BREAKPOINT_REACHED = 9, HD_NOTIFICATION_ID_HEALTH_MONITOR_CLOCK_CHANGED_EVENT = 10,
    HD_NOTIFICATION_ID_HW_INFER_MANAGER_INFER_DONE = 11, HD_NOTIFICATION_ID_CONTEXT_SWITCH_RUN_TIME_ERROR_EVENT = 12,
    HD_NOTIFICATION_ID_START_UPDATE_CACHE_OFFSET = 13, HD_NOTIFICATION_ID_COUNT = 14
};
typedef int hailo_notification_id_t;
#pragma pack(push, 1)
typedef struct { uint32_t error; uint32_t queue_number; uint32_t rx_errors_count; } hailo_rx_error_notification_message_t;
typedef struct { uint32_t words[5]; } hailo_debug_notification_message_t; /* internal; only its size matters */
#if HD_LAYOUT_FAMILY == 421
typedef struct { float32_t ts0_temperature; float32_t ts1_temperature; } hailo_health_monitor_dataflow_shutdown_notification_message_t;
#else
typedef struct {
    uint32_t closed_input_streams; uint32_t closed_output_streams; float32_t ts0_temperature; float32_t ts1_temperature;
} hailo_health_monitor_dataflow_shutdown_notification_message_t;
#endif
typedef struct {
    int temperature_zone; uint32_t alarm_ts_id; float32_t ts0_temperature; float32_t ts1_temperature;
} hailo_health_monitor_temperature_alarm_notification_message_t;
typedef struct {
    int overcurrent_zone; float32_t exceeded_alert_threshold; bool is_last_overcurrent_violation_reached;
} hailo_health_monitor_overcurrent_alert_notification_message_t;
typedef struct { uint16_t cluster_error; } hailo_health_monitor_lcu_ecc_error_notification_message_t;
typedef struct { uint32_t memory_bitmap; } hailo_health_monitor_cpu_ecc_notification_message_t;
typedef struct { uint32_t previous_clock; uint32_t current_clock; } hailo_health_monitor_clock_changed_notification_message_t;
typedef struct {
    uint32_t exit_status; uint8_t network_group_index; uint16_t batch_index; uint16_t context_index; uint16_t action_index;
} hailo_context_switch_run_time_error_message_t;
typedef union {
    hailo_rx_error_notification_message_t rx_error_notification;
    hailo_debug_notification_message_t debug_notification;
    hailo_health_monitor_dataflow_shutdown_notification_message_t health_monitor_dataflow_shutdown_notification;
    hailo_health_monitor_temperature_alarm_notification_message_t health_monitor_temperature_alarm_notification;
    hailo_health_monitor_overcurrent_alert_notification_message_t health_monitor_overcurrent_alert_notification;
    hailo_health_monitor_lcu_ecc_error_notification_message_t health_monitor_lcu_ecc_error_notification;
    hailo_health_monitor_cpu_ecc_notification_message_t health_monitor_cpu_ecc_notification;
    hailo_health_monitor_clock_changed_notification_message_t health_monitor_clock_changed_notification;
    hailo_context_switch_run_time_error_message_t context_switch_run_time_error;
} hailo_notification_message_parameters_t;
typedef struct { hailo_notification_id_t id; uint32_t sequence; hailo_notification_message_parameters_t body; } hailo_notification_t;
#pragma pack(pop)
typedef void (*hailo_notification_callback)(hailo_device device, const hailo_notification_t *notification, void *opaque);

/* Compile-time proof that these declarations equal the measured table. */
#define HD_CHECK_SIZE(T, SIZE, ALIGN) \
    _Static_assert(sizeof(T) == (SIZE), "sizeof(" #T ") differs from layouts.json"); \
    _Static_assert(_Alignof(T) == (ALIGN), "alignof(" #T ") differs from layouts.json");
#define HD_CHECK_FIELD(T, F, OFFSET, SIZE) \
    _Static_assert(offsetof(T, F) == (OFFSET), "offsetof(" #T ", " #F ") differs from layouts.json"); \
    _Static_assert(sizeof(((T *)0)->F) == (SIZE), "sizeof(" #T "." #F ") differs from layouts.json");
#ifndef HD_LAYOUT_CHECKS
#error "include the generated expected_layout.h (it defines HD_LAYOUT_CHECKS)"
#endif
HD_LAYOUT_CHECKS(HD_CHECK_SIZE, HD_CHECK_FIELD)

#endif
