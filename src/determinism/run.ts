/**
 * `runDeterminism`: run the same input n times and say, as data, whether the outputs agree, and if
 * not how (groups, classes, largest difference, pattern, flakiness bound, timing).
 *
 * The input is resolved once before the loop, so the loop is what a person would write by hand —
 * `infer` then a memcmp against the output seen so far — and memory does not grow with n.
 * @packageDocumentation
 */
import { compareTensors } from '../compare/compare-tensors.js'
import { validateTolerance, type Tolerance } from '../compare/tolerance.js'
import type { InferableModel, InferOptions, InputSource, LoadedModel } from '../device/types.js'
import { AbortedError, InvalidArgumentError } from '../errors.js'
import { resolveInputs } from '../inputs/resolve.js'
import { syntheticInputs } from '../inputs/synthetic.js'
import { resolveSeed } from '../random/seed.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import { assertInteger, assertKnownKeys, invalidParameter } from '../validate.js'
import { copyOutputs } from './bytes.js'
import { classifyOutput, type ClassPrediction } from './classifier.js'
import { largestDifference } from './difference.js'
import { flakinessBound } from './flakiness.js'
import { OutputGroups, type OutputsMatcher } from './groups.js'
import { assertInferableModel } from './inferable.js'
import { classifyPattern } from './pattern.js'
import { TimingSampler } from './timing.js'
import type { DeterminismGroup, DeterminismOptions, DeterminismResult } from './types.js'

/** Distinct outputs kept by default: enough to show the story, bounded whatever n is. */
export const DEFAULT_MAX_EXEMPLARS = 4
/** Synthetic inputs interleaved by `interleave: true`. */
export const DEFAULT_INTERLEAVED = 2

const OPTION_KEYS = ['runs', 'input', 'inputs', 'tolerance', 'warmup', 'seed', 'signal', 'interleave', 'maxExemplars'] as const

/**
 * Run `model` `options.runs` times on the same input and report how the outputs behaved.
 * Throws `AbortedError` at once when `options.signal` aborts.
 *
 * @example
 * ```ts
 * const result = await runDeterminism(hef, { runs: 50, input: 'cat.png', warmup: 2 })
 * if (!result.deterministic) console.log(result.pattern, result.distinctOutputs)
 * ```
 */
export async function runDeterminism(model: InferableModel | LoadedModel, options: DeterminismOptions): Promise<DeterminismResult> {
  assertInferableModel(model)
  if (options === null || typeof options !== 'object') throw invalidParameter('options', 'an object with runs', options)
  assertKnownKeys('runDeterminism options', options, OPTION_KEYS)
  const { runs, warmup = 0, maxExemplars = DEFAULT_MAX_EXEMPLARS, signal, tolerance } = options
  assertInteger('runs', runs, 1)
  assertInteger('warmup', warmup, 0)
  assertInteger('maxExemplars', maxExemplars, 1, 64)
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalidParameter('signal', 'an AbortSignal', signal)
  if (options.input !== undefined && options.inputs !== undefined) {
    throw new InvalidArgumentError('Give either input or inputs, not both: inputs is the record-by-input-name form of input.')
  }
  if (tolerance !== undefined) validateTolerance(tolerance)
  const seed = resolveSeed(options.seed)
  throwIfAborted(signal)

  const source: InputSource | undefined = options.input ?? options.inputs
  const input = source === undefined ? await syntheticInputs(model.inputs, seed) : await resolveInputs(model.inputs, source)
  const others = await interleavedInputs(model, options.interleave, seed)
  const inferOptions: InferOptions = signal === undefined ? {} : { signal }
  const infer = async (x: Readonly<Record<string, Tensor>>): Promise<TensorMap> => {
    throwIfAborted(signal)
    try {
      return await model.infer(x, inferOptions)
    } catch (error) {
      if (signal?.aborted) throw abortedBy(signal, error)
      throw error
    }
  }

  for (let i = 0; i < warmup; i++) await infer(input)

  const timing = new TimingSampler(runs, seed)
  let groups: OutputGroups | undefined
  let names: readonly string[] = []
  const withinTolerance = tolerance === undefined ? undefined : toleranceMatcher(model, tolerance, () => names)
  for (let run = 1; run <= runs; run++) {
    let previousInput = -1
    let previousOutputs: TensorMap | undefined
    if (others.length > 0) {
      previousInput = (run - 1) % others.length
      // Copied: a stale-buffer backend may hand the very same buffer back on the next run.
      previousOutputs = copyOutputs(await infer(others[previousInput]!), names.length > 0 ? names : model.outputs.map((o) => o.name))
    }
    const started = performance.now()
    const outputs = await infer(input)
    timing.add(performance.now() - started)
    if (groups === undefined) {
      names = outputNames(model, outputs)
      groups = new OutputGroups(names, maxExemplars, withinTolerance)
    }
    checkOutputs(outputs, names, run)
    groups.observe(run, outputs, previousInput, previousOutputs)
  }
  return summarize(model, groups!, names, {
    runs, warmup, seed, tolerance, input, syntheticInput: source === undefined, interleaved: others.length, timing,
  })
}

/**
 * "Same output" under a tolerance: every output within it. A run whose output changed shape is simply
 * different; a tolerance that cannot be checked (steps without quantization) is the caller's error.
 */
