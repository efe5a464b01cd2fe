/**
 * The error of a check that ran on an unhealthy board (the plugin's `health` option): a third verdict
 * beside {@link UsageError} and {@link DeviceError}, so a CI gate can quarantine the board instead of
 * blaming the test or the model.
 * @packageDocumentation
 */
// Type-only: the health record is erased at compile time, so this file stays a leaf at run time.
import type { BoardHealth } from '../health/types.js'
import { VitestHailoError } from './base.js'

/**
 * A check ran on a board that was unhealthy by the plugin's `health` option: an ECC, run-time error,
 * over-current, data-flow shutdown or temperature alarm while it ran (`onEvent: 'fail'`), or the chip
 * hotter than `maxTemperatureC`. Neither the test nor the model is at fault: a CI gate can match this
 * family (or `code === 'E_BOARD_UNHEALTHY'`) to quarantine the board instead of blocking a release.
 * @example
 * ```ts
 * try { await runChecks() } catch (e) { if (e instanceof BoardHealthError) quarantine(e.health) }
 * ```
 */
export class BoardHealthError extends VitestHailoError {
  /** What the board did during the check. */
  readonly health: BoardHealth
  /** Why the board is judged unhealthy, one sentence each. */
  readonly reasons: readonly string[]
  constructor(message: string, health: BoardHealth, reasons: readonly string[]) {
    super('E_BOARD_UNHEALTHY', message)
    this.health = health
    this.reasons = reasons
  }
}
