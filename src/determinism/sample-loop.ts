/**
 * One sample's run loop: warm-up, then n runs of the same input — what a person would write
 * by hand, `infer` then a memcmp against the outputs seen so far — summarized as data. Memory does not
 * grow with n: only the few exemplars of distinct outputs are kept.
 * @packageDocumentation
 */
import { compareTensors } from '../compare/compare-tensors.js'
import type { Tolerance } from '../compare/tolerance.js'
import type { InferableModel } from '../device/types.js'
import { AbortedError, OutputMismatchError } from '../errors.js'
import { assertTensorRecord } from '../device/output-check.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import { copyOutputs } from './bytes.js'
import { classifyOutput, type ClassPrediction } from './classifier.js'
import { largestDifference } from './difference.js'
import { flakinessBound } from './flakiness.js'
import { OutputGroups, type OutputsMatcher } from './groups.js'
import { classifyPattern } from './pattern.js'
import { assertOutputsHaveElements } from './something-to-compare.js'
import { TimingSampler } from './timing.js'
import { Top1Trace, type OtherRunsTop1 } from './top1-trace.js'
import type { DeterminismGroup, DeterminismResult } from './types.js'

/** How messages name the model whose outputs broke. */
const MODEL = 'the model'

/** What stays the same for every sample's loop within one check. */
export interface SampleLoopPlan {
  readonly model: InferableModel
  readonly runs: number
  readonly warmup: number
  readonly maxExemplars: number
  readonly tolerance: Tolerance | undefined
  /** Seeds the timing reservoir (not the verdict). */
  readonly seed: number
  /** Inputs run between the counted runs, in turn (empty: no interleaving). */
  readonly interleaved: readonly Readonly<Record<string, Tensor>>[]
  /** One inference, abort-aware. */
  readonly infer: (input: Readonly<Record<string, Tensor>>) => Promise<TensorMap>
}

/** The per-sample part of a {@link DeterminismResult}. */
export type SampleLoopResult = Omit<
  DeterminismResult,
  'samples' | 'sample' | 'seed' | 'syntheticInput' | 'syntheticInterleaved'
>

/** A sample loop its signal stopped: the abort, the counted runs completed, and what they showed (if any completed). */
export interface StoppedSampleLoop {
  readonly stopped: AbortedError
  readonly completedRuns: number
  readonly partial?: SampleLoopResult
}

/**
 * Run `input` `plan.runs` times (after `plan.warmup` uncounted runs) and describe how the outputs behaved.
 * @example
 * ```ts
 * const check = await runSampleLoop(plan, { x: tensor })
 * check.deterministic
 * ```
 */
export async function runSampleLoop(
  plan: SampleLoopPlan,
  input: Readonly<Record<string, Tensor>>,
): Promise<SampleLoopResult | StoppedSampleLoop> {
  const { model, runs, warmup, maxExemplars, tolerance, interleaved: others, infer } = plan
  const timing = new TimingSampler(runs, plan.seed)
  let groups: OutputGroups | undefined
  let names: readonly string[] = []
  const infoByName = new Map(model.outputs.map((o) => [o.name, o]))
  let trace: Top1Trace | undefined
  let run = 0
  try {
    for (let i = 0; i < warmup; i++) await infer(input)
    const withinTolerance = tolerance === undefined ? undefined : toleranceMatcher(model, tolerance, () => names)
    for (run = 1; run <= runs; run++) {
      let previousInput = -1
      let previousOutputs: TensorMap | undefined
      if (others.length > 0) {
        previousInput = (run - 1) % others.length
        // Copied: a stale-buffer backend may hand the very same buffer back on the next run.
        previousOutputs = copyOutputs(
          await infer(others[previousInput]!),
          names.length > 0 ? names : model.outputs.map((o) => o.name),
        )
      }
      const started = performance.now()
      const outputs = await infer(input)
      timing.add(performance.now() - started)
      if (groups === undefined) {
        names = outputNames(model, outputs)
        groups = new OutputGroups(names, maxExemplars, withinTolerance)
      }
      // Checked per run: a broken wrapper fails with words instead of a TypeError deep inside.
      assertTensorRecord(MODEL, outputs, names, ` in run ${run}`)
      if (run === 1) assertOutputsHaveElements(outputs, names, 'the model')
      // The top-1 of a run whose output is not kept is the only trace of it the report can draw.
      if (!groups.observe(run, outputs, previousInput, previousOutputs))
        (trace ??= new Top1Trace(names, infoByName)).add(run, outputs)
    }
  } catch (error) {
    if (!(error instanceof AbortedError)) throw error
    // Stopped part-way (the test's timeout): what the completed runs showed is the diagnosis.
    const completedRuns = Math.max(0, run - 1)
    if (groups === undefined || completedRuns === 0) return { stopped: error, completedRuns: 0 }
    return {
      stopped: error,
      completedRuns,
      partial: summarize({ ...plan, runs: completedRuns }, groups, names, input, timing, trace?.build()),
    }
  }
  return summarize(plan, groups!, names, input, timing, trace?.build())
}

