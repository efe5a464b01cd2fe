/**
 * `await expect(model).toMatchOnnxWithin(reference, options)`: the same input bytes through the model
 * and through its ONNX reference (onnxruntime-node), every output within the tolerance. The engine
 * (`runParity`) computes; this file only validates, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(shifted).not.toMatchOnnxWithin(ref, { tolerance })` passes when some
 * output is outside the tolerance, and fails, with the numbers, when every output is within it.
 * @packageDocumentation
 */
import { enforceBoardHealth } from './board-health.js'
import type { MatcherState } from 'vitest'
import { getConfig } from '../src/config.js'
import { runParity } from '../src/parity/run.js'
import type { ParityOptions, ParityProgress, ParityReference, ParityResult } from '../src/parity/types.js'
import { CheckAbortedError } from '../src/errors.js'
import { environmentOf, type EnvironmentFingerprint } from '../src/report/environment.js'
import { parityDetails } from '../src/report/run-report/from-parity.js'
import { invalidParameter } from '../src/validate.js'
import { testContextOf } from './context.js'
import { saveParityArtifacts } from './parity-artifacts.js'
import { deviceFact, type ArtifactsOutcome } from './format/footer.js'
import { formatParitySummary } from './format/parity.js'
import { PARITY_MATCHER, parityMessage } from './format/parity-message.js'
import { recordCheck, startCheck } from './record-check.js'
import { abortReason, watchForStop } from './stopped-check.js'
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
): Promise<{ pass: boolean; message: () => string }> {
  if (options === null || typeof options !== 'object') {
    throw invalidParameter(
      'toMatchOnnxWithin options',
      'an object with a tolerance, e.g. { tolerance: { top1: true } }',
      options,
    )
  }
  const start = startCheck()
  const test = testContextOf(this)
  const signal = options.signal ?? test.signal
  const seed = options.seed ?? getConfig().seed
  const image = options.image ?? getConfig().image
  const watch = watchForStop(this)
  let result: ParityResult
  try {
    result = await runParity(received as never, reference, {
      ...options,
      ...(seed === undefined ? {} : { seed }),
      ...(image === undefined ? {} : { image }),
      ...(signal === undefined ? {} : { signal }),
    })
  } catch (error) {
    if (!(error instanceof CheckAbortedError)) {
      watch.done()
      throw error
    }
    // Stopped part-way: fail with what the compared samples showed (also after Vitest's own timeout, see
    // stopped-check.ts).
    const message = formatStoppedParity(error.progress as ParityProgress, {
      call: `${PARITY_MATCHER}(…)`,
      timeoutMs: signal === test.signal ? watch.timeoutMs : undefined,
      reason: abortReason(signal),
    })
    watch.stopped(message)
    return { pass: this.isNot === true, message: () => message }
  }
  watch.done()
  const pass = result.pass
  // Vitest leaves isNot undefined (not false) without `.not`.
  const isNot = this.isNot === true
  let artifacts: ArtifactsOutcome | undefined
  let named: ReturnType<typeof deviceFact> = {}
  let environment: EnvironmentFingerprint | undefined
  if (pass === isNot) {
    environment = await environmentOf(received)
    named = deviceFact(environment)
    // A `.not` failure means "everything matched": nothing worth saving.
    if (!pass)
      artifacts = await saveParityArtifacts(result, { testFile: test.testFile, testName: test.testName }, environment)
  }
  const details = parityDetails(result, Date.now() - start.startedAt)
  await recordCheck(this, {
    matcher: PARITY_MATCHER,
    received,
    held: pass,
    summary: formatParitySummary(result),
    details,
    start,
    artifacts,
    environment,
  })
  const message = (): string => parityMessage(this, { result, artifacts, named })
  enforceBoardHealth(result.health, {
    check: PARITY_MATCHER,
    verdict: formatParitySummary(result),
    ...(pass === isNot ? { message } : {}),
  })
  return { pass, message }
}