function toleranceMatcher(model: InferableModel, tolerance: Tolerance, names: () => readonly string[]): OutputsMatcher {
  const infoByName = new Map(model.outputs.map((o) => [o.name, o]))
  return (run, exemplar) =>
    names().every((name) => {
      const a = run[name], b = exemplar[name]
      if (a === undefined || b === undefined || a.data.length !== b.data.length) return false
      const quant = infoByName.get(name)?.quant
      return compareTensors(a, b, tolerance, { name, ...(quant === undefined ? {} : { quant }) }).pass
    })
}

interface RunFacts {
  runs: number
  warmup: number
  seed: number
  tolerance: DeterminismOptions['tolerance']
  input: Readonly<Record<string, Tensor>>
  syntheticInput: boolean
  interleaved: number
  timing: TimingSampler
}

function summarize(model: InferableModel, tracker: OutputGroups, names: readonly string[], facts: RunFacts): DeterminismResult {
  const infoByName = new Map(model.outputs.map((o) => [o.name, o]))
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
    if (d !== undefined && (largest === undefined || d.absolute > largest.absolute)) largest = { ...d, group: g.id, referenceGroup: majority.id }
    return {
      id: g.id, runs: g.runs.build(), firstRun: g.firstRun, outputs: g.outputs, predictions,
      ...(d === undefined ? {} : { differenceFromMajority: d }),
    }
  })
  const distinctOutputs = groups.length + (other?.distinctBytes ?? 0)
  const pattern = classifyPattern({
    runs: facts.runs, distinctOutputs, runsLikeFirst: kept[0]!.runs.count, majorityCount,
    interleaved: facts.interleaved > 0, stats: tracker.stats,
  })
  return {
    deterministic: distinctOutputs === 1,
    runs: facts.runs,
    warmup: facts.warmup,
    mode: facts.tolerance === undefined ? 'bytes' : 'tolerance',
    ...(facts.tolerance === undefined ? {} : { tolerance: facts.tolerance }),
    seed: facts.seed,
    syntheticInput: facts.syntheticInput,
    input: facts.input,
    interleaved: facts.interleaved,
    distinctOutputs,
    groups,
    ...(other === undefined ? {} : { other: { runs: other.runs, distinctBytes: other.distinctBytes } }),
    majorityGroup: majority.id,
    ...(tracker.stats.firstDivergentRun === undefined ? {} : { firstDivergentRun: tracker.stats.firstDivergentRun }),
    ...(largest === undefined ? {} : { largestDifference: largest }),
    pattern,
    flakiness: flakinessBound(facts.runs - majorityCount, facts.runs),
    timing: facts.timing.summary(),
  }
}

/** Output names in declared order; a declared output missing from the first run is the model's bug. */
function outputNames(model: InferableModel, outputs: TensorMap): string[] {
  if (outputs === null || typeof outputs !== 'object') {
    throw new InvalidArgumentError(`model.infer() must resolve to a record of tensors by output name but resolved to ${String(outputs)}.`)
  }
  const declared = model.outputs.map((o) => o.name)
  const missing = declared.filter((n) => outputs[n] === undefined)
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `model.infer() returned outputs [${Object.keys(outputs).join(', ')}] but the model declares [${declared.join(', ')}]; missing: ${missing.join(', ')}.`,
    )
  }
  return [...declared, ...Object.keys(outputs).filter((n) => !declared.includes(n))]
}

/**
 * Every run must hand back tensors (a missing output just makes the run differ). Checked per run:
 * a few property reads, so a broken wrapper fails with words instead of a TypeError deep inside.
 */
function checkOutputs(outputs: TensorMap, names: readonly string[], run: number): void {
  if (outputs === null || typeof outputs !== 'object') {
    throw new InvalidArgumentError(`model.infer() must resolve to a record of tensors by output name but run ${run} resolved to ${String(outputs)}.`)
  }
  for (const name of names) {
    const t = outputs[name]
    if (t !== undefined && (t === null || !ArrayBuffer.isView(t.data) || !Array.isArray(t.shape))) {
      throw new InvalidArgumentError(`model.infer() returned something that is not a tensor { data, shape, dtype } for output "${name}" in run ${run}.`)
    }
  }
}

async function interleavedInputs(model: InferableModel, interleave: DeterminismOptions['interleave'], seed: number): Promise<Readonly<Record<string, Tensor>>[]> {
  if (interleave === undefined || interleave === false) return []
  if (Array.isArray(interleave)) {
    if (interleave.length === 0) throw invalidParameter('interleave', 'true, a count ≥ 1 or a non-empty array of inputs', interleave)
    return Promise.all(interleave.map((source: InputSource) => resolveInputs(model.inputs, source)))
  }
  const count = interleave === true ? DEFAULT_INTERLEAVED : interleave
  assertInteger('interleave', count, 1, 64)
  // Seeds next to the main input's: different content, still replayable from the one printed seed.
  return Promise.all(Array.from({ length: count }, (_, i) => syntheticInputs(model.inputs, (seed + 1 + i) >>> 0)))
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedBy(signal)
}

function abortedBy(signal: AbortSignal, cause?: unknown): AbortedError {
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : ''
  const error = new AbortedError(`The determinism check was aborted${reason} (the test timed out or was cancelled).`)
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause })
  return error
}
