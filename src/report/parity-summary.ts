/**
 * A parity result as plain JSON for `summary.json` and reports: every number, no tensor bytes (those
 * go to `.npy` files next to it). The parity counterpart of `determinism-summary.ts`.
 * @packageDocumentation
 */
import type { ParityResult } from '../parity/types.js'

/**
 * The JSON-ready part of a {@link ParityResult}: the verdict, each sample's pass, and which sample's
 * tensors the artifacts keep.
 * @example
 * ```ts
 * await writeArtifacts({ …, summary: { matcher: 'toMatchOnnxWithin', ...paritySummary(result) } })
 * ```
 */
export function paritySummary(r: ParityResult): Record<string, unknown> {
  return {
    pass: r.pass,
    reference: r.referenceLabel,
    tolerance: r.tolerance,
    seed: r.seed,
    syntheticInput: r.syntheticInput,
    image: r.image,
    savedSample: { index: r.exemplar.sample, label: r.samples[r.exemplar.sample]?.label },
    samples: r.samples.map((s) => ({ index: s.index, label: s.label, pass: s.comparison.pass })),
    outputs: r.outputs,
    inputs: r.inputs,
    normalization: r.normalizationSource,
    verdict: r.verdict,
    health: r.health,
  }
}
