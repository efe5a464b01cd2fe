/**
 * The plugin's `health` option applied to a finished check: on a board the option judges unhealthy
 * the check fails with a `BoardHealthError` (the board, neither the test nor the model), carrying the
 * check's own verdict and message; `onEvent: 'warn'` only prints the events. Without the option, or
 * on a device without a board, nothing happens.
 * @packageDocumentation
 */
import { getConfig } from '../src/config.js'
import { boardWarning } from '../src/health/format.js'
import { boardHealthError, judgeBoard } from '../src/health/policy.js'
import type { BoardHealth } from '../src/health/types.js'

/** What {@link enforceBoardHealth} needs to know about the check. */
export interface CheckOutcome {
  /** The check, e.g. `toBeDeterministicAcross`. */
  readonly check: string
  /** The check's own verdict in one line. */
  readonly verdict: string
  /** The check's failure message, when it failed. */
  readonly message?: () => string
}

/**
 * Throw a `BoardHealthError` when the run's `health` option judges the check's board unhealthy.
 * @example
 * ```ts
 * enforceBoardHealth(result.health, { check: 'toBeDeterministicAcross', verdict: summary })
 * ```
 */
export function enforceBoardHealth(health: BoardHealth | undefined, outcome: CheckOutcome): void {
  const policy = getConfig().health
  if (health === undefined || policy === undefined) return
  const error = boardHealthError(health, policy, outcome.check, outcome.verdict, outcome.message?.())
  if (error !== undefined) throw error
  const { warnings } = judgeBoard(health, policy)
  if (warnings.length > 0) console.warn(boardWarning(outcome.check, warnings, health))
}
