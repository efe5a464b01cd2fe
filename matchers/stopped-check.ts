/**
 * A check stopped by the test's timeout still reports.
 *
 * When Vitest's timer fires it rejects the test with its own "Test timed out in 5000ms" at once and
 * aborts the test's signal; the engine then stops and throws `CheckAbortedError` with how far it got,
 * but the matcher's failure arrives after the test has already failed and is dropped. So each check
 * registers, before it starts, a `test.onFinished` hook (its errors fail the test on Vitest 4.1 and 5):
 * when the test failed and the check was stopped, the hook adds the check's own diagnosis (runs done,
 * what they showed, time per run, what to change) to the test's errors, unless the matcher's failure
 * is already among them (a stop by the caller's own signal fails the assertion itself).
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { CheckAbortedError } from '../src/errors.js'

/** The parts of Vitest's running `Test` task used here (both majors have them). */
interface RunningTest {
  readonly timeout?: number
  readonly result?: { readonly state?: string; readonly errors?: readonly { readonly message?: string }[] }
  onFinished?: (() => unknown)[]
}

/** How long the hook waits for a stopped check to settle (the engine stops at the abort, not after the inference). */
const SETTLE_WAIT_MS = 2000

/** One check's watch over its own stop. */
export interface StopWatch {
  /** The test's timeout in ms, when Vitest says it (for the advice in the message). */
  readonly timeoutMs: number | undefined
  /** The check ended without being stopped. */
  done(): void
  /** The check was stopped; `message` is its diagnosis. */
  stopped(message: string): void
}

/**
 * Start watching a check run by a matcher with this `state`.
 * @example
 * ```ts
 * const watch = watchForStop(this)
 * try { result = await runDeterminism(model, options) } catch (error) { … watch.stopped(message) … }
 * watch.done()
 * ```
 */
export function watchForStop(state: MatcherState): StopWatch {
  const test = (state as MatcherState & { task?: RunningTest }).task
  let settle: (message: string | undefined) => void = () => undefined
  const settled = new Promise<string | undefined>((resolve) => {
    settle = resolve
  })
  if (test !== undefined && typeof test === 'object') {
    ;(test.onFinished ??= []).push(async () => {
      const message = await Promise.race([
        settled,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), SETTLE_WAIT_MS).unref()),
      ])
      if (message === undefined || test.result?.state !== 'fail') return
      const firstLine = message.split('\n', 1)[0]!
      if (test.result.errors?.some((e) => typeof e.message === 'string' && e.message.includes(firstLine))) return
      throw new CheckAbortedError(message, undefined)
    })
  }
  const timeoutMs =
    typeof test?.timeout === 'number' && test.timeout > 0 && Number.isFinite(test.timeout) ? test.timeout : undefined
  return { timeoutMs, done: () => settle(undefined), stopped: (message) => settle(message) }
}

/**
 * The first line of what aborted `signal` (Vitest: "Test timed out in 5000ms.").
 * @example
 * ```ts
 * abortReason(AbortSignal.abort(new Error('Test timed out in 5000ms.\nIf this is…'))) // 'Test timed out in 5000ms.'
 * ```
 */
export function abortReason(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason
  if (reason instanceof Error) return reason.message.split('\n', 1)[0]!
  return reason === undefined ? 'the signal was aborted.' : `${String(reason)}`
}
