/**
 * `runParity`: the model under test and its ONNX reference on the same input bytes, sample by
 * sample, judged together. Returns data; `toMatchOnnxWithin` formats it.
 * @packageDocumentation
 */
import { withBoardHealth } from '../health/window.js'
import { aggregateComparisons } from '../compare/aggregate.js'
import { compareOutputs } from '../compare/compare-outputs.js'
import { checkPerOutputNames, validateTolerance, type Tolerance } from '../compare/tolerance.js'
import type { OutputsComparison } from '../compare/types.js'
import { assertInferableModel } from '../device/assert-inferable.js'
import { syntheticInfos } from '../determinism/synthetic-shape.js'
import {
  assertDeclaresOutputs,
  assertInputsHaveElements,
  assertOutputsHaveElements,
} from '../determinism/something-to-compare.js'
import type { InferableModel, LoadedModel, NormalizationSpec } from '../device/types.js'
import { CheckAbortedError, InvalidArgumentError } from '../errors.js'
import { effectiveImageOptions, validateImageOptions } from '../inputs/image.js'
import { resolveInputs } from '../inputs/resolve.js'
import { displayPath, listSamples, loadsImages } from '../inputs/samples.js'
import { syntheticInputs } from '../inputs/synthetic.js'
import { resolveSeed } from '../random/seed.js'
import { digestOutputs } from '../tensor/digest.js'
import type { Quantization, TensorMap } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { readAllsNormalization } from './alls.js'
import { differenceTensors } from './difference.js'
import { checkNormalizationSpec, normalizationMismatch } from './normalization.js'
import { loadRecordOf } from '../device/load-record.js'
import { pairOutputs, reconcileOutput } from './outputs.js'
import { openReference } from './reference.js'
import { referenceInputs } from './reference-input.js'
import type {
  InputPreparation,
  OutputPairing,
  ParityExemplar,
  ParityOptions,
  ParityProgress,
  ParityReference,
  ParityResult,
  ParitySample,
} from './types.js'
import { PARITY_OPTION_KEYS } from './option-keys.js'
import { abortedError, assertSignal, throwIfAborted } from '../device/abort.js'

/** What an abort's message names. */
const CHECK = 'The parity check'

/** `perOutput` may name reference outputs too; compare by model output names. */
function perOutputByModelName(tolerance: Tolerance, pairings: readonly OutputPairing[]): Tolerance {
  if (tolerance.perOutput === undefined) return tolerance
  const perOutput: Record<string, Tolerance> = {}
  for (const [name, criteria] of Object.entries(tolerance.perOutput)) {
    const isModelName = pairings.some((p) => p.model === name)
    const pairing = isModelName ? undefined : pairings.find((p) => p.reference === name)
    perOutput[pairing?.model ?? name] = criteria
  }
  const translated = { ...tolerance, perOutput }
  checkPerOutputNames(
    translated,
    pairings.map((p) => p.model),
  )
  return translated
}

/**
 * The normalization `options` name (`normalization`, or the `.alls` lines) and where it came from.
 * @throws {@link InvalidArgumentError} when both are given or the spec is malformed.
 */
export async function normalizationsOf(
  options: Pick<ParityOptions, 'normalization' | 'alls'>,
): Promise<{ specs?: NormalizationSpec[]; source?: string }> {
  if (options.normalization !== undefined && options.alls !== undefined) {
    throw new InvalidArgumentError('Give either normalization or alls (the model script it comes from), not both.')
  }
  if (options.normalization !== undefined) {
    checkNormalizationSpec(options.normalization)
    return { specs: [options.normalization], source: 'the normalization option' }
  }
  if (options.alls === undefined) return {}
  const found = await readAllsNormalization(options.alls)
  return {
    specs: found,
    source: `${displayPath(options.alls)} (line${found.length > 1 ? 's' : ''} ${found.map((f) => f.line).join(', ')})`,
  }
}

