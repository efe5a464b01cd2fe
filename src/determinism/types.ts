/**
 * Options and result of the determinism engine. The result is data only: the matcher, the CLI and the
 * reporter each turn it into words.
 * @packageDocumentation
 */
import type { BoardHealth } from '../health/types.js'
import type { Tolerance } from '../compare/tolerance.js'
import type { InputSource } from '../device/types.js'
import type { EffectiveImageOptions, ImageOptions } from '../inputs/image.js'
import type { InputSamples } from '../inputs/samples.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import type { ClassPrediction } from './classifier.js'
import type { LargestDifference } from './difference.js'
import type { FlakinessBound } from './flakiness.js'
import type { RunSet } from './run-set.js'
import type { RunTiming } from './timing.js'
import type { SyntheticShape } from './synthetic-shape.js'
import type { OtherRunsTop1 } from './top1-trace.js'

/** Options of {@link runDeterminism}. */
export interface DeterminismOptions {
  /** How many runs to compare (warm-up excluded). An integer ≥ 1. */
  readonly runs: number
  /**
   * The one sample every run receives: a tensor, typed array, image or `.npy` path, or a record by input
   * name (multi-input models). @defaultValue a seeded synthetic input
   */
  readonly input?: InputSource
  /**
   * Several samples, each checked on its own (`runs` runs and `warmup` of its own, one after the other):
   * an array of inputs (each anything `input` accepts), or the path of a folder whose images and `.npy`
   * files are taken in name order. Deterministic only when every sample is. Give `input` or `inputs`, not both.
   */
  readonly inputs?: InputSamples
  /** Compare within a tolerance instead of bit for bit. @defaultValue bit-exact */
  readonly tolerance?: Tolerance
  /** Runs before the counted ones (per sample), not compared (caches, clocks, first-use allocation). @defaultValue 0 */
  readonly warmup?: number
  /**
   * Seed of the synthetic input used when no input is given, and of synthetic interleaved inputs. @defaultValue
   * `VITEST_HAILO_SEED` or fresh
   */
  readonly seed?: number
  /** Stop at once when aborted (the test's signal); the engine then throws `AbortedError`. */
  readonly signal?: AbortSignal
  /**
   * Run other inputs between the counted runs to expose stale buffers: `true` (2 synthetic inputs),
   * a count of synthetic inputs, or the inputs themselves. Each counted run follows one of them in turn.
   * @defaultValue no interleaving
   */
  readonly interleave?: boolean | number | readonly InputSource[]
  /**
   * The shape of synthetic inputs (no `input`, or `interleave: true` / a count), for a model with dynamic
   * dimensions: one shape (single-input model) or one per input name, e.g. `[1, 3, 48, 320]`. A leading
   * dynamic batch becomes 1 without it; other dynamic sizes need it (or a given input, whose shape
   * interleaved inputs then take). @defaultValue the declared shape, batch 1
   */
  readonly shape?: SyntheticShape
  /**
   * Distinct outputs whose bytes are kept (for comparison and artifacts); further ones are only counted. @defaultValue
   * 4
   */
  readonly maxExemplars?: number
  /**
   * How image paths (in `input`, `inputs` and `interleave`) are loaded, e.g. `{ resize: 'cv2-bilinear', channels: 'bgr'
   * }`
   * for goldens made with OpenCV (see `loadImage`). @defaultValue `loadImage`'s defaults
   */
  readonly image?: ImageOptions
}

/** How the outputs behaved over the runs. */
export type DeterminismPattern =
  /** Every run gave the same output. */
  | 'deterministic'
  /** Run 1 differs; every later run agrees (uninitialized state, lazy setup). */
  | 'first-run-only'
  /** Two outputs taking turns (double buffering gone wrong). */
  | 'alternating'
  /** The output follows the input run before it (stale buffer); detected with `interleave`. */
  | 'depends-on-previous-input'
  /** Every run differs from every other, over at least 4 runs (noise, uninitialized memory). */
  | 'random'
  /** Outputs move away from the first one, step by step, never coming back (heat, accumulating state). */
  | 'drift'
  /** One output nearly always; rare runs differ. */
  | 'sporadic'
  /** Several outputs with none of the shapes above. */
  | 'mixed'

/** One distinct output and the runs that gave it. */
export interface DeterminismGroup {
  /** 1-based, in order of first appearance; group 1 is run 1's output. */
  readonly id: number
  /** The runs that gave this output. */
  readonly runs: RunSet
  /** The first run that gave it. */
  readonly firstRun: number
  /** The output itself (a copy the engine owns). */
  readonly outputs: TensorMap
  /** Top-1 class and confidence of every classifier-like output, by output name. */
  readonly predictions: Readonly<Record<string, ClassPrediction>>
  /**
   * Largest element-wise difference from the majority group's output (absent for the majority itself or when
   * numerically equal).
   */
  readonly differenceFromMajority?: LargestDifference
}

