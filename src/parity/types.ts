/**
 * Options and result of the parity engine ({@link runParity}): the model under test against an ONNX
 * reference on the same input bytes. The result is data; the matcher turns it into words.
 * @packageDocumentation
 */
import type { BoardHealth } from '../health/types.js'
import type { DatasetComparison, OutputsComparison } from '../compare/types.js'
import type { Tolerance } from '../compare/tolerance.js'
import type { InferableModel, InputSource, NormalizationSpec } from '../device/types.js'
import type { NormalizationMismatch } from './normalization.js'
import type { EffectiveImageOptions, ImageOptions } from '../inputs/image.js'
import type { InputSamples } from '../inputs/samples.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import type { RecordedOutputs } from './recorded.js'

/**
 * The reference: a path to an `.onnx` file, its bytes, a model already loaded (any {@link InferableModel}),
 * or outputs recorded for the one given input, by output name (tensors or `.npy` paths, e.g. the
 * Dataflow Compiler emulator's SDK_NATIVE / SDK_QUANTIZED outputs).
 */
export type ParityReference = string | Uint8Array | InferableModel | RecordedOutputs

/** Options of {@link runParity}. */
export interface ParityOptions {
  /** Every criterion given must hold for every output (see `Tolerance`). Required: parity always needs a bound. */
  readonly tolerance: Tolerance
  /**
   * One sample: tensor, typed array, image or `.npy` path, or a record by input name. @defaultValue a seeded synthetic
   * input
   */
  readonly input?: InputSource
  /**
   * Several samples, judged as a dataset: an array of inputs (each anything `input` accepts), or the path of
   * a folder whose images (`.png`, `.jpg`, `.jpeg`, `.webp`, `.gif`, `.tif`, `.tiff`, `.avif`) and `.npy` files
   * are taken in name order. Give `input` or `inputs`, not both. A record by input name is one sample: `input`.
   */
  readonly inputs?: InputSamples
  /**
   * The input normalization the model under test does on the chip, `(x − mean[c]) / std[c]` in pixel units.
   * The model gets the raw pixels; the reference gets them normalized. Give this or `alls`, not both.
   */
  readonly normalization?: NormalizationSpec
  /** Path of the Dataflow Compiler model script (`.alls`) to read the normalization from. */
  readonly alls?: string
  /**
   * Output pairing, `{ modelOutput: referenceOutput }`. Without it outputs pair by name when every name
   * exists on both sides, else by order when both have as many.
   */
  readonly outputs?: Readonly<Record<string, string>>
  /** Seed of the synthetic input. @defaultValue `VITEST_HAILO_SEED` or fresh (reported) */
  readonly seed?: number
  /** Stop at once when aborted (the test's signal). */
  readonly signal?: AbortSignal
  /**
   * How image paths in `input` / `inputs` are loaded, e.g. `{ resize: 'cv2-bilinear', channels: 'bgr' }` for goldens
   * made with OpenCV (see `loadImage`). Loaded once: the reference gets the same pixels, normalized as asked.
   * @defaultValue `loadImage`'s defaults
   */
  readonly image?: ImageOptions
}

/** How one output pair was made comparable. */
export interface OutputPairing {
  /** Output name on the model under test; comparisons and `perOutput` use this name. */
  readonly model: string
  /** Output name on the reference. */
  readonly reference: string
  /**
   * What was done to the model's output before comparing, in order (e.g. `dequantized (scale 0.1, zero point 128)`).
   */
  readonly steps: readonly string[]
}

/** What was done to one sample's input to feed the reference. */
export interface InputPreparation {
  /** Input name on the model under test. */
  readonly model: string
  /** Input name on the reference. */
  readonly reference: string
  readonly steps: readonly string[]
}

/** One compared sample. */
export interface ParitySample {
  /** 0-based position among the samples. */
  readonly index: number
  /** What the sample was: a path, `tensor`, `synthetic (seed 42)`. */
  readonly label: string
  readonly comparison: OutputsComparison
  /**
   * `digestOutputs` of the model's own outputs, as it returned them (before reconciliation): what a board gave for this
   * input.
   */
  readonly outputDigest: string
}

/** The tensors of the sample kept for the failure artifacts (the worst one). */
export interface ParityExemplar {
  readonly sample: number
  /** The input as the model under test received it. */
  readonly input: Readonly<Record<string, Tensor>>
  /** The input as the reference received it (normalized, transposed…). */
  readonly referenceInput: Readonly<Record<string, Tensor>>
  /** The model's outputs after reconciliation, by model output name. */
  readonly actual: TensorMap
  /** The reference's outputs, by model output name. */
  readonly expected: TensorMap
  /** `actual − expected` (float32) for every output both sides give with the same size. */
  readonly difference: TensorMap
}

/** The result of {@link runParity}. */
export interface ParityResult {
  /** Every criterion held for every output over every sample. */
  readonly pass: boolean
  readonly tolerance: Tolerance
  /** The dataset verdict (also for a single sample: one sample's dataset). */
  readonly verdict: DatasetComparison
  readonly samples: readonly ParitySample[]
  readonly outputs: readonly OutputPairing[]
  readonly inputs: readonly InputPreparation[]
  /** Where the normalization came from, when one was applied (`normalization option`, or the `.alls` path and line). */
  readonly normalizationSource?: string
  /**
   * Present when the model was loaded (on `onnx` / `emulator`) with another normalization than the reference input got.
   */
  readonly normalizationMismatch?: NormalizationMismatch
  readonly seed: number
  /** True when no input was given and a seeded synthetic input was used. */
  readonly syntheticInput: boolean
  /** The image options every image file was loaded with (defaults filled in); absent when no image file was read. */
  readonly image?: EffectiveImageOptions
  /** The failing (or, when all pass, the worst) sample's tensors, for artifacts. */
  readonly exemplar: ParityExemplar
  /** The reference's description: a path, `<bytes>`, or `model`. */
  readonly referenceLabel: string
  /**
   * The board's health over this check (temperature before / after / max, throttling, the board's own
   * events with the inference each arrived during). Only on a device that watches its board (`hailo`).
   */
  readonly health?: BoardHealth
}

/**
 * How far a parity check had got when its signal stopped it; carried by the `CheckAbortedError`
 * that `runParity` throws then, so the matcher can still say what was seen.
 */
export interface ParityProgress {
  /** Samples compared in full. */
  readonly samplesDone: number
  /** Of those, the ones within the tolerance. */
  readonly samplesPassed: number
  /** Samples in the check. */
  readonly samples: number
  /** Since the check started (opening the reference included). */
  readonly elapsedMs: number
}