/** Failing samples first, then the larger greatest absolute error. */
function severity(c: OutputsComparison): [number, number] {
  const maxAbs = Math.max(0, ...c.names.map((n) => c.outputs[n]!.maxAbs?.value ?? 0))
  return [c.pass ? 0 : 1, Number.isNaN(maxAbs) ? Infinity : maxAbs]
}

/**
 * Run `model` and the ONNX `reference` on the same inputs and compare every output under
 * `options.tolerance`. The model gets each input as it declares it (raw uint8 pixels for a compiled
 * model); the reference gets the same values dequantized and normalized (`normalization` / `alls`),
 * in its own layout, so image paths are loaded once, with `options.image`, for both sides. Outputs are paired,
 * dequantized and transposed as needed before comparing.
 *
 * @throws {@link CheckAbortedError} (with {@link ParityProgress}) when `options.signal` stops it part-way;
 * {@link InvalidArgumentError} / {@link UnknownNameError} for bad options, unpairable inputs or
 * outputs, shapes no layout change reconciles; input and device errors as they come.
 * @example
 * ```ts
 * const result = await runParity(hef, 'model.onnx', { input: 'cat.png', alls: 'model.alls', tolerance: { top1: true,
 * cosine: 0.99 } })
 * result.verdict.outputs.logits.top1.fraction
 * ```
 */
export async function runParity(
  model: InferableModel,
  reference: ParityReference,
  options: ParityOptions,
): Promise<ParityResult> {
  return withBoardHealth(model, () => parityOf(model, reference, options))
}

