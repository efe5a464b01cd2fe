/**
 * The public contract of the fuzzing engine ({@link runFuzz}): options in, plain data out. The engine
 * runs fast-check properties against a loaded model and returns what it found; the matcher
 * (`toSurviveFuzzing`), the CLI and the artifacts turn that data into words and files.
 * @packageDocumentation
 */
import type { BoardHealth } from '../health/types.js'
import type { OutputsComparison } from '../compare/types.js'
import type { Tolerance } from '../compare/tolerance.js'
import type { ClassPrediction } from '../determinism/classifier.js'
import type { LargestDifference } from '../determinism/difference.js'
import type {
  DeviceInfo,
  InferableModel,
  InputSource,
  LoadedModel,
  NormalizationSpec,
  VStreamFormat,
} from '../device/types.js'
import type { ImageOptions } from '../inputs/image.js'
import type { InputSamples } from '../inputs/samples.js'
import type { ParityReference } from '../parity/types.js'
import type { Tensor, TensorMap } from '../tensor/types.js'

/**
 * Every ready-made property, by name, in the order they run:
 * - `repeatable`: every generated input gives identical bytes over `runs` runs (default 3).
 * - `frame-order`: any schedule of frames gives, for each frame, the output that frame gives alone.
 * - `format-paths`: the same input through a `float32` load and a `raw` load agree within 1 quantization
 *   step of every (dequantized) output. Needs a device with both paths (hailo, emulator, faulty over them).
 * - `encodings`: the same pixels as uint8, as float32 0–255 and host-normalized (where the normalization is
 *   known) give the same top-1 and outputs within 1 step; encodings that must be refused are refused with a
 *   named `UsageError`, and the model answers correctly right after.
 * - `parity`: perturbations of the given inputs match a `reference` within a `tolerance`.
 */
export const PROPERTY_NAMES = ['repeatable', 'frame-order', 'format-paths', 'encodings', 'parity'] as const

/** One ready-made property's name (see {@link PROPERTY_NAMES}). */
export type FuzzPropertyName = (typeof PROPERTY_NAMES)[number]

/** Options of {@link runFuzz}. Every key is validated before the first inference; unknown keys are refused. */
export interface FuzzOptions {
  /**
   * The properties to check, by name. Naming one that does not apply to the model's device is a `UsageError`.
   * @defaultValue every property that applies to the device (the others are reported `not-applicable`)
   */
  readonly properties?: readonly FuzzPropertyName[]
  /** Generated cases per property: an integer ≥ 1. @defaultValue 50 */
  readonly numRuns?: number
  /**
   * Stop generating new cases once this many milliseconds are spent (over all properties); the result says
   * how many cases ran. A number > 0. @defaultValue no budget
   */
  readonly timeBudgetMs?: number
  /**
   * Seed of fast-check's generator (an integer). @defaultValue `VITEST_HAILO_SEED`, else fresh (reported in the result)
   */
  readonly seed?: number
  /**
   * A replay token from an earlier failure ({@link FuzzFailure.token}): runs exactly the failing case of that
   * property first. A token made for another model fingerprint, or malformed, is a `UsageError`.
   * `runFuzz` does not read `VITEST_HAILO_REPLAY`; the matcher passes it here.
   */
  readonly replay?: string
  /**
   * One base input for `perturbation` and `parity` (tensor, typed array, image or `.npy` path, or a record by input
   * name).
   */
  readonly input?: InputSource
  /** Several base inputs (an array, or a folder of images and `.npy` files). Give `input` or `inputs`, not both. */
  readonly inputs?: InputSamples
  /**
   * Concrete shapes for inputs with dynamic dimensions when no `input` / `inputs` settles them: one shape for a
   * single-input model, or a record by input name. A dynamic dimension is never silently 1.
   * @defaultValue the shapes of the first base input
   */
  readonly shape?: readonly number[] | Readonly<Record<string, readonly number[]>>
  /** The reference of `parity`: an `.onnx` path, its bytes, a model, or recorded outputs. Required by `parity`. */
  readonly reference?: ParityReference
  /**
   * The tolerance of `parity`. @defaultValue `{ steps: 1 }` when every output is quantized, else `{ atol: 1e-3, rtol:
   * 1e-3 }`
   */
  readonly tolerance?: Tolerance
  /**
   * The input normalization the model does on the chip, `(x − mean[c]) / std[c]` in pixel units, so `encodings`
   * can also feed host-normalized floats (to the `reference`, or to the model's `.onnx` source on ONNX Runtime).
   * @defaultValue none: host-normalized encodings are not generated
   */
  readonly normalization?: NormalizationSpec
  /** How image paths in `input` / `inputs` are loaded (see `loadImage`). */
  readonly image?: ImageOptions
  /** Stop at once when aborted (the test's signal); the engine then throws `AbortedError`. */
  readonly signal?: AbortSignal
  /** Runs per generated input in `repeatable`: an integer ≥ 2. @defaultValue 3 */
  readonly runs?: number
  /**
   * How `format-paths` (and `frame-order`, for a fresh load per schedule) load another copy of the model in a
   * given vstream format. Disposing it is the engine's job.
   * @defaultValue `model.device.load(model.source, { format })` for a model loaded from a path
   */
  readonly loadVariant?: (format: VStreamFormat | undefined) => Promise<LoadedModel>
}

