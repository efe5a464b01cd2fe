/**
 * A fuzz result as report data: how many cases per property, and when it failed, the property, the
 * shrunk counterexample (with small images of its frames and the output difference) and the replay
 * token. Generated cases are not listed as inputs: the token replays them.
 * @packageDocumentation
 */
import type { FuzzResult } from '../../fuzz/types.js'
import type { CheckDetails } from './check-details.js'
import type { FuzzDetail } from './types.js'
import { counterexamplePreviews, outputDifference } from './fuzz-preview.js'

/**
 * Report data of a {@link FuzzResult}; `totalMs` is the matcher call's wall time.
 * @example
 * ```ts
 * fuzzDetails(await runFuzz(model, { numRuns: 50 }), 1200).fuzz?.replay // the token, when it failed
 * ```
 */
export function fuzzDetails(r: FuzzResult, totalMs: number): CheckDetails {
  const f = r.failure
  const counterexample =
    f !== undefined &&
    typeof f.counterexample === 'object' &&
    f.counterexample !== null &&
    !Array.isArray(f.counterexample)
      ? (f.counterexample as Readonly<Record<string, unknown>>)
      : f === undefined
        ? undefined
        : { value: f.counterexample }
  return {
    kind: 'fuzz',
    seed: r.seed,
    inputs: [],
    timing: { totalMs },
    fuzz: {
      numRuns: r.numRuns,
      ...(r.properties.some((p) => p.budgetExhausted) ? { budgetExhausted: true as const } : {}),
      ...sameOutputOf(r),
      ...(f === undefined ? {} : { property: f.property, replay: f.token }),
      ...(counterexample === undefined ? {} : { counterexample }),
      ...previewsOf(f),
    },
  }
}

/** The properties that passed on the same output bytes for every input, when some did. */
function sameOutputOf(r: FuzzResult): Pick<FuzzDetail, 'sameOutputForEveryInput'> {
  const names = r.properties.filter((p) => p.sameOutputForEveryInput !== undefined).map((p) => p.name)
  return names.length === 0 ? {} : { sameOutputForEveryInput: names }
}

/** The plot data of a failure; a failure that cannot be drawn has none (the table still says it). */
function previewsOf(f: FuzzResult['failure']): Pick<FuzzDetail, 'previews' | 'difference'> {
  if (f === undefined) return {}
  const previews = counterexamplePreviews(f)
  const difference = outputDifference(f)
  return {
    ...(previews.length === 0 ? {} : { previews }),
    ...(difference === undefined ? {} : { difference }),
  }
}
