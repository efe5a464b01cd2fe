/**
 * A check's window over the board's health: opened before its first inference, closed after its
 * last, on every path (a failure or a stop closes it too). Only devices that watch a board (the
 * `hailo` device) have one; for every other model the check runs as it is and reports nothing.
 * @packageDocumentation
 */
import type { InferableModel, LoadedModel } from '../device/types.js'
import type { BoardHealth, BoardHealthSource } from './types.js'

/** The board-health source behind `model`, when its device watches a board. */
export function healthSourceOf(model: InferableModel): BoardHealthSource | undefined {
  const device = (model as Partial<LoadedModel>).device
  return device?.health ?? undefined
}

/**
 * Run `check` inside a health window of `model`'s board and add what the board did to its result
 * (`health`). Without a board to watch, returns `check()`'s result untouched.
 * @example
 * ```ts
 * const result = await withBoardHealth(model, () => measure(model))
 * if (result.health?.events.some((e) => e.suspect)) console.log('the board, not the model, is suspect')
 * ```
 */
export async function withBoardHealth<R extends object>(
  model: InferableModel,
  check: () => Promise<R>,
): Promise<R & { readonly health?: BoardHealth }> {
  const source = healthSourceOf(model)
  if (source === undefined) return check()
  const window = await source.openWindow()
  let result: R
  try {
    result = await check()
  } catch (error) {
    // The window is closed on every path; what it saw rides on the error for whoever reports it.
    const health = await window.close().catch(() => undefined)
    if (health !== undefined && typeof error === 'object' && error !== null && !Object.isFrozen(error))
      Object.defineProperty(error, 'boardHealth', { value: health, enumerable: false, configurable: true })
    throw error
  }
  return { ...result, health: await window.close() }
}

/** What {@link withBoardHealth} attached to an error thrown during the window, if anything. */
export function boardHealthOf(error: unknown): BoardHealth | undefined {
  return typeof error === 'object' && error !== null
    ? ((error as { boardHealth?: BoardHealth }).boardHealth ?? undefined)
    : undefined
}