/**
 * "Same output" under a tolerance: every output within it. A run whose output changed shape is simply
 * different; a tolerance that cannot be checked (steps without quantization) is the caller's error.
 */
function toleranceMatcher(model: InferableModel, tolerance: Tolerance, names: () => readonly string[]): OutputsMatcher {
  const infoByName = new Map(model.outputs.map((o) => [o.name, o]))
  return (run, exemplar) =>
    names().every((name) => {
      const a = run[name],
        b = exemplar[name]
      if (a === undefined || b === undefined || a.data.length !== b.data.length) return false
      const quant = infoByName.get(name)?.quant
      return compareTensors(a, b, tolerance, { name, ...(quant === undefined ? {} : { quant }) }).pass
    })
}

function summarize(
  plan: SampleLoopPlan,
  tracker: OutputGroups,
  names: readonly string[],
  input: Readonly<Record<string, Tensor>>,
  timing: TimingSampler,
  otherTop1: OtherRunsTop1 | undefined,
): SampleLoopResult {
  const infoByName = new Map(plan.model.outputs.map((o) => [o.name, o]))
  const kept = tracker.groups
  const majority = kept.reduce((best, g) => (g.runs.count > best.runs.count ? g : best), kept[0]!)
  const other = tracker.otherRuns()
  const majorityCount = Math.max(majority.runs.count, other?.largestCount ?? 0)
  let largest: DeterminismResult['largestDifference']
  const groups: DeterminismGroup[] = kept.map((g) => {
    const predictions: Record<string, ClassPrediction> = {}
    for (const name of names) {
      const t = g.outputs[name]
      const p = t === undefined ? undefined : classifyOutput(t, infoByName.get(name))
      if (p !== undefined) predictions[name] = p
    }
    const d = g.id === majority.id ? undefined : largestDifference(g.outputs, majority.outputs, names)
    if (d !== undefined && (largest === undefined || d.absolute > largest.absolute))
      largest = { ...d, group: g.id, referenceGroup: majority.id }
    return {
      id: g.id,
      runs: g.runs.build(),
      firstRun: g.firstRun,
      outputs: g.outputs,
      predictions,
      ...(d === undefined ? {} : { differenceFromMajority: d }),
    }
  })
  const distinctOutputs = groups.length + (other?.distinctBytes ?? 0)
  const pattern = classifyPattern({
    runs: plan.runs,
    distinctOutputs,
    runsLikeFirst: kept[0]!.runs.count,
    majorityCount,
    interleaved: plan.interleaved.length > 0,
    stats: tracker.stats,
  })
  return {
    deterministic: distinctOutputs === 1,
    runs: plan.runs,
    warmup: plan.warmup,
    mode: plan.tolerance === undefined ? 'bytes' : 'tolerance',
    ...(plan.tolerance === undefined ? {} : { tolerance: plan.tolerance }),
    input,
    interleaved: plan.interleaved.length,
    distinctOutputs,
    groups,
    ...(other === undefined
      ? {}
      : {
          other: {
            runs: other.runs,
            distinctBytes: other.distinctBytes,
            ...(otherTop1 === undefined ? {} : { top1: otherTop1 }),
          },
        }),
    majorityGroup: majority.id,
    ...(tracker.stats.firstDivergentRun === undefined ? {} : { firstDivergentRun: tracker.stats.firstDivergentRun }),
    ...(largest === undefined ? {} : { largestDifference: largest }),
    pattern,
    flakiness: flakinessBound(plan.runs - majorityCount, plan.runs),
    timing: timing.summary(),
  }
}

/** Output names in declared order; a declared output missing from the first run is the model's bug. */
function outputNames(model: InferableModel, outputs: TensorMap): string[] {
  assertTensorRecord(MODEL, outputs, [], ' in run 1')
  const declared = model.outputs.map((o) => o.name)
  const missing = declared.filter((n) => outputs[n] === undefined)
  if (missing.length > 0) {
    throw new OutputMismatchError(
      MODEL,
      `model.infer() returned outputs [${Object.keys(outputs).join(', ')}] but the model declares [${declared.join(', ')}]; missing: ${missing.join(', ')}.`,
    )
  }
  return [...declared, ...Object.keys(outputs).filter((n) => !declared.includes(n))]
}
