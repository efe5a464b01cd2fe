/**
 * `hailo_notification_t` and its message structs, with koffi. `hailort.h` declares them inside
 * `#pragma pack(push, 1)`, so they are `koffi.pack` (alignment 1, no padding): 28 bytes, `id`,
 * `sequence`, then a 20-byte union. Only the data-flow shutdown message differs between releases
 * (4.18–4.20 start it with two closed-stream bitmasks: 16 bytes; 4.21–4.23: 8 bytes), so it is
 * declared per layout family and decoded apart from the union. Tests hold every size and offset to
 * `../abi/layouts.json`.
 * @packageDocumentation
 */
import koffi from 'koffi'
import { defineOnce, type KoffiType } from './types.js'
import type { LayoutFamily } from './versions.js'
import { EVENT_KIND_OF_ID } from './notification-ids.js'
import type { HealthEventKind } from '../../../../health/types.js'

const pack = (name: string, def: Record<string, string | KoffiType>): KoffiType =>
  defineOnce(name, () => koffi.pack(name, def))

defineOnce('hailo_notification_id_t', () => koffi.alias('hailo_notification_id_t', 'int'))
export const RxErrorMessage = pack('hailo_rx_error_notification_message_t', {
  error: 'uint32_t',
  queue_number: 'uint32_t',
  rx_errors_count: 'uint32_t',
})
export const TemperatureAlarmMessage = pack('hailo_health_monitor_temperature_alarm_notification_message_t', {
  temperature_zone: 'int',
  alarm_ts_id: 'uint32_t',
  ts0_temperature: 'float',
  ts1_temperature: 'float',
})
export const OvercurrentMessage = pack('hailo_health_monitor_overcurrent_alert_notification_message_t', {
  overcurrent_zone: 'int',
  exceeded_alert_threshold: 'float',
  is_last_overcurrent_violation_reached: 'bool',
})
export const LcuEccMessage = pack('hailo_health_monitor_lcu_ecc_error_notification_message_t', {
  cluster_error: 'uint16_t',
})
export const CpuEccMessage = pack('hailo_health_monitor_cpu_ecc_notification_message_t', { memory_bitmap: 'uint32_t' })
export const ClockChangedMessage = pack('hailo_health_monitor_clock_changed_notification_message_t', {
  previous_clock: 'uint32_t',
  current_clock: 'uint32_t',
})
export const RunTimeErrorMessage = pack('hailo_context_switch_run_time_error_message_t', {
  exit_status: 'uint32_t',
  network_group_index: 'uint8_t',
  batch_index: 'uint16_t',
  context_index: 'uint16_t',
  action_index: 'uint16_t',
})
/** The union, without the family-dependent data-flow member; `raw` (the debug message's 20 bytes) sets its size. */
export const NotificationBody = defineOnce('hailo_notification_message_parameters_t', () =>
  koffi.union('hailo_notification_message_parameters_t', {
    raw: koffi.array('uint8_t', 20),
    rx_error_notification: RxErrorMessage,
    health_monitor_temperature_alarm_notification: TemperatureAlarmMessage,
    health_monitor_overcurrent_alert_notification: OvercurrentMessage,
    health_monitor_lcu_ecc_error_notification: LcuEccMessage,
    health_monitor_cpu_ecc_notification: CpuEccMessage,
    health_monitor_clock_changed_notification: ClockChangedMessage,
    context_switch_run_time_error: RunTimeErrorMessage,
  }),
)
export const Notification = pack('hailo_notification_t', {
  id: 'hailo_notification_id_t',
  sequence: 'uint32_t',
  body: 'hailo_notification_message_parameters_t',
})
/** Size of `hailo_notification_t` in every release (28). */
export const NOTIFICATION_SIZE = koffi.sizeof(Notification)
/** Offset of the body in `hailo_notification_t` (8). */
export const NOTIFICATION_BODY_OFFSET = koffi.offsetof(Notification, 'body')

/** The data-flow shutdown message of one layout family. */
export function dataflowShutdownMessage(family: LayoutFamily): KoffiType {
  return family === 'v4_21'
    ? pack('hailo_health_monitor_dataflow_shutdown_notification_message_t__v4_21', {
        ts0_temperature: 'float',
        ts1_temperature: 'float',
      })
    : pack(`hailo_health_monitor_dataflow_shutdown_notification_message_t__${family}`, {
        closed_input_streams: 'uint32_t',
        closed_output_streams: 'uint32_t',
        ts0_temperature: 'float',
        ts1_temperature: 'float',
      })
}

/** A notification decoded into what a report says about it. */
export interface DecodedNotification {
  readonly id: number
  readonly sequence: number
  /** Undefined for ids the binding does not listen to. */
  readonly kind: HealthEventKind | undefined
  readonly detail: string
}

const ZONES = ['green', 'orange', 'red']
const celsius = (a: number, b: number): string => `${(Math.round(((a + b) / 2) * 10) / 10).toFixed(1)} °C`

/** Decode the 28 bytes of a `hailo_notification_t` copied on HailoRT's thread. */
export function decodeNotification(bytes: Uint8Array, family: LayoutFamily): DecodedNotification {
  const note = koffi.decode(bytes, Notification) as { id: number; sequence: number }
  const at = (type: KoffiType): Record<string, number | boolean> =>
    koffi.decode(bytes, NOTIFICATION_BODY_OFFSET, type) as Record<string, number | boolean>
  const kind = EVENT_KIND_OF_ID[note.id]
  let detail = ''
  switch (note.id) {
    case 1: {
      const m = at(TemperatureAlarmMessage) as Record<string, number>
      detail = `zone ${ZONES[m.temperature_zone!] ?? m.temperature_zone}, sensor ${m.alarm_ts_id}, ${celsius(m.ts0_temperature!, m.ts1_temperature!)}`
      break
    }
    case 2: {
      const m = at(dataflowShutdownMessage(family)) as Record<string, number>
      detail = celsius(m.ts0_temperature!, m.ts1_temperature!)
      break
    }
    case 3: {
      const m = at(OvercurrentMessage)
      detail = `zone ${m.overcurrent_zone === 1 ? 'red' : 'green'}, threshold ${Number(m.exceeded_alert_threshold).toFixed(2)} A${m.is_last_overcurrent_violation_reached ? ', last violation' : ''}`
      break
    }
    case 4:
    case 5:
      detail = `cluster bitmap 0x${Number(at(LcuEccMessage).cluster_error).toString(16).padStart(4, '0')}`
      break
    case 6:
    case 7:
      detail = `memory bitmap 0x${Number(at(CpuEccMessage).memory_bitmap).toString(16)}`
      break
    case 10: {
      const m = at(ClockChangedMessage) as Record<string, number>
      detail = `NN clock ${m.previous_clock! / 1e6} → ${m.current_clock! / 1e6} MHz`
      break
    }
    case 12: {
      const m = at(RunTimeErrorMessage) as Record<string, number>
      detail = `exit status ${m.exit_status}, network group ${m.network_group_index}, batch ${m.batch_index}, context ${m.context_index}, action ${m.action_index}`
      break
    }
  }
  return { id: note.id, sequence: note.sequence, kind, detail }
}
