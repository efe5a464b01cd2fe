/**
 * The flakiness bound in words: "≥ 1 run in 235 differs, 95 % confidence", or, when nothing
 * differed, how rare a difference could still be.
 * @packageDocumentation
 */
import type { FlakinessBound } from '../../src/determinism/flakiness.js'
import { formatNumber, formatPercent, plural } from './numbers.js'

/** "1 in N" with N rounded to something readable. */
function oneIn(p: number): string {
  const n = 1 / p
  return n < 10 ? n.toFixed(1).replace(/\.0$/, '') : String(Math.round(n))
}

/** A small probability as a percentage with two significant digits: `0.43 %`, `5.8 %`. */
function probability(p: number): string {
  return `${formatNumber(p * 100, 2)} %`
}

/**
 * @example
 * ```ts
 * formatFlakiness(flakinessBound(1, 12))
 * // '1 of 12 runs differs from the majority output: with 95 % confidence ≥ 1 run in 235 differs (p ≥ 0.43 %)'
 * ```
 */
export function formatFlakiness(b: FlakinessBound): string {
  const confidence = formatPercent(b.confidence, 0)
  if (b.differing === 0) {
    return `all ${plural(b.runs, 'run')} agree: with ${confidence} confidence fewer than 1 run in ${oneIn(b.upper)} would differ (p < ${probability(b.upper)})`
  }
  const verb = b.differing === 1 ? 'differs' : 'differ'
  return (
    `${b.differing} of ${plural(b.runs, 'run')} ${verb} from the majority output: ` +
    `with ${confidence} confidence ≥ 1 run in ${oneIn(b.lower)} differs (p ≥ ${probability(b.lower)})`
  )
}
