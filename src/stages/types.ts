/**
 * Options and result of {@link runStages}: the toolchain's stages on the same inputs — the ONNX model,
 * the Dataflow Compiler's full-precision (`native`) and quantized emulator outputs, the chip — each
 * compared with the stage before it, so the first step that breaks is named. Data only; the matcher
 * `toMatchStagesWithin` says it.
 * @packageDocumentation
 */
import type { DatasetComparison } from '../compare/types.js'
import type { Tolerance } from '../compare/tolerance.js'
import type { InferableModel, NormalizationSpec } from '../device/types.js'
import type { RecordedOutputs } from '../parity/recorded.js'
import type { ParityOptions } from '../parity/types.js'
import type { TensorMap } from '../tensor/types.js'

/** The stages in toolchain order; `chip` is the model under test. */
export const STAGE_NAMES = ['onnx', 'native', 'quantized', 'chip'] as const
/** One stage. */
export type StageName = (typeof STAGE_NAMES)[number]

/**
 * Outputs a stage recorded: a folder holding, per input sample, `<sample>.npy` (a single-output model) or
 * `<sample>/<output>.npy`, where `<sample>` is the input file's name without its extension; or one record of
 * tensors / `.npy` paths by output name (for one input); or one such record per sample, in input order.
 */
export type RecordedStage = string | RecordedOutputs | readonly RecordedOutputs[]

/** The references, by stage. Give at least one. */
export interface Stages {
  /** The ONNX model the HEF was compiled from: an `.onnx` path, its bytes or a loaded model. */
  readonly onnx?: string | Uint8Array | InferableModel
  /** The Dataflow Compiler's full-precision emulator outputs (`InferenceContext.SDK_NATIVE`). */
  readonly native?: RecordedStage
  /**
   * The Dataflow Compiler's quantized emulator outputs (`InferenceContext.SDK_QUANTIZED`), or `'emulator'`:
   * this package's emulator device on the `onnx` model as a stand-in (labelled an approximation: its
   * quantization is calibrated on synthetic inputs, not your calibration set).
   */
  readonly quantized?: RecordedStage | 'emulator'
}

/**
 * Options of {@link runStages}: parity's (the same samples, normalization, seed, signal and image options,
 * documented on {@link ParityOptions}), with the three whose meaning is per step.
 */
export interface StagesOptions extends Omit<ParityOptions, 'tolerance' | 'normalization' | 'outputs'> {
  /** Every criterion given must hold at each step. */
  readonly tolerance: Tolerance
  /**
   * The normalization the chip applies, in pixel units (what the ONNX stage is fed beforehand). Give this or `alls`.
   */
  readonly normalization?: NormalizationSpec
  /** Output pairing `{ chipOutput: stageOutput }`, when the stages name outputs differently. */
  readonly outputs?: Readonly<Record<string, string>>
}

/** One step: a stage compared with the stage before it. */
export interface StageStep {
  readonly from: StageName
  readonly to: StageName
  /** What can have broken at this step, for words: parsing, quantization, compilation / runtime / host. */
  readonly suspects: 'parsing' | 'quantization' | 'compilation'
  readonly comparison: DatasetComparison
  /** Largest |difference| over every output and sample, in output units. */
  readonly maxAbs: number
  /** Largest difference in the chip output's quantization steps, when its quantization is known. */
  readonly maxSteps?: number
  /** True when one side is the emulator device standing in for the Dataflow Compiler's quantized stage. */
  readonly approximation: boolean
}

/** The sample a failure's artifacts show: its input and every stage's outputs, as each stage gave them. */
export interface StagesExemplar {
  /** 0-based index among the samples. */
  readonly sample: number
  readonly input: TensorMap
  /** Each stage's outputs by the chip's output names (the chip's own as it returned them). */
  readonly outputs: Readonly<Partial<Record<StageName, TensorMap>>>
}

/** One sample across every step. */
export interface StagesSampleOutcome {
  /** Every step held on this sample. */
  readonly held: boolean
  /** `digestOutputs` of the chip's outputs on it, so reports from several boards can be compared. */
  readonly outputDigest: string
}

/** The result of {@link runStages}. */
export interface StagesResult {
  readonly pass: boolean
  readonly steps: readonly StageStep[]
  /** Index into `steps` of the first step that fails the tolerance; undefined when all pass. */
  readonly firstBroken?: number
  readonly stages: readonly StageName[]
  /** One label per sample. */
  readonly samples: readonly string[]
  /** One outcome per sample, in the order of `samples`. */
  readonly perSample: readonly StagesSampleOutcome[]
  /**
   * When a step failed: the sample on which the earliest failing step fails (the first sample when no single
   * sample fails it), with its tensors, for the failure's artifacts.
   */
  readonly exemplar?: StagesExemplar
  readonly seed: number
}
