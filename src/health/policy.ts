/**
 * The plugin's `health` option: when a board is too unhealthy for a check's verdict to count. Pure:
 * validation and the judgement; the matchers apply it to each check's {@link BoardHealth}.
 * @packageDocumentation
 */
import { BoardHealthError } from '../errors.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { eventWords, formatBoardLine } from './format.js'
import type { BoardHealth, HealthEvent } from './types.js'

/** Options of the plugin's `health` option. */
export interface HealthPolicy {
  /**
   * The highest chip temperature (°C, mean of the two sensors) a check may see; hotter, the check
   * fails with a {@link BoardHealthError}. @defaultValue no limit
   */
  readonly maxTemperatureC?: number
  /**
   * What a board event during a check does (ECC errors, context-switch run-time error, over-current,
   * data-flow shutdown, temperature alarm; a clock change is throttling and never counts): `'fail'`
   * the check with a {@link BoardHealthError}, or `'warn'` (printed, the check's own verdict stands).
   * @defaultValue `'fail'`
   */
  readonly onEvent?: 'fail' | 'warn'
}

const KEYS = ['maxTemperatureC', 'onEvent'] as const

/**
 * Check a `health` option; a bad value is a `UsageError` naming it.
 * @example
 * ```ts
 * validateHealthPolicy({ maxTemperatureC: 85, onEvent: 'fail' }, 'hailo() option health')
 * ```
 */
export function validateHealthPolicy(value: unknown, where: string): HealthPolicy {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(where, "an object such as { maxTemperatureC: 85, onEvent: 'fail' }", value)
  }
  assertKnownKeys(where, value as Record<string, unknown>, KEYS)
  const { maxTemperatureC, onEvent } = value as HealthPolicy
  if (
    maxTemperatureC !== undefined &&
    (typeof maxTemperatureC !== 'number' || !Number.isFinite(maxTemperatureC) || maxTemperatureC <= 0)
  ) {
    throw invalidParameter(
      `${where}.maxTemperatureC`,
      'a temperature in °C above 0 (the Hailo-8 is rated to 85 °C)',
      maxTemperatureC,
    )
  }
  if (onEvent !== undefined && onEvent !== 'fail' && onEvent !== 'warn') {
    throw invalidParameter(`${where}.onEvent`, "'fail' or 'warn'", onEvent)
  }
  return {
    ...(maxTemperatureC === undefined ? {} : { maxTemperatureC }),
    ...(onEvent === undefined ? {} : { onEvent }),
  }
}

/** The events that make a board unhealthy: every one but a clock change (throttling: speed, not values). */
export function unhealthyEvents(health: BoardHealth): readonly HealthEvent[] {
  return health.events.filter((e) => e.kind !== 'clock-changed')
}

/** What the policy says about one check's board. */
export interface BoardJudgement {
  /** Reasons that fail the check (empty: healthy enough). */
  readonly failing: readonly string[]
  /** Events the policy only warns about. */
  readonly warnings: readonly string[]
}

/**
 * Judge a check's board by the policy.
 * @example
 * ```ts
 * judgeBoard(result.health, { maxTemperatureC: 85 }).failing // ['the chip reached 86.1 °C, above maxTemperatureC 85']
 * ```
 */
export function judgeBoard(health: BoardHealth, policy: HealthPolicy): BoardJudgement {
  const failing: string[] = []
  const max = health.temperatureC.max
  if (policy.maxTemperatureC !== undefined && max !== undefined && max > policy.maxTemperatureC) {
    failing.push(`the chip reached ${max.toFixed(1)} °C, above maxTemperatureC ${policy.maxTemperatureC}`)
  }
  const events = unhealthyEvents(health).map(eventWords)
  if ((policy.onEvent ?? 'fail') === 'fail') failing.push(...events)
  return { failing, warnings: policy.onEvent === 'warn' ? events : [] }
}

/**
 * The error for a check whose board the policy fails, or undefined when the board was healthy enough.
 * `check` names the call (`toBeDeterministicAcross(20)`); `ownVerdict` is the check's own outcome in one
 * line, and `ownMessage` its failure message when it failed, so nothing it found is lost.
 */
export function boardHealthError(
  health: BoardHealth,
  policy: HealthPolicy,
  check: string,
  ownVerdict: string,
  ownMessage?: string,
): BoardHealthError | undefined {
  const { failing } = judgeBoard(health, policy)
  if (failing.length === 0) return undefined
  const lines = [
    `The board, neither the test nor the model: ${check} ran on a board that was unhealthy by the health option:`,
    ...failing.map((r) => `  - ${r}`),
    formatBoardLine(health),
    `The check's own verdict (not to be trusted on this board): ${ownVerdict}.`,
    'Quarantine the board (a CI gate can match BoardHealthError or code E_BOARD_UNHEALTHY), check its power, cooling and PCIe seating, and rerun on a healthy one.',
    ...(ownMessage === undefined ? [] : ['', ownMessage]),
  ]
  return new BoardHealthError(lines.join('\n'), health, failing)
}
