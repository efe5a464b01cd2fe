/**
 * Options and result of {@link diagnose}: probes that ask a model which input mistake it suffers from.
 * The result is data (codes and the numbers behind them); `words.ts` turns a cause into sentences.
 * @packageDocumentation
 */
import type { InferableModel, InputSource, NormalizationSpec } from '../device/types.js'
import type { ImageOptions } from '../inputs/image.js'

/** Every probe, in the order they run. */
export const PROBE_NAMES = ['previous-frame', 'normalization', 'format', 'quantization'] as const
/** One probe. */
export type ProbeName = (typeof PROBE_NAMES)[number]

/** Options of {@link diagnose}. */
export interface DiagnoseOptions {
  /**
   * The model the device's model was compiled from (an `.onnx` path, its bytes, or a loaded model), taking the
   * input as the original framework did (normalized floats). Needed by the normalization, format and
   * quantization probes; without it only the previous-frame probe runs.
   */
  readonly reference?: string | Uint8Array | InferableModel
  /** The normalization the pipeline is meant to apply once, in pixel units. Give this or `alls`. */
  readonly normalization?: NormalizationSpec
  /** The Dataflow Compiler model script (`.alls`) to read `normalization([...],[...])` from. */
  readonly alls?: string
  /**
   * The input your application feeds (an image path, a tensor…): the format probe says whether its
   * encoding is one the model understands. @defaultValue none: only synthetic probes
   */
  readonly input?: InputSource
  /** How image paths are loaded (see `loadImage`). */
  readonly image?: ImageOptions
  /** Probes to run. @defaultValue every probe that applies */
  readonly probes?: readonly ProbeName[]
  /** Seed of the synthetic probe images. @defaultValue `VITEST_HAILO_SEED` or fresh (reported) */
  readonly seed?: number
  readonly signal?: AbortSignal
}

/**
 * How sure a cause is: `strong` — the probe's evidence leaves no other reading; `likely`; `possible` — a hazard worth
 * checking.
 */
export type Confidence = 'strong' | 'likely' | 'possible'

/** What a probe can find. */
export type CauseCode =
  | 'output-follows-previous-input'
  | 'first-run-differs'
  | 'not-repeatable'
  | 'normalization-missing'
  | 'normalization-twice'
  | 'format-path-broken'
  | 'input-encoding-not-understood'
  | 'float-input-cast-to-integers'
  | 'outputs-not-dequantized'
  | 'outputs-dequantized-wrongly'

/** One ranked cause: a code, the probe that found it, and the numbers it rests on. */
export interface Cause {
  readonly code: CauseCode
  readonly probe: ProbeName
  readonly confidence: Confidence
  /** The facts behind it (numbers, output and encoding names), for words and reports. */
  readonly facts: Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>
}

/** The ways one set of pixels can reach a float input. */
export type Encoding = 'uint8' | 'float 0–255' | 'float 0–1' | 'host-normalized'

/** How well the device's outputs for one encoding matched the reference on the same pixels. */
export interface EncodingScore {
  readonly encoding: Encoding
  /** Mean signal-to-noise ratio over probe images and outputs, dB (capped at 100). */
  readonly snrDb: number
  /** Fraction of probe images whose top-1 class agreed (classifier outputs), else undefined. */
  readonly top1?: number
  readonly understood: boolean
}

/** How well each hypothesis of "normalization applied h times" explains the device's outputs. */
export interface NormalizationScore {
  readonly times: 0 | 1 | 2
  readonly snrDb: number
}

/** What one probe did. */
export type ProbeOutcome =
  | { readonly probe: ProbeName; readonly status: 'not-applicable'; readonly reason: string }
  | {
      readonly probe: ProbeName
      readonly status: 'ran'
      /** Inferences the probe made. */
      readonly inferences: number
      readonly normalization?: readonly NormalizationScore[]
      readonly encodings?: readonly EncodingScore[]
    }

/** The result of {@link diagnose}. */
export interface Diagnosis {
  /** Causes, most certain first; empty when no probe found anything. */
  readonly causes: readonly Cause[]
  readonly probes: readonly ProbeOutcome[]
  readonly seed: number
  /** Where the normalization came from, when known. */
  readonly normalizationSource?: string
}
