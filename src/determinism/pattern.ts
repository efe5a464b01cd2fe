/**
 * Naming how a model misbehaves, from the streaming statistics of {@link OutputGroups}: the shapes
 * field reports describe (first run only, alternating buffers, output following the previous frame,
 * pure noise, drift with heat, rare glitches).
 * @packageDocumentation
 */
import type { GroupStats } from './groups.js'
import type { DeterminismPattern } from './types.js'

/** What the classifier needs to know about the runs. */
export interface PatternEvidence {
  readonly runs: number
  readonly distinctOutputs: number
  /** Runs that gave run 1's output (run 1 included). */
  readonly runsLikeFirst: number
  /** Runs that gave the most common output. */
  readonly majorityCount: number
  /** Whether other inputs were interleaved. */
  readonly interleaved: boolean
  readonly stats: Readonly<GroupStats>
}

/** Share of runs the majority output must hold for differences to count as sporadic. */
export const SPORADIC_MAJORITY = 0.8
/** Runs that must all differ before the outputs are called `random` (fewer are `mixed`). */
export const MIN_RUNS_FOR_RANDOM = 4
/** Share of steps away from run 1 (among new outputs) that makes a trend a drift. */
export const DRIFT_TREND = 0.75

/**
 * The pattern of a series of runs.
 * @example
 * ```ts
 * classifyPattern({ runs: 10, distinctOutputs: 2, runsLikeFirst: 1, majorityCount: 9, interleaved: false, stats })
 * // 'first-run-only'
 * ```
 */
export function classifyPattern(e: PatternEvidence): DeterminismPattern {
  const { runs: n, distinctOutputs: distinct, stats: s } = e
  if (distinct <= 1) return 'deterministic'
  if (e.interleaved && (s.echoes > 0 || (s.previousInputConsistent && s.previousInputsRepeated > 0))) {
    return 'depends-on-previous-input'
  }
  if (n >= 3 && distinct === 2 && e.runsLikeFirst === 1 && s.returns === 0) return 'first-run-only'
  if (n >= 4 && distinct === 2 && s.period2Breaks === 0) return 'alternating'
  const steps = s.driftUps + s.driftDowns
  // A trend needs a few steps; fewer suffice when outputs also repeat for a while (plateaus), which noise does not do.
  const enoughSteps = steps >= 4 || (distinct < n && steps >= 2)
  if (distinct >= 3 && s.returns === 0 && enoughSteps && s.driftUps >= DRIFT_TREND * steps) return 'drift'
  // Two or three runs that differ say nothing about noise yet: four all-different runs start to.
  if (n >= MIN_RUNS_FOR_RANDOM && distinct === n) return 'random'
  if (e.majorityCount >= SPORADIC_MAJORITY * n) return 'sporadic'
  return 'mixed'
}
