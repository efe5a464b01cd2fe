/**
 * `runDeterminism`: run the same input n times and say, as data, whether the outputs agree, and if
 * not how (groups, classes, largest difference, pattern, flakiness bound, timing) — for one input, or
 * for each of several samples (`inputs`), streamed one after the other.
 *
 * Each input is resolved once before its runs, so the loop is what a person would write by hand —
 * `infer` then a memcmp against the output seen so far — and memory grows neither with n nor with the
 * number of samples: only one sample's tensors are kept (the first non-deterministic one).
 * @packageDocumentation
 */
import { validateTolerance } from '../compare/tolerance.js'
import { withBoardHealth } from '../health/window.js'
import type { InferableModel, InferOptions, InputSource, LoadedModel } from '../device/types.js'
import { CheckAbortedError, InvalidArgumentError } from '../errors.js'
import { abortedError, assertSignal, throwIfAborted } from '../device/abort.js'
import { effectiveImageOptions, validateImageOptions } from '../inputs/image.js'
import { resolveInputs, type ResolveOptions } from '../inputs/resolve.js'
import { listSamples, loadsImages } from '../inputs/samples.js'
import { syntheticInputs } from '../inputs/synthetic.js'
import { resolveSeed } from '../random/seed.js'
import { digestOutputs } from '../tensor/digest.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import { assertInteger, assertKnownKeys, invalidParameter } from '../validate.js'
import { runSampleLoop, type SampleLoopResult, type SampleLoopPlan, type StoppedSampleLoop } from './sample-loop.js'
import { assertInferableModel } from '../device/assert-inferable.js'
import { assertDeclaresOutputs, assertInputsHaveElements } from './something-to-compare.js'
import { syntheticInfos, validateSyntheticShape } from './synthetic-shape.js'
import type { DeterminismOptions, DeterminismProgress, DeterminismResult, DeterminismSampleVerdict } from './types.js'
import { DETERMINISM_OPTION_KEYS } from './option-keys.js'

/** Distinct outputs kept by default: enough to show the story, bounded whatever n is. */
export const DEFAULT_MAX_EXEMPLARS = 4
/** What an abort's message names. */
const CHECK = 'The determinism check'
/** Synthetic inputs interleaved by `interleave: true`. */
export const DEFAULT_INTERLEAVED = 2

/**
 * Run `model` `options.runs` times on the same input and report how the outputs behaved. With
 * `inputs` (an array, or a folder of images and `.npy` files) every sample gets its own `runs` runs
 * (and its own warm-up); the check is deterministic only when every sample is, `samples` holds each
 * sample's verdict, and the other fields describe the first non-deterministic sample (else the first).
 * Throws `AbortedError` at once when `options.signal` aborts; once counted runs have started it is a
 * `CheckAbortedError` whose `progress` ({@link DeterminismProgress}) says how many runs completed and
 * what they showed, so a timed-out test can still be diagnosed.
 *
 * @example
 * ```ts
 * const result = await runDeterminism(hef, { runs: 50, input: 'cat.png', warmup: 2 })
 * if (!result.deterministic) console.log(result.pattern, result.distinctOutputs)
 * const dataset = await runDeterminism(hef, { runs: 20, inputs: 'images/', image: { resize: 'cv2-bilinear' } })
 * dataset.samples.filter((s) => !s.deterministic).map((s) => s.label)
 * ```
 */
export async function runDeterminism(
  model: InferableModel | LoadedModel,
  options: DeterminismOptions,
): Promise<DeterminismResult> {
  return withBoardHealth(model, () => determinismOf(model, options))
}

