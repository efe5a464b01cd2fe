/**
 * `await expect(model).toMatchOnnxWithin(reference, options)`: the same input bytes through the model
 * and through its ONNX reference (onnxruntime-node), every output within the tolerance. The engine
 * (`runParity`) computes; this file only validates, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(shifted).not.toMatchOnnxWithin(ref, { tolerance })` passes when some
 * output is outside the tolerance, and fails, with the numbers, when every output is within it.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { runParity } from '../src/parity/run.js'
import type { ParityOptions, ParityProgress, ParityReference } from '../src/parity/types.js'
import { parityDetails } from '../src/report/run-report/from-parity.js'
import { invalidParameter } from '../src/validate.js'
import { saveParityArtifacts } from './parity-artifacts.js'
import { formatParitySummary } from './format/parity.js'
import { PARITY_MATCHER, parityMessage } from './format/parity-message.js'
import { runMatcher, type MatcherVerdict } from './run-matcher.js'
import { formatStoppedParity } from './format/stopped.js'

/**
 * Options of `toMatchOnnxWithin`: those of the parity engine; `signal` defaults to the test's own and
 * `image` to the plugin's `image` option (an explicit `image` replaces it).
 */
export type ToMatchOnnxWithinOptions = ParityOptions

/** The matcher, registered by `vitest-hailo/matchers`. */
export async function toMatchOnnxWithin(
  this: MatcherState,
  received: unknown,
  reference: ParityReference,
  options: ToMatchOnnxWithinOptions,
): Promise<MatcherVerdict> {
  if (options === null || typeof options !== 'object') {
    throw invalidParameter(
      'toMatchOnnxWithin options',
      'an object with a tolerance, e.g. { tolerance: { top1: true } }',
      options,
    )
  }
  return runMatcher(this, {
    matcher: PARITY_MATCHER,
    received,
    options,
    run: (defaults) => runParity(received as never, reference, { ...options, ...defaults }),
    held: (result) => result.pass,
    summary: formatParitySummary,
    details: parityDetails,
    save: (result, place, environment) => saveParityArtifacts(result, place, environment),
    message: (result, facts) => parityMessage(this, { result, ...facts }),
    stopped: (progress, stop) =>
      formatStoppedParity(progress as ParityProgress, { call: `${PARITY_MATCHER}(…)`, ...stop }),
  })
}