/** Runs whose output matched none of the kept exemplars: counted, not stored. */
export interface OtherRuns {
  readonly runs: RunSet
  /** Distinct outputs among them, told apart by a hash of their bytes. */
  readonly distinctBytes: number
  /** The top-1 class of each of them, when an output is a classifier (bounded: see `Top1Trace`). */
  readonly top1?: OtherRunsTop1
}

/** One sample's verdict in a check over several samples: what it did, without its tensors. */
export interface DeterminismSampleVerdict {
  /** 0-based position among the samples. */
  readonly index: number
  /** What the sample was: a path, `sample 2 (tensor)`, `synthetic (seed 42)`. */
  readonly label: string
  readonly deterministic: boolean
  readonly distinctOutputs: number
  readonly pattern: DeterminismPattern
  /**
   * The kept distinct outputs: which runs gave each, its top-1 class per classifier output, and a digest
   * of its bytes (`digestOutputs`) so reports from several boards can be compared without the bytes.
   */
  readonly groups: readonly (Pick<DeterminismGroup, 'id' | 'runs' | 'predictions'> & { readonly digest: string })[]
  /** Runs whose output matched none of the kept ones, when there were any. */
  readonly other?: OtherRuns
  readonly flakiness: FlakinessBound
}

/**
 * What {@link runDeterminism} found. With several samples, `deterministic` and `samples` cover them all
 * and every other per-run field describes sample `sample`: the first non-deterministic one (else the first).
 */
export interface DeterminismResult {
  /** True when every run gave the same output (bit for bit, or within the tolerance), for every sample. */
  readonly deterministic: boolean
  /** The image options every image file was loaded with (defaults filled in); absent when no image file was read. */
  readonly image?: EffectiveImageOptions
  /** Counted runs per sample. */
  readonly runs: number
  readonly warmup: number
  /** `bytes`: bit-exact; `tolerance`: runs within the tolerance of a group's first output join it. */
  readonly mode: 'bytes' | 'tolerance'
  readonly tolerance?: Tolerance
  /** The seed in force; what it drove is `syntheticInput` and `syntheticInterleaved` (possibly nothing). */
  readonly seed: number
  /** True when no input was given and the seed made the synthetic input. */
  readonly syntheticInput: boolean
  /** True when the seed made the interleaved inputs (`interleave: true` or a count). */
  readonly syntheticInterleaved: boolean
  /** Every sample's verdict, in order (one entry for `input` or the synthetic input). */
  readonly samples: readonly DeterminismSampleVerdict[]
  /** Index in `samples` of the sample the fields below describe. */
  readonly sample: number
  /** That sample's input, resolved to tensors by input name. */
  readonly input: Readonly<Record<string, Tensor>>
  /** How many different inputs were interleaved (0 when not). */
  readonly interleaved: number
  /** Number of distinct outputs (groups, plus distinct "other" outputs). */
  readonly distinctOutputs: number
  /** The distinct outputs kept, in order of first appearance (at most `maxExemplars`). */
  readonly groups: readonly DeterminismGroup[]
  /** Runs beyond the kept exemplars, when there were any. */
  readonly other?: OtherRuns
  /** The group most runs agree on (the reference for differences and flakiness). */
  readonly majorityGroup: number
  /** First run whose output differs from run 1's, if any. */
  readonly firstDivergentRun?: number
  /** The largest element-wise difference between a kept group and the majority group, and where. */
  readonly largestDifference?: LargestDifference & { readonly group: number; readonly referenceGroup: number }
  readonly pattern: DeterminismPattern
  /** Bounds on how often a run differs from the majority output. */
  readonly flakiness: FlakinessBound
  readonly timing: RunTiming
  /**
   * The board's health over this check (temperature before / after / max, throttling, the board's own
   * events with the inference each arrived during). Only on a device that watches its board (`hailo`).
   */
  readonly health?: BoardHealth
}

/**
 * How far a determinism check had got when its signal stopped it; carried by the
 * `CheckAbortedError` that `runDeterminism` throws then, so the matcher can still say what was seen.
 */
export interface DeterminismProgress {
  /** Counted runs asked, per sample. */
  readonly runs: number
  /** Counted runs completed of the sample that was running when the check stopped. */
  readonly completedRuns: number
  /** Samples fully checked before it. */
  readonly samplesDone: number
  /** Samples in the check. */
  readonly samples: number
  /** Since the check started (warm-up and input loading included). */
  readonly elapsedMs: number
  /**
   * The completed runs of the running sample (plus the verdicts of the samples done), summarized as a
   * full result would be, with `runs` = the runs completed. Absent when not one counted run completed.
   */
  readonly partial?: DeterminismResult
}
