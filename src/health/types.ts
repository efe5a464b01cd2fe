/**
 * Board health over one check's window: what a device that can watch its own board (a Hailo chip
 * through HailoRT) reports, and what the engine puts in results, `summary.json` and messages.
 * Devices without a board to watch (onnx, emulator) report nothing: there are no fake numbers.
 * @packageDocumentation
 */

/**
 * What the board told while a check ran (HailoRT's device notifications).
 * - `temperature-alarm`: the chip entered an orange/red temperature zone;
 * - `dataflow-shutdown`: the firmware's health monitor stopped the data flow;
 * - `overcurrent`: the power rail crossed its alert threshold;
 * - `lcu-ecc-correctable` / `lcu-ecc-uncorrectable`: memory errors in the neural core's clusters;
 * - `cpu-ecc-error` / `cpu-ecc-fatal`: memory errors in the chip's CPU;
 * - `clock-changed`: the neural core's clock changed (throttling: speed, not values);
 * - `runtime-error`: the context switch reported a run-time error.
 */
export type HealthEventKind =
  | 'temperature-alarm'
  | 'dataflow-shutdown'
  | 'overcurrent'
  | 'lcu-ecc-correctable'
  | 'lcu-ecc-uncorrectable'
  | 'cpu-ecc-error'
  | 'cpu-ecc-fatal'
  | 'clock-changed'
  | 'runtime-error'

/** One notification, with the inference it arrived during. */
export interface HealthEvent {
  readonly kind: HealthEventKind
  /**
   * The check's inference that was running when the event arrived (1-based, warm-up included);
   * 0 when it arrived before the check's first inference started.
   */
  readonly run: number
  /** Milliseconds since the window opened. */
  readonly atMs: number
  /** The notification's own numbers, in words (zone, temperatures, clocks, cluster bitmap…). */
  readonly detail: string
  /** True for the events that can mean wrong values (ECC, run-time error, over-current, data-flow shutdown). */
  readonly suspect: boolean
}

/** Inferences of the window (1-based, warm-up included) during which the board reported throttling. */
export interface ThrottledRuns {
  readonly from: number
  readonly to: number
}

/** The board's health over one check. */
export interface BoardHealth {
  /** Chip temperature in °C (mean of the two sensors) when the window opened / closed, and the highest seen. */
  readonly temperatureC: { readonly before?: number; readonly after?: number; readonly max?: number }
  /** Throttling when the window opened and closed. */
  readonly throttling: { readonly before?: boolean; readonly after?: boolean }
  /**
   * Runs during which throttling was seen (sampled every `sampleEveryMs`, at the window's ends, and
   * from `clock-changed` events): speed, not values.
   */
  readonly throttledRuns: readonly ThrottledRuns[]
  readonly events: readonly HealthEvent[]
  /** Inferences the window saw. */
  readonly inferences: number
  /** Queries the board refused (`hailo_get_chip_temperature: HAILO_TIMEOUT`…), so a missing number is explained. */
  readonly unavailable?: readonly string[]
}

/** An open window over the board's health; closing it returns what happened. */
export interface HealthWindow {
  close(): Promise<BoardHealth>
}

/** A device that can watch its board. */
export interface BoardHealthSource {
  /** Open a window: reads temperature and throttling now, then records events and samples until closed. */
  openWindow(): Promise<HealthWindow>
}
