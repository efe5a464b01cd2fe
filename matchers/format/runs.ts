/**
 * Which runs, as people write them: `1-3, 7, 9`.
 * @packageDocumentation
 */
import type { RunSet } from '../../src/determinism/run-set.js'

/**
 * The runs of a set, compact; `… (+12 more)` when the engine capped the ranges it kept.
 * @example
 * ```ts
 * formatRunSet({ ranges: [[1, 3], [7, 7]], count: 4, truncated: false }) // '1-3, 7'
 * ```
 */
export function formatRunSet(set: RunSet): string {
  const text = set.ranges.map(([a, b]) => (a === b ? String(a) : b === a + 1 ? `${a}, ${b}` : `${a}-${b}`)).join(', ')
  if (!set.truncated) return text
  const listed = set.ranges.reduce((sum, [a, b]) => sum + (b - a + 1), 0)
  return `${text}, … (+${set.count - listed} more)`
}

/** `run 4` / `runs 1, 4, 9`. */
export function formatRunsLabel(set: RunSet): string {
  return `${set.count === 1 ? 'run' : 'runs'} ${formatRunSet(set)}`
}
