/**
 * Board health in words, for failure messages: one "Board:" line, the events with their runs, and
 * the warning that comes first when the board itself reported something that can change values.
 * @packageDocumentation
 */
import type { BoardHealth, HealthEvent } from './types.js'

const EVENT_WORDS: Readonly<Record<HealthEvent['kind'], string>> = {
  'temperature-alarm': 'temperature alarm',
  'dataflow-shutdown': 'data-flow shutdown by the health monitor',
  overcurrent: 'over-current alarm',
  'lcu-ecc-correctable': 'LCU ECC error (corrected)',
  'lcu-ecc-uncorrectable': 'LCU ECC error (uncorrectable)',
  'cpu-ecc-error': 'CPU ECC error',
  'cpu-ecc-fatal': 'CPU ECC error (fatal)',
  'clock-changed': 'NN clock changed',
  'runtime-error': 'context-switch run-time error',
}

const celsius = (c: number): string => `${c.toFixed(1)} °C`

/** The events that can mean wrong values (ECC, run-time error, over-current, data-flow shutdown). */
export function suspectEvents(health: BoardHealth | undefined): readonly HealthEvent[] {
  return health?.events.filter((e) => e.suspect) ?? []
}

/** "inferences 12–40" style list of the throttled runs, or undefined when none were. */
export function throttledWords(health: BoardHealth | undefined): string | undefined {
  if (health === undefined || health.throttledRuns.length === 0) return undefined
  return health.throttledRuns.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}–${r.to}`)).join(', ')
}

/**
 * The one-line summary, e.g. `Board: 61.2 °C → 63.0 °C (max 63.4), not throttled, no events`.
 * @example
 * ```ts
 * lines.push(formatBoardLine(result.health))
 * ```
 */
export function formatBoardLine(health: BoardHealth): string {
  const t = health.temperatureC
  const temperature =
    t.before !== undefined && t.after !== undefined
      ? `${celsius(t.before)} → ${celsius(t.after)}${t.max !== undefined ? ` (max ${t.max.toFixed(1)})` : ''}`
      : 'temperature unavailable'
  const throttled = throttledWords(health)
  const throttling =
    throttled !== undefined
      ? `throttled during inferences ${throttled}`
      : health.throttling.before === undefined && health.throttling.after === undefined
        ? 'throttling unavailable'
        : 'not throttled'
  const events =
    health.events.length === 0
      ? 'no events'
      : `${health.events.length} event${health.events.length === 1 ? '' : 's'}: ${health.events.map(eventWords).join('; ')}`
  return `Board: ${temperature}, ${throttling}, ${events}`
}

/**
 * The warning printed when `onEvent: 'warn'` (the plugin) or `--on-event warn` (the CLI) let a check stand
 * although the board reported events: one sentence, then the Board line.
 * @example
 * ```ts
 * console.warn(boardWarning('toBeDeterministicAcross', ['over-current alarm during inference 3'], health))
 * ```
 */
export function boardWarning(check: string, warnings: readonly string[], health: BoardHealth): string {
  return `vitest-hailo: ${check} ran while the board reported: ${warnings.join('; ')}\n${formatBoardLine(health)}`
}

/** One event in words, with the inference it arrived during. */
export function eventWords(event: HealthEvent): string {
  const when = event.run === 0 ? 'before the first inference' : `during inference ${event.run}`
  return `${EVENT_WORDS[event.kind]} ${when}${event.detail ? ` (${event.detail})` : ''}`
}

/**
 * The sentence that opens a failure when the board reported something that can change values, or
 * undefined when it did not.
 */
export function boardSuspectLead(health: BoardHealth | undefined): string | undefined {
  const suspect = suspectEvents(health)
  if (suspect.length === 0) return undefined
  return `The board, not the model, is suspect: it reported ${suspect.map(eventWords).join('; ')} while this check ran. Check the board (power, cooling, PCIe seating) and rerun before debugging the model.`
}
