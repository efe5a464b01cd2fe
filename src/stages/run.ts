/**
 * `runStages`: which stage of the toolchain first goes wrong. Every stage given — the ONNX model, the
 * Dataflow Compiler's full-precision and quantized emulator outputs, the chip — is compared with the one
 * before it on the same inputs: ONNX → native is parsing / translation, native → quantized is
 * quantization, quantized → chip is compilation, the runtime or the host's format path.
 * @packageDocumentation
 */
import { aggregateComparisons } from '../compare/aggregate.js'
import { compareOutputs } from '../compare/compare-outputs.js'
import { validateTolerance } from '../compare/tolerance.js'
import { assertInferableModel } from '../device/assert-inferable.js'
import { guessLayout } from '../device/layout.js'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel, InputSource, LoadedModel, NormalizationSpec } from '../device/types.js'
import { UsageError } from '../errors.js'
import { resolveInputs } from '../inputs/resolve.js'
import { listSamples } from '../inputs/samples.js'
import { syntheticInputs } from '../inputs/synthetic.js'
import { syntheticInfos } from '../determinism/synthetic-shape.js'
import { pairOutputs, reconcileOutput } from '../parity/outputs.js'
import { openReference, type OpenedReference } from '../parity/reference.js'
import { referenceInputs } from '../parity/reference-input.js'
import { normalizationsOf } from '../parity/run.js'
import { resolveSeed } from '../random/seed.js'
import { digestOutputs } from '../tensor/digest.js'
import type { Quantization, Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { checkRecordedStage, recordedOutputsFor } from './recorded-stage.js'
import {
  STAGE_NAMES,
  type StageName,
  type Stages,
  type StagesOptions,
  type StagesExemplar,
  type StagesResult,
  type StagesSampleOutcome,
  type StageStep,
} from './types.js'
import { PARITY_OPTION_KEYS } from '../parity/option-keys.js'
import { assertSignal, throwIfAborted } from '../device/abort.js'

const SUSPECTS: Record<StageName, StageStep['suspects']> = {
  onnx: 'parsing',
  native: 'parsing',
  quantized: 'quantization',
  chip: 'compilation',
}

/** A stage's outputs for one sample, by the chip's output names. */
type StageRunner = (input: Record<string, Tensor>, source: InputSource | undefined, index: number) => Promise<TensorMap>

const infosOf = (outputs: TensorMap): TensorInfo[] =>
  Object.entries(outputs).map(([name, t]) => ({
    name,
    shape: [...t.shape],
    dtype: t.dtype,
    layout: guessLayout(t.shape),
  }))

/** Rename `outputs` to the chip's output names (pairing by name, else position, else `options.outputs`). */
function byChipNames(model: InferableModel, outputs: TensorMap, map: StagesOptions['outputs']): TensorMap {
  const named: TensorMap = {}
  for (const p of pairOutputs(model.outputs, infosOf(outputs), map)) named[p.model] = outputs[p.reference]!
  return named
}

function checkStages(stages: unknown): asserts stages is Stages {
  if (stages === null || typeof stages !== 'object' || Array.isArray(stages)) {
    throw invalidParameter(
      'stages',
      "an object naming references by stage, e.g. { onnx: 'model.onnx', native: 'dfc/native/', quantized: 'dfc/quantized/' }",
      stages,
    )
  }
  assertKnownKeys(
    'stages',
    stages,
    STAGE_NAMES.filter((s) => s !== 'chip'),
  )
  const given = Object.entries(stages).filter(([, v]) => v !== undefined)
  if (given.length === 0)
    throw new UsageError(
      'E_STAGES_EMPTY',
      'stages is empty: name at least one reference (onnx, native or quantized) to compare the chip with.',
    )
  const { onnx, quantized } = stages as Stages
  if (quantized === 'emulator' && (onnx === undefined || (typeof onnx !== 'string' && !(onnx instanceof Uint8Array)))) {
    throw new UsageError(
      'E_STAGES_EMULATOR',
      "quantized: 'emulator' loads the onnx stage on the emulator device: give onnx as an .onnx path or its bytes.",
    )
  }
}

/**
 * Compare each stage with the one before it and name the first step whose error exceeds `tolerance`.
 *
 * @throws {@link UsageError} for an empty `stages`, a folder stage missing a sample, records that do not
 *   match the samples; {@link InvalidArgumentError} / {@link UnknownNameError} for bad options or outputs
 *   whose names or shapes do not pair — before any inference where it can be told.
 * @example
 * ```ts
 * const result = await runStages(hef, { onnx: 'model.onnx', native: 'dfc/native/', quantized: 'dfc/quantized/' }, {
 *   inputs: 'images/', alls: 'model.alls', tolerance: { cosine: 0.99, steps: 2 },
 * })
 * result.steps[result.firstBroken!]?.suspects // 'quantization'
 * ```
 */
export async function runStages(model: InferableModel, stages: Stages, options: StagesOptions): Promise<StagesResult> {
  assertInferableModel(model, 'expect(model)')
  checkStages(stages)
  if (options === null || typeof options !== 'object')
    throw invalidParameter('toMatchStagesWithin options', 'an object with a tolerance', options)
  assertKnownKeys('toMatchStagesWithin options', options, PARITY_OPTION_KEYS)
  if (options.tolerance === undefined)
    throw new UsageError(
      'E_STAGES_TOLERANCE',
      'toMatchStagesWithin needs a tolerance every step must meet, e.g. { tolerance: { cosine: 0.99, steps: 2 } }.',
    )
  validateTolerance(options.tolerance)
  const { signal } = options
  assertSignal(signal)
  const seed = resolveSeed(options.seed)
  const sources = await listSamples(options)
  const norm = await normalizationsOf(options)
  for (const name of ['native', 'quantized'] as const) {
    const stage = stages[name]
    if (stage !== undefined && stage !== 'emulator') await checkRecordedStage(name, stage, sources.length)
  }
  const opened: { ref?: OpenedReference; device?: Device; emulator?: LoadedModel } = {}
  try {
    const runners = await stageRunners(model, stages, options, norm.specs, opened)
    const names = [...runners.keys()]
    const perStep: ReturnType<typeof compareOutputs>[][] = names.slice(1).map(() => [])
    const maxSteps: (number | undefined)[] = names.slice(1).map(() => undefined)
    const perSample: StagesSampleOutcome[] = []
    // The sample whose first failing step is the earliest kept so far (sample 0 until one fails earlier).
    let exemplar: (StagesExemplar & { firstFailing: number }) | undefined
    for (const [index, { source }] of sources.entries()) {
      throwIfAborted(signal, 'The stages check')
      const input =
        source === undefined
          ? syntheticInputs(syntheticInfos(model.inputs, {}), seed)
          : await resolveInputs(model.inputs, source, options.image === undefined ? {} : { image: options.image })
      const outputs: TensorMap[] = []
      for (const run of runners.values()) outputs.push(await run(input, source, index))
      let firstFailing = names.length
      for (let k = 1; k < names.length; k++) {
        const { actual, expected, quant } = comparable(model, names[k]!, outputs[k]!, outputs[k - 1]!)
        const c = compareOutputs(actual, expected, options.tolerance, { quant })
        perStep[k - 1]!.push(c)
        if (!c.pass) firstFailing = Math.min(firstFailing, k - 1)
        for (const o of Object.values(c.outputs))
          if (o.maxSteps !== undefined) maxSteps[k - 1] = Math.max(maxSteps[k - 1] ?? 0, o.maxSteps.value)
      }
      perSample.push({ held: firstFailing === names.length, outputDigest: digestOutputs(outputs.at(-1)!) })
      if (exemplar === undefined || firstFailing < exemplar.firstFailing)
        exemplar = {
          sample: index,
          input,
          outputs: Object.fromEntries(names.map((n, k) => [n, outputs[k]!])),
          firstFailing,
        }
    }
    const steps: StageStep[] = perStep.map((list, k) => {
      const comparison = aggregateComparisons(list, options.tolerance)
      const maxAbs = Math.max(0, ...Object.values(comparison.outputs).map((o) => o.worst.comparison.maxAbs?.value ?? 0))
      const to = names[k + 1]!
      return {
        from: names[k]!,
        to,
        suspects: SUSPECTS[to],
        comparison,
        maxAbs,
        ...(maxSteps[k] === undefined ? {} : { maxSteps: maxSteps[k] }),
        approximation: stages.quantized === 'emulator' && (names[k] === 'quantized' || to === 'quantized'),
      }
    })
    const firstBroken = steps.findIndex((s) => !s.comparison.pass)
    const { firstFailing: _firstFailing, ...kept } = exemplar!
    return {
      pass: firstBroken === -1,
      steps,
      ...(firstBroken === -1 ? {} : { firstBroken, exemplar: kept }),
      stages: names,
      samples: sources.map((s) => (s.source === undefined ? `synthetic (seed ${seed})` : s.label)),
      perSample,
      seed,
    }
  } finally {
    await opened.emulator?.dispose()
    await opened.device?.dispose()
    await opened.ref?.close()
  }
}

/** Later stage `actual` made comparable to earlier stage `expected`; the chip's outputs are dequantized on the way. */
function comparable(
  model: InferableModel,
  stage: StageName,
  actual: TensorMap,
  expected: TensorMap,
): { actual: TensorMap; expected: TensorMap; quant: Record<string, Quantization | undefined> } {
  const a: TensorMap = {},
    quant: Record<string, Quantization | undefined> = {}
  for (const info of model.outputs) {
    const e = expected[info.name],
      t = actual[info.name]
    if (e === undefined || t === undefined)
      throw new UsageError(
        'E_STAGE_OUTPUT',
        `Output "${info.name}" is missing from the ${e === undefined ? 'earlier' : stage} stage's outputs.`,
      )
    const reconciled = reconcileOutput(
      { model: info.name, reference: info.name, steps: [] },
      stage === 'chip' ? info : { ...info, quant: undefined },
      t,
      e,
    )
    a[info.name] = reconciled.tensor
    quant[info.name] = info.quant
  }
  return { actual: a, expected, quant }
}

async function stageRunners(
  model: InferableModel,
  stages: Stages,
  options: StagesOptions,
  norms: NormalizationSpec[] | undefined,
  opened: { ref?: OpenedReference; device?: Device; emulator?: LoadedModel },
): Promise<Map<StageName, StageRunner>> {
  const runners = new Map<StageName, StageRunner>()
  const sole = model.outputs.length === 1 ? model.outputs[0]!.name : undefined
  const inferOptions = options.signal === undefined ? {} : { signal: options.signal }
  if (stages.onnx !== undefined) {
    const ref = (opened.ref = await openReference(stages.onnx))
    runners.set('onnx', async (input) => {
      const prepared = await referenceInputs(model.inputs, ref.model.inputs, input, norms)
      return byChipNames(model, await ref.model.infer(prepared.inputs, inferOptions), options.outputs)
    })
  }
  for (const name of ['native', 'quantized'] as const) {
    const stage = stages[name]
    if (stage === undefined) continue
    if (stage === 'emulator') {
      const device = (opened.device = await openDevice('emulator'))
      // The load option takes { mean, std } only; an .alls line also carries where it came from.
      const normalization = norms?.length === 1 ? { mean: norms[0]!.mean, std: norms[0]!.std } : undefined
      const emulator = (opened.emulator = await device.load(
        stages.onnx as string | Uint8Array,
        normalization === undefined ? {} : { normalization },
      ))
      // The emulator reads the same file the chip did (or takes the chip's synthetic tensors as they are).
      runners.set(name, async (input, source) => {
        const fed = await resolveInputs(
          emulator.inputs,
          source ?? input,
          options.image === undefined ? {} : { image: options.image },
        )
        return byChipNames(model, await emulator.infer(fed, inferOptions), options.outputs)
      })
      continue
    }
    runners.set(name, async (_input, source, index) =>
      byChipNames(model, await recordedOutputsFor(name, stage, index, source, sole), options.outputs),
    )
  }
  runners.set('chip', async (input) => model.infer(input, inferOptions))
  return runners
}
