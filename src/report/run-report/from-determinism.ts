/**
 * A determinism result as report data: per input the distinct outputs (digest, runs, top-1), the
 * pattern, the timing. No tensor bytes.
 * @packageDocumentation
 */
import type { ClassPrediction } from '../../determinism/classifier.js'
import type { DeterminismResult } from '../../determinism/types.js'
import type { CheckDetails } from './check-details.js'
import type { InputRecord, OutputDigest } from './types.js'

/**
 * Report data of a {@link DeterminismResult}; `flakiness` is the matcher's sentence for it.
 * @example
 * ```ts
 * const details = determinismDetails(await runDeterminism(model, { runs: 50 }))
 * details.inputs[0].outputs.length // 1 when deterministic
 * ```
 */
export function determinismDetails(r: DeterminismResult, flakiness?: string): CheckDetails {
  const inputs: InputRecord[] = r.samples.map((s) => ({
    index: s.index,
    label: s.label,
    held: s.deterministic,
    outputs: s.groups.map((g): OutputDigest => ({
      digest: g.digest,
      count: g.runs.count,
      runs: g.runs.ranges,
      ...(g.runs.truncated ? { truncated: true } : {}),
      ...top1Of(g.predictions),
    })),
    ...(s.other === undefined
      ? {}
      : {
          undigestedRuns: s.other.runs.count,
          undigestedDistinct: s.other.distinctBytes,
          undigestedRanges: s.other.runs.ranges,
          ...(s.other.top1 === undefined
            ? {}
            : { undigestedTop1: { output: s.other.top1.output, runs: s.other.top1.runs } }),
        }),
  }))
  return {
    kind: 'determinism',
    inputs,
    seed: r.seed,
    timing: { totalMs: r.timing.totalMs, runs: r.timing.runs, medianMs: r.timing.medianMs, p95Ms: r.timing.p95Ms },
    determinism: {
      runs: r.runs,
      warmup: r.warmup,
      distinctOutputs: r.distinctOutputs,
      pattern: r.pattern,
      perInput: r.samples.map((s) => ({ pattern: s.pattern, distinctOutputs: s.distinctOutputs })),
      ...(flakiness === undefined ? {} : { flakiness }),
      ...(r.tolerance === undefined ? {} : { tolerance: r.tolerance }),
    },
  }
}

/** The first classifier-like output's top-1, in the model's output order (as the engine's trace of other runs). */
function top1Of(predictions: Readonly<Record<string, ClassPrediction>>): Pick<OutputDigest, 'top1'> {
  const output = Object.keys(predictions)[0]
  if (output === undefined) return {}
  const p = predictions[output]!
  return { top1: { output, classIndex: p.top1, confidence: p.confidence } }
}