async function determinismOf(
  model: InferableModel | LoadedModel,
  options: DeterminismOptions,
): Promise<DeterminismResult> {
  assertInferableModel(model)
  assertDeclaresOutputs(model, 'the model')
  if (options === null || typeof options !== 'object') throw invalidParameter('options', 'an object with runs', options)
  assertKnownKeys('runDeterminism options', options, DETERMINISM_OPTION_KEYS)
  const { runs, warmup = 0, maxExemplars = DEFAULT_MAX_EXEMPLARS, signal, tolerance } = options
  assertInteger('runs', runs, 1)
  assertInteger('warmup', warmup, 0)
  assertInteger('maxExemplars', maxExemplars, 1, 64)
  assertSignal(signal)
  if (tolerance !== undefined) validateTolerance(tolerance)
  if (options.image !== undefined) validateImageOptions(options.image, 'runDeterminism option image')
  const started = performance.now()
  const resolveOptions: ResolveOptions = options.image === undefined ? {} : { image: options.image }
  const samples = await listSamples(options)
  const seed = resolveSeed(options.seed)
  const shapes = options.shape === undefined ? undefined : validateSyntheticShape(options.shape, model.inputs)
  const synthesizes =
    samples[0]!.source === undefined || options.interleave === true || typeof options.interleave === 'number'
  if (shapes !== undefined && !synthesizes) {
    throw new InvalidArgumentError(
      'shape sets the size of synthetic inputs, but every input of this check is given (and interleaved ones too). Drop shape, or the input to synthesize one.',
    )
  }
  throwIfAborted(signal, CHECK)

  // Resolved once (a synthetic input too): the model then takes it n times without checking it again.
  const inputOf = async (source: InputSource | undefined): Promise<Record<string, Tensor>> =>
    source === undefined
      ? resolveInputs(
          model.inputs,
          syntheticInputs(
            syntheticInfos(model.inputs, { ...(shapes === undefined ? {} : { shapes }), offerShape: true }),
            seed,
          ),
        )
      : resolveInputs(model.inputs, source, resolveOptions)
  const first = await inputOf(samples[0]!.source)
  // Synthetic interleaved inputs take the shape of the first sample (given, or synthesized as `shape` says).
  const interleaved = await interleavedInputs(model, options.interleave, seed, resolveOptions, shapes ?? {}, first)
  const inferOptions: InferOptions = signal === undefined ? {} : { signal }
  const infer = async (x: Readonly<Record<string, Tensor>>): Promise<TensorMap> => {
    throwIfAborted(signal, CHECK)
    try {
      return await model.infer(x, inferOptions)
    } catch (error) {
      if (signal?.aborted) throw abortedError(CHECK, signal, error)
      throw error
    }
  }
  const plan: SampleLoopPlan = {
    model,
    runs,
    warmup,
    maxExemplars,
    tolerance,
    seed,
    interleaved: interleaved.inputs,
    infer,
  }

  const verdicts: DeterminismSampleVerdict[] = []
  let detailed: { index: number; check: SampleLoopResult } | undefined
  for (const [index, sample] of samples.entries()) {
    throwIfAborted(signal, CHECK)
    const input = index === 0 ? first : await inputOf(sample.source)
    const label = sample.source === undefined ? `synthetic (seed ${seed})` : sample.label
    assertInputsHaveElements(input, label)
    const outcome = await runSampleLoop(plan, input)
    const check = 'stopped' in outcome ? outcome.partial : outcome
    if (check !== undefined) {
      verdicts.push(verdictOf(index, label, check))
      // Keep one sample's tensors: the first that is not deterministic (else the first sample).
      if (detailed === undefined || (detailed.check.deterministic && !check.deterministic)) detailed = { index, check }
    }
    if ('stopped' in outcome) {
      const result = detailed === undefined ? undefined : assemble(detailed, verdicts)
      throw stoppedError(outcome, {
        runs,
        samplesDone: index,
        samples: samples.length,
        elapsedMs: performance.now() - started,
        result,
      })
    }
  }
  return assemble(detailed!, verdicts)

  function assemble(
    kept: { index: number; check: SampleLoopResult },
    verdictsSoFar: DeterminismSampleVerdict[],
  ): DeterminismResult {
    const imagesRead =
      samples.some((s) => loadsImages(s.source)) ||
      (Array.isArray(options.interleave) && options.interleave.some(loadsImages))
    return {
      ...kept.check,
      deterministic: verdictsSoFar.every((v) => v.deterministic),
      ...(imagesRead ? { image: effectiveImageOptions(options.image) } : {}),
      seed,
      syntheticInput: samples.length === 1 && samples[0]!.source === undefined,
      syntheticInterleaved: interleaved.synthetic,
      samples: verdictsSoFar,
      sample: kept.index,
    }
  }
}

/** The error a stopped check throws: the abort's words, and how far the check got as data. */
function stoppedError(
  outcome: StoppedSampleLoop,
  at: { runs: number; samplesDone: number; samples: number; elapsedMs: number; result: DeterminismResult | undefined },
): CheckAbortedError<DeterminismProgress> {
  const progress: DeterminismProgress = {
    runs: at.runs,
    completedRuns: outcome.completedRuns,
    samplesDone: at.samplesDone,
    samples: at.samples,
    elapsedMs: at.elapsedMs,
    ...(at.result === undefined ? {} : { partial: at.result }),
  }
  const where = at.samples > 1 ? ` of sample ${at.samplesDone + 1} of ${at.samples}` : ''
  const message = `${outcome.stopped.message} It had completed ${outcome.completedRuns} of ${at.runs} runs${where} in ${Math.round(at.elapsedMs)} ms.`
  return new CheckAbortedError(message, progress, outcome.stopped.cause)
}

/** A sample's verdict without its tensors. */
function verdictOf(index: number, label: string, c: SampleLoopResult): DeterminismSampleVerdict {
  return {
    index,
    label,
    deterministic: c.deterministic,
    distinctOutputs: c.distinctOutputs,
    pattern: c.pattern,
    groups: c.groups.map((g) => ({
      id: g.id,
      runs: g.runs,
      predictions: g.predictions,
      digest: digestOutputs(g.outputs),
    })),
    flakiness: c.flakiness,
    ...(c.other === undefined ? {} : { other: c.other }),
  }
}

/** The inputs run between counted runs, and whether the seed made them. */
async function interleavedInputs(
  model: InferableModel,
  interleave: DeterminismOptions['interleave'],
  seed: number,
  resolveOptions: ResolveOptions,
  shapes: Readonly<Record<string, readonly number[]>>,
  first: Readonly<Record<string, Tensor>>,
): Promise<{ inputs: Readonly<Record<string, Tensor>>[]; synthetic: boolean }> {
  if (interleave === undefined || interleave === false) return { inputs: [], synthetic: false }
  if (Array.isArray(interleave)) {
    if (interleave.length === 0)
      throw invalidParameter('interleave', 'true, a count ≥ 1 or a non-empty array of inputs', interleave)
    const inputs = await Promise.all(
      interleave.map((source: InputSource) => resolveInputs(model.inputs, source, resolveOptions)),
    )
    inputs.forEach((input, i) => assertInputsHaveElements(input, `interleave[${i}]`))
    return { inputs, synthetic: false }
  }
  const count = interleave === true ? DEFAULT_INTERLEAVED : interleave
  assertInteger('interleave', count, 1, 64)
  // Seeds next to the main input's: different content, still replayable from the one printed seed.
  const infos = syntheticInfos(model.inputs, { shapes, given: first, offerShape: true })
  const inputs = await Promise.all(
    Array.from({ length: count }, (_, i) => resolveInputs(model.inputs, syntheticInputs(infos, (seed + 1 + i) >>> 0))),
  )
  return { inputs, synthetic: true }
}
