/**
 * `await expect(hef).toMatchStagesWithin(stages, options)`: the toolchain's stages on the same inputs —
 * ONNX, the Dataflow Compiler's native and quantized emulator outputs, the chip — each compared with the
 * one before it; fails naming the first step whose error exceeds the tolerance. The engine (`runStages`)
 * computes; this file validates and formats.
 *
 * `.not` is refused: "some step breaks" names no step, so it would pass without saying anything useful.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { UsageError } from '../src/errors.js'
import { stagesDetails } from '../src/report/run-report/from-stages.js'
import { runStages } from '../src/stages/run.js'
import type { Stages, StagesOptions } from '../src/stages/types.js'
import { invalidParameter } from '../src/validate.js'
import { formatCriteria } from './format/parity.js'
import { assembleMessage } from './format/message.js'
import { formatStagesBody, formatStagesSummary } from './format/stages.js'
import { runMatcher, type MatcherVerdict } from './run-matcher.js'
import { STAGES_MATCHER, saveStagesArtifacts } from './stages-artifacts.js'

/** Options of `toMatchStagesWithin`: the engine's; `signal` defaults to the test's own, `image` to the plugin's. */
export type ToMatchStagesWithinOptions = StagesOptions

/** The matcher, registered by `vitest-hailo/matchers`. */
export async function toMatchStagesWithin(
  this: MatcherState,
  received: unknown,
  stages: Stages,
  options: ToMatchStagesWithinOptions,
): Promise<MatcherVerdict> {
  if (this.isNot === true) {
    throw new UsageError(
      'E_NOT_UNSUPPORTED',
      '.not.toMatchStagesWithin is refused: "some step breaks" names no step. Assert the step you expect to break on the result of runStages instead.',
    )
  }
  if (options === null || typeof options !== 'object')
    throw invalidParameter('toMatchStagesWithin options', 'an object with a tolerance', options)
  return runMatcher(this, {
    matcher: STAGES_MATCHER,
    received,
    options,
    run: (defaults) => runStages(received as never, stages, { ...options, ...defaults }),
    held: (result) => result.pass,
    summary: formatStagesSummary,
    details: (result, elapsedMs) => stagesDetails(result, options.tolerance, elapsedMs),
    save: (result, place, environment, details) => saveStagesArtifacts(result, details.stages!, place, environment),
    message: (result, { artifacts, named }) =>
      assembleMessage(this, {
        matcher: STAGES_MATCHER,
        expectedArgument: 'stages',
        notSentence: '',
        expected: `every step within ${formatCriteria(options.tolerance)}`,
        received: formatStagesSummary(result),
        failed: !result.pass,
        body: formatStagesBody(result),
        footer: {
          seed: result.seed,
          seedDrove: result.samples.some((s) => s.startsWith('synthetic')) ? ['the synthetic input'] : [],
          ...(artifacts === undefined ? {} : { artifacts }),
          ...named,
        },
      }),
  })
}