/** How one property went. */
export interface FuzzPropertyOutcome {
  readonly name: FuzzPropertyName
  /** `not-applicable`: skipped because the device or options cannot support it (see `reason`). */
  readonly status: 'passed' | 'failed' | 'not-applicable'
  /** Generated cases that ran to a verdict (before shrinking). */
  readonly casesRun: number
  /**
   * Of the cases run, those whose outputs were compared, for a property the device may refuse a case of
   * (`format-paths`: the float32 path refuses values that would wrap); the rest were refused. A property
   * that compared fewer than half its cases is a `NothingToCompareError`, never `passed`.
   */
  readonly casesCompared?: number
  /**
   * Set on a `repeatable` or `frame-order` that passed although every case's outputs were byte-identical to the
   * first case's, for inputs that differed (at least two distinct inputs): the answer did not depend on the
   * input, so a self-comparison could not see an input-path fault (a device computing on another buffer). A
   * saturated network (a model fed values far outside its training range: give it its `normalization`) or a
   * detector answering "nothing" to noise does this. Still a pass; the matcher warns.
   */
  readonly sameOutputForEveryInput?: SameOutputForEveryInput
  /** True when `timeBudgetMs` ran out before `numRuns` cases. */
  readonly budgetExhausted: boolean
  /** Why the property was skipped, for `not-applicable`. */
  readonly reason?: string
}

/** A property whose outputs were byte-identical on every case, although the inputs differed. */
export interface SameOutputForEveryInput {
  /** Cases watched (every case of the property): each gave the first case's output bytes. */
  readonly cases: number
  /** Of those, the cases whose input bytes differed from the first case's (≥ 1). */
  readonly differentInputs: number
}

/** What differed in a failing case, between two labelled sides of {@link FuzzFailure.outputs}. */
export interface FuzzDifference {
  /** The two labels compared, `[actual, expected]`, e.g. `['run 2', 'run 1']` or `['float32', 'raw']`. */
  readonly between: readonly [string, string]
  /** The comparison under the property's tolerance (bit-exact for `repeatable`). */
  readonly comparison: OutputsComparison
  /** The single largest element-wise difference and where, when the outputs are not numerically equal. */
  readonly largest?: LargestDifference
  /** Top-1 class and confidence of each classifier-like output on each side, by label then output name. */
  readonly classes: Readonly<Record<string, Readonly<Record<string, ClassPrediction>>>>
  /**
   * Which of its checks the property found broken, when it makes several and the two sides alone do not say it
   * (`encodings`: e.g. `the device does not match its float reference on the same pixels`).
   */
  readonly claim?: string
}

