/**
 * `await expect(model).toBeDeterministicAcross(n, options)`: run the same input n times; pass when
 * every run gives identical output bytes (or outputs within `tolerance`). The engine
 * (`runDeterminism`) computes; this file only validates, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(faulty).not.toBeDeterministicAcross(20)` passes when the outputs
 * differ, and fails with "all 20 runs gave identical bytes" when they do not.
 *
 * `toBeDeterministicAcross(1)` compares nothing in the process (its outputs are for `vitest-hailo report merge`):
 * it passes with a `console.warn` saying so. Its `.not` could never pass and is refused.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import type { Tolerance } from '../src/compare/tolerance.js'
import { getConfig } from '../src/config.js'
import type { InputSource } from '../src/device/types.js'
import { assertInferableModel } from '../src/device/assert-inferable.js'
import { runDeterminism } from '../src/determinism/run.js'
import type { DeterminismProgress } from '../src/determinism/types.js'
import type { SyntheticShape } from '../src/determinism/synthetic-shape.js'
import { determinismDetails } from '../src/report/run-report/from-determinism.js'
import { validateImageOptions, type ImageOptions } from '../src/inputs/image.js'
import type { InputSamples } from '../src/inputs/samples.js'
import { assertInteger, assertKnownKeys, invalidParameter } from '../src/validate.js'
import { NothingToCompareError } from '../src/errors.js'
import { saveDeterminismArtifacts } from './determinism-artifacts.js'
import { formatDistinctSummary } from './format/determinism.js'
import { DETERMINISM_MATCHER, determinismMessage } from './format/determinism-message.js'
import { formatFlakiness } from './format/flakiness.js'
import { runMatcher, type MatcherVerdict } from './run-matcher.js'
import { formatStoppedDeterminism } from './format/stopped.js'
import { negatedSingleRunWords, singleRunWarning } from './format/single-run.js'
import { DETERMINISM_OPTION_KEYS } from '../src/determinism/option-keys.js'

/** Options of `toBeDeterministicAcross`. */
export interface ToBeDeterministicAcrossOptions {
  /**
   * The one sample every run receives: tensor, typed array, image or `.npy` path, or a record by input name.
   * @defaultValue a seeded synthetic input
   */
  readonly input?: InputSource
  /**
   * Several samples, each run `runs` times on its own: an array of inputs, or a folder of images and `.npy`
   * files (name order). Fails when any sample is not deterministic. Give `input` or `inputs`, not both.
   */
  readonly inputs?: InputSamples
  /** Accept outputs within this tolerance instead of requiring identical bytes. @defaultValue bit-exact */
  readonly tolerance?: Tolerance
  /** Uncounted runs first (per sample). @defaultValue 0 */
  readonly warmup?: number
  /**
   * Seed of the synthetic input and of synthetic interleaved inputs. @defaultValue the plugin's `seed`,
   * `VITEST_HAILO_SEED`, or fresh (printed on failure)
   */
  readonly seed?: number
  /** Interleave other inputs between runs to expose stale buffers (`true`: 2 synthetic inputs). @defaultValue off */
  readonly interleave?: boolean | number | readonly InputSource[]
  /**
   * The shape of synthetic inputs for a model with dynamic dimensions, e.g. `[1, 3, 48, 320]` (or one per
   * input name). Without it a dynamic batch becomes 1 and any other dynamic size is refused.
   * @defaultValue the declared shape, batch 1
   */
  readonly shape?: SyntheticShape
  /** Distinct outputs kept for the report and artifacts. @defaultValue 4 */
  readonly maxExemplars?: number
  /** Abort signal. @defaultValue the test's own signal (aborted when the test times out) */
  readonly signal?: AbortSignal
  /**
   * How image paths are loaded (`input`, `inputs`, `interleave`), e.g. `{ resize: 'cv2-bilinear', channels: 'bgr' }`
   * when goldens were made with OpenCV (see `loadImage`). Replaces, not merges with, the plugin's `image`.
   * @defaultValue the plugin's `image` option, else `loadImage`'s defaults
   */
  readonly image?: ImageOptions
}

/** The engine's options less `runs`, which the matcher takes as its first argument. */
const OPTION_KEYS = DETERMINISM_OPTION_KEYS.filter((key) => key !== 'runs')

/** The matcher, registered by `vitest-hailo/matchers`. */
export async function toBeDeterministicAcross(
  this: MatcherState,
  received: unknown,
  runs: unknown,
  options: ToBeDeterministicAcrossOptions = {},
): Promise<MatcherVerdict> {
  // No count: the run-wide default (plugin option `runs`).
  if (runs === undefined) runs = getConfig().runs
  assertInteger('runs (the first argument of toBeDeterministicAcross)', runs, 1)
  assertInferableModel(received, 'expect(model)')
  if (options === null || typeof options !== 'object')
    throw invalidParameter('toBeDeterministicAcross options', 'an object', options)
  assertKnownKeys('toBeDeterministicAcross options', options, OPTION_KEYS)
  if (options.image !== undefined) validateImageOptions(options.image, 'toBeDeterministicAcross option image')
  if (runs === 1 && this.isNot === true) throw new NothingToCompareError(negatedSingleRunWords())

  const count = runs
  return runMatcher(this, {
    matcher: DETERMINISM_MATCHER,
    received,
    options,
    run: (defaults) => runDeterminism(received, { ...options, runs: count, ...defaults }),
    held: (result) => result.deterministic,
    summary: formatDistinctSummary,
    details: (result) =>
      determinismDetails(result, result.deterministic ? undefined : formatFlakiness(result.flakiness)),
    save: (result, place, environment) => saveDeterminismArtifacts(result, place, environment),
    message: (result, facts) => determinismMessage(this, { runs: count, result, ...facts }),
    warning: (result) => (result.runs === 1 ? singleRunWarning() : undefined),
    stopped: (progress, stop) =>
      formatStoppedDeterminism(progress as DeterminismProgress, { call: `${DETERMINISM_MATCHER}(${count})`, ...stop }),
  })
}
