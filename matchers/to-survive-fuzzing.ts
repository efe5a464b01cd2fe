/**
 * `await expect(model).toSurviveFuzzing(options?)`: fast-check searches inputs, encodings and frame
 * orders on the model's own device for a case that breaks a ready-made property, shrinks it, and
 * fails with the smallest one and a token that replays it. The engine (`runFuzz`) computes; this file
 * only validates, chooses the defaults, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(faulty).not.toSurviveFuzzing()` passes when some property fails, and
 * fails, saying how many cases held, when every property held.
 *
 * A pass whose self-comparisons got the same output bytes for every input (the engine's
 * `sameOutputForEveryInput`) stays a pass, with a `console.warn` saying it proved nothing about the input path.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { getConfig } from '../src/config.js'
import { assertInferableModel } from '../src/device/assert-inferable.js'
import { FUZZ_OPTION_KEYS } from '../src/fuzz/options.js'
import { runFuzz } from '../src/fuzz/run.js'
import { REPLAY_ENV, type FuzzOptions } from '../src/fuzz/types.js'
import { fuzzDetails } from '../src/report/run-report/from-fuzz.js'
import { assertKnownKeys, invalidParameter } from '../src/validate.js'
import { formatFuzzSummary, generatedFromWords } from './format/fuzz.js'
import { FUZZ_MATCHER, fuzzMessage } from './format/fuzz-message.js'
import { sameOutputWarning } from './format/same-output.js'
import { saveFuzzArtifacts } from './fuzz-artifacts.js'
import { runMatcher, type MatcherVerdict } from './run-matcher.js'

/**
 * Options of `toSurviveFuzzing`: those of the fuzz engine. `numRuns` defaults to the plugin's `fuzzRuns`
 * (else 50), `seed` to the plugin's `seed` / `VITEST_HAILO_SEED`, `replay` to `VITEST_HAILO_REPLAY`,
 * `signal` to the test's own and `image` to the plugin's `image` option.
 */
export type ToSurviveFuzzingOptions = FuzzOptions

/** The matcher, registered by `vitest-hailo/matchers`. */
export async function toSurviveFuzzing(
  this: MatcherState,
  received: unknown,
  options: ToSurviveFuzzingOptions | undefined,
): Promise<MatcherVerdict> {
  assertInferableModel(received, 'expect(model)')
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw invalidParameter(
      `${FUZZ_MATCHER} options`,
      "an object, e.g. { properties: ['frame-order'], numRuns: 100 }",
      options,
    )
  }
  const given = options ?? {}
  // Named after the matcher here; the engine checks every value before its first inference.
  assertKnownKeys(`${FUZZ_MATCHER} options`, given, FUZZ_OPTION_KEYS)
  const numRuns = given.numRuns ?? getConfig().fuzzRuns

  // An empty variable is no token: `VITEST_HAILO_REPLAY= npx vitest` must not fail every fuzz test.
  const replay = given.replay ?? (process.env[REPLAY_ENV] || undefined)
  const bases = generatedFromWords(given)
  return runMatcher(this, {
    matcher: FUZZ_MATCHER,
    received,
    options: given,
    run: (defaults) =>
      runFuzz(received, {
        ...given,
        ...(numRuns === undefined ? {} : { numRuns }),
        ...defaults,
        ...(replay === undefined ? {} : { replay }),
      }),
    held: (result) => result.passed,
    summary: formatFuzzSummary,
    details: fuzzDetails,
    save: (result, place, environment) => saveFuzzArtifacts(result, place, environment),
    warning: (result) => {
      const words = sameOutputWarning(result)
      return words === undefined ? undefined : `vitest-hailo: ${FUZZ_MATCHER}: ${words}`
    },
    message: (result, facts) =>
      fuzzMessage(this, {
        result,
        withOptions: options !== undefined,
        ...(given.timeBudgetMs === undefined ? {} : { timeBudgetMs: given.timeBudgetMs }),
        generatedFrom: bases,
        ...facts,
      }),
  })
}