async function parityOf(
  model: InferableModel,
  reference: ParityReference,
  options: ParityOptions,
): Promise<ParityResult> {
  assertInferableModel(model, 'expect(model)')
  assertDeclaresOutputs(model, 'the model')
  if (options === null || typeof options !== 'object')
    throw invalidParameter('parity options', 'an object with a tolerance', options)
  assertKnownKeys('toMatchOnnxWithin options', options, PARITY_OPTION_KEYS)
  if (options.tolerance === undefined) {
    throw new InvalidArgumentError(
      'A parity check needs a tolerance, e.g. { tolerance: { top1: true, cosine: 0.99 } }; use { atol: 0 } for an exact match.',
    )
  }
  validateTolerance(options.tolerance)
  const { signal } = options
  assertSignal(signal)
  if (options.image !== undefined) validateImageOptions(options.image, 'toMatchOnnxWithin option image')
  const resolveOptions = options.image === undefined ? {} : { image: options.image }
  const seed = resolveSeed(options.seed)
  const sources = await listSamples(options)
  const normalization = await normalizationsOf(options)
  throwIfAborted(signal, CHECK)

  const started = performance.now()
  const done = { samples: 0, passed: 0 }
  const ref = await openReference(reference)
  try {
    if (ref.recorded && normalization.specs !== undefined) {
      throw new InvalidArgumentError(
        `The reference is ${ref.label}: no input is fed to it, so a normalization has nothing to apply to. Drop normalization / alls.`,
      )
    }
    if (ref.recorded && (sources.length !== 1 || sources[0]!.source === undefined)) {
      throw new InvalidArgumentError(
        `The reference is ${ref.label}: outputs recorded for one input. Give that input (input: 'image.png'), ` +
          `not ${sources[0]!.source === undefined ? 'none (a synthetic input would not match them)' : `${sources.length} samples`}.`,
      )
    }
    assertDeclaresOutputs(ref.model, `the reference (${ref.label})`)
    const pairings: (OutputPairing & { steps: string[] })[] = pairOutputs(
      model.outputs,
      ref.model.outputs,
      options.outputs,
    ).map((p) => ({ ...p, steps: [] }))
    const tolerance = perOutputByModelName(options.tolerance, pairings)
    const infoByName = new Map(model.outputs.map((o) => [o.name, o]))
    const inferOptions = signal === undefined ? {} : { signal }
    const samples: ParitySample[] = []
    let preparation: InputPreparation[] = []
    let exemplar: Omit<ParityExemplar, 'difference'> | undefined
    let worst: [number, number] = [-1, -1]
    for (const [index, { label, source }] of sources.entries()) {
      throwIfAborted(signal, CHECK)
      const input =
        source === undefined
          ? await syntheticInputs(syntheticInfos(model.inputs, {}), seed)
          : await resolveInputs(model.inputs, source, resolveOptions)
      assertInputsHaveElements(input, source === undefined ? `synthetic (seed ${seed})` : label)
      const prepared = ref.recorded
        ? { inputs: {}, preparation: [] }
        : await referenceInputs(model.inputs, ref.model.inputs, input, normalization.specs)
      if (index === 0) preparation = prepared.preparation
      const actualRaw = await model.infer(input, inferOptions)
      throwIfAborted(signal, CHECK)
      const expectedRaw = await ref.model.infer(prepared.inputs, inferOptions)
      if (index === 0) {
        assertOutputsHaveElements(
          actualRaw,
          pairings.map((p) => p.model),
          'the model',
        )
        assertOutputsHaveElements(
          expectedRaw,
          pairings.map((p) => p.reference),
          `the reference (${ref.label})`,
        )
      }
      const actual: TensorMap = {}
      const expected: TensorMap = {}
      const quant: Record<string, Quantization | undefined> = {}
      for (const p of pairings) {
        const a = actualRaw[p.model]
        const e = expectedRaw[p.reference]
        if (a === undefined || e === undefined) {
          throw new InvalidArgumentError(
            `Output "${a === undefined ? p.model : p.reference}" was declared but not returned by ${a === undefined ? 'the model' : 'the reference'}.`,
          )
        }
        const reconciled = reconcileOutput(index === 0 ? p : { ...p, steps: [] }, infoByName.get(p.model), a, e)
        actual[p.model] = reconciled.tensor
        expected[p.model] = e
        quant[p.model] = reconciled.quant
      }
      const comparison = compareOutputs(actual, expected, tolerance, { quant })
      samples.push({
        index,
        label: source === undefined ? `synthetic (seed ${seed})` : label,
        comparison,
        outputDigest: digestOutputs(actualRaw),
      })
      done.samples++
      if (comparison.pass) done.passed++
      const s = severity(comparison)
      if (s[0] > worst[0] || (s[0] === worst[0] && s[1] > worst[1])) {
        worst = s
        exemplar = { sample: index, input, referenceInput: prepared.inputs, actual, expected }
      }
    }
    const verdict = aggregateComparisons(
      samples.map((s) => s.comparison),
      tolerance,
    )
    const mismatch = normalizationMismatch(
      (model as Partial<LoadedModel>).device?.kind,
      loadRecordOf(model)?.options.normalization,
      ref.recorded ? undefined : normalization.specs,
    )
    return {
      pass: verdict.pass,
      tolerance,
      verdict,
      samples,
      outputs: pairings,
      inputs: preparation,
      ...(normalization.source === undefined ? {} : { normalizationSource: normalization.source }),
      ...(mismatch === undefined ? {} : { normalizationMismatch: mismatch }),
      seed,
      syntheticInput: sources.length === 1 && sources[0]!.source === undefined,
      ...(sources.some((s) => loadsImages(s.source)) ? { image: effectiveImageOptions(options.image) } : {}),
      // Computed once, for the sample the artifacts keep.
      exemplar: { ...exemplar!, difference: differenceTensors(exemplar!.actual, exemplar!.expected) },
      referenceLabel: ref.label,
    }
  } catch (error) {
    // Stopped part-way (the test's timeout): how far it got is the diagnosis. Whatever the error (a
    // model the test's teardown already disposed, too), once the signal has fired it is the stop.
    if (signal?.aborted !== true) throw error
    const progress: ParityProgress = {
      samplesDone: done.samples,
      samplesPassed: done.passed,
      samples: sources.length,
      elapsedMs: performance.now() - started,
    }
    const stopped = abortedError(CHECK, signal, error)
    throw new CheckAbortedError(
      `${stopped.message} It had compared ${done.samples} of ${sources.length} samples in ${Math.round(progress.elapsedMs)} ms.`,
      progress,
      stopped.cause,
    )
  } finally {
    await ref.close()
  }
}
