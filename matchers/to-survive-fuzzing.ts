/**
 * `await expect(model).toSurviveFuzzing(options?)`: fast-check searches inputs, encodings and frame
 * orders on the model's own device for a case that breaks a ready-made property, shrinks it, and
 * fails with the smallest one and a token that replays it. The engine (`runFuzz`) computes; this file
 * only validates, chooses the defaults, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(faulty).not.toSurviveFuzzing()` passes when some property fails, and
 * fails, saying how many cases held, when every property held.
 * @packageDocumentation
 */
import { enforceBoardHealth } from './board-health.js'
import type { MatcherState } from 'vitest'
import { getConfig } from '../src/config.js'
import { assertInferableModel } from '../src/device/assert-inferable.js'
import { FUZZ_OPTION_KEYS } from '../src/fuzz/options.js'
import { runFuzz } from '../src/fuzz/run.js'
import { REPLAY_ENV, type FuzzOptions } from '../src/fuzz/types.js'
import { environmentOf, type EnvironmentFingerprint } from '../src/report/environment.js'
import { fuzzDetails } from '../src/report/run-report/from-fuzz.js'
import { assertKnownKeys, invalidParameter } from '../src/validate.js'
import { testContextOf } from './context.js'
import { deviceFact, type ArtifactsOutcome } from './format/footer.js'
import { formatFuzzSummary } from './format/fuzz.js'
import { FUZZ_MATCHER, fuzzMessage } from './format/fuzz-message.js'
import { saveFuzzArtifacts } from './fuzz-artifacts.js'
import { recordCheck, startCheck } from './record-check.js'

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
): Promise<{ pass: boolean; message: () => string }> {
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

  const start = startCheck()
  const test = testContextOf(this)
  const signal = given.signal ?? test.signal
  const seed = given.seed ?? getConfig().seed
  const image = given.image ?? getConfig().image
  // An empty variable is no token: `VITEST_HAILO_REPLAY= npx vitest` must not fail every fuzz test.
  const replay = given.replay ?? (process.env[REPLAY_ENV] || undefined)
  const result = await runFuzz(received, {
    ...given,
    ...(numRuns === undefined ? {} : { numRuns }),
    ...(seed === undefined ? {} : { seed }),
    ...(image === undefined ? {} : { image }),
    ...(signal === undefined ? {} : { signal }),
    ...(replay === undefined ? {} : { replay }),
  })
  const pass = result.passed
  // Vitest leaves isNot undefined (not false) without `.not`.
  const isNot = this.isNot === true
  let artifacts: ArtifactsOutcome | undefined
  let named: ReturnType<typeof deviceFact> = {}
  let environment: EnvironmentFingerprint | undefined
  if (pass === isNot) {
    environment = await environmentOf(received)
    named = deviceFact(environment)
    // A `.not` failure means "every property held": no counterexample to save.
    if (!pass)
      artifacts = await saveFuzzArtifacts(result, { testFile: test.testFile, testName: test.testName }, environment)
  }
  const details = fuzzDetails(result, Date.now() - start.startedAt)
  await recordCheck(this, {
    matcher: FUZZ_MATCHER,
    received,
    held: pass,
    summary: formatFuzzSummary(result),
    details,
    start,
    artifacts,
    environment,
  })
  const bases =
    given.inputs !== undefined
      ? 'the given inputs'
      : given.input !== undefined
        ? 'the given input'
        : "the model's declared inputs"
  const message = (): string =>
    fuzzMessage(this, {
      result,
      withOptions: options !== undefined,
      ...(given.timeBudgetMs === undefined ? {} : { timeBudgetMs: given.timeBudgetMs }),
      generatedFrom: bases,
      artifacts,
      named,
    })
  enforceBoardHealth(result.health, {
    check: FUZZ_MATCHER,
    verdict: formatFuzzSummary(result),
    ...(pass === (this.isNot === true) ? { message } : {}),
  })
  return { pass, message }
}