/** An encoding that was accepted when it must be refused, or refused when it must be accepted (`encodings`). */
export interface FuzzRefusal {
  /** The encoding, e.g. `float32 0–1 into uint8`, `NaN`, `wrong size`. */
  readonly encoding: string
  readonly expected: 'refused' | 'accepted'
  /** The error that was thrown, when one was (name, code, message). */
  readonly error?: { readonly name: string; readonly code?: string; readonly message: string }
}

/** The shrunk counterexample of the property that failed, with everything needed to show and replay it. */
export interface FuzzFailure {
  readonly property: FuzzPropertyName
  /** The shrunk case as plain JSON data (descriptions, schedule, encoding), to paste back into a test. */
  readonly counterexample: unknown
  /** Cases that ran until the failure was found (1 on a replay: the token's case). */
  readonly casesRun: number
  /** Shrink steps that succeeded (each a smaller case that still fails). */
  readonly shrinkSteps: number
  /** The replay token: property, fast-check seed and path, model fingerprint (base64url JSON). */
  readonly token: string
  /** The fast-check seed and path of the shrunk case (also inside `token`). */
  readonly seed: number
  readonly path: string
  /** The counterexample's inputs as tensors, by label (e.g. `frame 1`, `uint8`), then input name. */
  readonly inputs: Readonly<Record<string, Readonly<Record<string, Tensor>>>>
  /** Outputs by label (e.g. `run 1`, `alone`, `in schedule`, `float32`, `raw`, `reference`). */
  readonly outputs: Readonly<Record<string, TensorMap>>
  /** What differed, when the failure is a difference between outputs. */
  readonly difference?: FuzzDifference
  /** What was wrongly accepted or refused, when the failure is about an encoding (`encodings`). */
  readonly refusal?: FuzzRefusal
  /** An unexpected error thrown by the case (name, code, message), when that was the failure. */
  readonly error?: { readonly name: string; readonly code?: string; readonly message: string }
}

/** How the case of a replay token went. */
export interface FuzzReplayOutcome {
  /** The token's property. */
  readonly property: FuzzPropertyName
  /**
   * True when the token's case failed again. False when it held: the failure did not reproduce (the bug is
   * fixed, or the failure depended on something outside the case); no other case of the property ran.
   */
  readonly reproduced: boolean
}

/** What {@link runFuzz} found. */
export interface FuzzResult {
  /** Every selected property held on every case that ran. */
  readonly passed: boolean
  /** The fast-check seed in force (given, `VITEST_HAILO_SEED`, or fresh). */
  readonly seed: number
  readonly numRuns: number
  /** The model's fingerprint, when it has one (`LoadedModel.fingerprint()`). */
  readonly fingerprint?: string
  /** The device the model ran on, when it is a `LoadedModel`. */
  readonly device?: DeviceInfo
  /** True when the run started from a replay token. */
  readonly replayed: boolean
  /** How the token's case went, when the run started from a replay token. */
  readonly replay?: FuzzReplayOutcome
  /** One outcome per property, in {@link PROPERTY_NAMES} order. */
  readonly properties: readonly FuzzPropertyOutcome[]
  /** The first property that failed, shrunk; absent when `passed`. */
  readonly failure?: FuzzFailure
  /**
   * The board's health over this check (temperature before / after / max, throttling, the board's own
   * events with the inference each arrived during). Only on a device that watches its board (`hailo`).
   */
  readonly health?: BoardHealth
}

/** The environment variable the matcher reads a replay token from (`VITEST_HAILO_REPLAY=<token>`). */
export const REPLAY_ENV = 'VITEST_HAILO_REPLAY'

/**
 * The signature of `runFuzz` (in `src/fuzz/run.ts`): a `LoadedModel` gets every property that applies to its
 * device; a bare {@link InferableModel} gets those that need no second load (`repeatable`, `encodings`, `parity`).
 * Throws `UsageError` for bad options before any inference; a property that fails is data in the result, not a throw.
 * @example
 * ```ts
 * const result = await runFuzz(model, { numRuns: 20, seed: 7 })
 * if (!result.passed) console.log(result.failure?.token)
 * ```
 */
export type RunFuzz = (model: LoadedModel | InferableModel, options?: FuzzOptions) => Promise<FuzzResult>
