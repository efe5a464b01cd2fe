/**
 * A determinism result as plain JSON for `summary.json` and reports: every number, no tensor bytes
 * (those go to `.npy` files next to it).
 * @packageDocumentation
 */
import type { DeterminismResult } from '../determinism/types.js'

/**
 * The JSON-ready part of a {@link DeterminismResult}.
 * @example
 * ```ts
 * await writeArtifacts({ …, summary: { matcher: 'toBeDeterministicAcross', ...determinismSummary(result) } })
 * ```
 */
export function determinismSummary(r: DeterminismResult): Record<string, unknown> {
  return {
    deterministic: r.deterministic,
    runs: r.runs,
    warmup: r.warmup,
    mode: r.mode,
    tolerance: r.tolerance,
    seed: r.seed,
    syntheticInput: r.syntheticInput,
    syntheticInterleaved: r.syntheticInterleaved,
    image: r.image,
    samples: r.samples,
    // The per-run fields below describe this sample.
    sample: r.sample,
    inputs: Object.fromEntries(Object.entries(r.input).map(([name, t]) => [name, { shape: t.shape, dtype: t.dtype }])),
    interleaved: r.interleaved,
    distinctOutputs: r.distinctOutputs,
    pattern: r.pattern,
    majorityGroup: r.majorityGroup,
    firstDivergentRun: r.firstDivergentRun,
    groups: r.groups.map((g) => ({
      id: g.id,
      runs: g.runs,
      firstRun: g.firstRun,
      predictions: g.predictions,
      differenceFromMajority: g.differenceFromMajority,
    })),
    other: r.other,
    largestDifference: r.largestDifference,
    flakiness: r.flakiness,
    timing: r.timing,
    health: r.health,
  }
}
