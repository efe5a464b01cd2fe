/**
 * The steps every check matcher takes around its engine, written once: note the call, fill the run-wide
 * defaults (the test's signal, the plugin's seed and image options), run the engine, turn a stop part-way
 * into a failure that says how far it got, read the environment and save artifacts only when the
 * assertion fails, record the check for the run report, apply the plugin's `health` option, and hand
 * Vitest the verdict and a lazy message.
 * Each matcher keeps what is its own: validation, which engine, and its words.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { getConfig } from '../src/config.js'
import type { ImageOptions } from '../src/inputs/image.js'
import { CheckAbortedError } from '../src/errors.js'
import { environmentOf, type EnvironmentFingerprint } from '../src/report/environment.js'
import type { CheckDetails } from '../src/report/run-report/check-details.js'
import type { BoardHealth } from '../src/health/types.js'
import { enforceBoardHealth } from './board-health.js'
import { testContextOf } from './context.js'
import { deviceFact, type ArtifactsOutcome } from './format/footer.js'
import type { StopContext } from './format/stopped.js'
import { recordCheck, startCheck } from './record-check.js'
import type { ArtifactPlace } from './save-artifacts.js'
import { abortReason, watchForStop } from './stopped-check.js'

/** The options every check takes whose defaults come from the test or the plugin. */
export interface RunWideOptions {
  readonly signal?: AbortSignal | undefined
  readonly seed?: number | undefined
  readonly image?: ImageOptions | undefined
}

/** The run-wide options filled in, ready to spread into the engine's options. */
export interface RunWideDefaults {
  readonly signal?: AbortSignal
  readonly seed?: number
  readonly image?: ImageOptions
}

/** What the failure message may add: where artifacts went and the device that ran the check. */
export interface MessageFacts {
  readonly artifacts: ArtifactsOutcome | undefined
  readonly named: ReturnType<typeof deviceFact>
}

/** One matcher's own parts, in the order {@link runMatcher} uses them. */
export interface MatcherSteps<R> {
  /** The matcher's name, for the run report. */
  readonly matcher: string
  readonly received: unknown
  /** The options given to the matcher (their signal, seed and image win over the defaults). */
  readonly options: RunWideOptions
  /** Run the engine with the options filled in. */
  readonly run: (defaults: RunWideDefaults) => Promise<R>
  /** What the engine found, before `.not`. */
  readonly held: (result: R) => boolean
  /** The one-line result, e.g. `12 distinct outputs in 12 runs`. */
  readonly summary: (result: R) => string
  readonly details: (result: R, elapsedMs: number) => CheckDetails
  /** Save a failed check's artifacts (only called when the check did not hold and the assertion fails). */
  readonly save: (
    result: R,
    place: ArtifactPlace,
    environment: EnvironmentFingerprint,
    details: CheckDetails,
  ) => Promise<ArtifactsOutcome>
  readonly message: (result: R, facts: MessageFacts) => string
  /**
   * A warning about a check that held, printed with `console.warn` when the assertion passes (a pass that
   * proves less than it seems). A `.not` that fails on it says the same in its message instead.
   */
  readonly warning?: (result: R) => string | undefined
  /**
   * For engines that stop part-way with `CheckAbortedError`: the failure message from its progress. Given, the
   * matcher also reports the stop after Vitest's own timeout has failed the test (see stopped-check.ts).
   */
  readonly stopped?: (progress: unknown, stop: Omit<StopContext, 'call'>) => string
}

/** What a matcher returns to Vitest. */
export interface MatcherVerdict {
  readonly pass: boolean
  readonly message: () => string
}

/**
 * Run one check matcher's engine between the steps every matcher shares. Call it first in the matcher
 * after validation, before any `await` (it notes the call's stack for the report).
 * @example
 * ```ts
 * return runMatcher(this, {
 *   matcher: PARITY_MATCHER, received, options,
 *   run: (defaults) => runParity(received, reference, { ...options, ...defaults }),
 *   held: (r) => r.pass, summary: formatParitySummary, details: parityDetails, save: saveParity,
 *   message: (result, facts) => parityMessage(this, { result, ...facts }),
 * })
 * ```
 */
export async function runMatcher<R>(state: MatcherState, steps: MatcherSteps<R>): Promise<MatcherVerdict> {
  const start = startCheck()
  const test = testContextOf(state)
  const config = getConfig()
  const signal = steps.options.signal ?? test.signal
  const seed = steps.options.seed ?? config.seed
  const image = steps.options.image ?? config.image
  const defaults: RunWideDefaults = {
    ...(seed === undefined ? {} : { seed }),
    ...(image === undefined ? {} : { image }),
    ...(signal === undefined ? {} : { signal }),
  }
  // Vitest leaves isNot undefined (not false) without `.not`.
  const isNot = state.isNot === true
  const watch = steps.stopped === undefined ? undefined : watchForStop(state)
  let result: R
  try {
    result = await steps.run(defaults)
  } catch (error) {
    if (watch === undefined || steps.stopped === undefined || !(error instanceof CheckAbortedError)) {
      watch?.done()
      throw error
    }
    // Stopped part-way: fail with what the completed work showed (also after Vitest's own timeout).
    const message = steps.stopped(error.progress, {
      ...(signal === test.signal && watch.timeoutMs !== undefined ? { timeoutMs: watch.timeoutMs } : {}),
      reason: abortReason(signal),
    })
    watch.stopped(message)
    return { pass: isNot, message: () => message }
  }
  watch?.done()
  const held = steps.held(result)
  const health = (result as { readonly health?: BoardHealth }).health
  // The board's window goes into the report with the check, so a red gate shows whether the board misbehaved.
  const details: CheckDetails = {
    ...steps.details(result, Date.now() - start.startedAt),
    ...(health === undefined ? {} : { health }),
  }
  let artifacts: ArtifactsOutcome | undefined
  let named: ReturnType<typeof deviceFact> = {}
  let environment: EnvironmentFingerprint | undefined
  if (held === isNot) {
    environment = await environmentOf(steps.received)
    named = deviceFact(environment)
    // A `.not` failure means the check held: nothing worth saving.
    if (!held)
      artifacts = await steps.save(result, { testFile: test.testFile, testName: test.testName }, environment, details)
  }
  await recordCheck(state, {
    matcher: steps.matcher,
    received: steps.received,
    held,
    summary: steps.summary(result),
    details,
    start,
    artifacts,
    environment,
  })
  const message = (): string => steps.message(result, { artifacts, named })
  // The plugin's `health` option: a check on an unhealthy board fails as the board's, whatever it found.
  enforceBoardHealth(health, {
    check: steps.matcher,
    verdict: steps.summary(result),
    ...(held === isNot ? { message } : {}),
  })
  const warning = held && !isNot ? steps.warning?.(result) : undefined
  if (warning !== undefined) console.warn(warning)
  return { pass: held, message }
}
