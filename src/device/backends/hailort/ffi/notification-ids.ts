/**
 * `hailo_notification_id_t` values (identical in 4.18–4.23, measured: `../abi/layouts.json`) and what
 * each means for a check: which ones say the board may have produced wrong values. Pure: no koffi.
 * @packageDocumentation
 */
import type { HealthEventKind } from '../../../../health/types.js'

/** The notification ids the binding listens to, by HailoRT's name. */
export const NotificationId = {
  HAILO_NOTIFICATION_ID_HEALTH_MONITOR_TEMPERATURE_ALARM: 1,
  HAILO_NOTIFICATION_ID_HEALTH_MONITOR_DATAFLOW_SHUTDOWN: 2,
  HAILO_NOTIFICATION_ID_HEALTH_MONITOR_OVERCURRENT_ALARM: 3,
  HAILO_NOTIFICATION_ID_LCU_ECC_CORRECTABLE_ERROR: 4,
  HAILO_NOTIFICATION_ID_LCU_ECC_UNCORRECTABLE_ERROR: 5,
  HAILO_NOTIFICATION_ID_CPU_ECC_ERROR: 6,
  HAILO_NOTIFICATION_ID_CPU_ECC_FATAL: 7,
  HAILO_NOTIFICATION_ID_HEALTH_MONITOR_CLOCK_CHANGED_EVENT: 10,
  HAILO_NOTIFICATION_ID_CONTEXT_SWITCH_RUN_TIME_ERROR_EVENT: 12,
} as const

/** The event kind each id is reported as. */
export const EVENT_KIND_OF_ID: Readonly<Record<number, HealthEventKind>> = {
  1: 'temperature-alarm',
  2: 'dataflow-shutdown',
  3: 'overcurrent',
  4: 'lcu-ecc-correctable',
  5: 'lcu-ecc-uncorrectable',
  6: 'cpu-ecc-error',
  7: 'cpu-ecc-fatal',
  10: 'clock-changed',
  12: 'runtime-error',
}

/** Every id registered for a device, in order. */
export const LISTENED_IDS: readonly number[] = Object.values(NotificationId)
