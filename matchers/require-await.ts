/**
 * Register async matchers so that one left un-awaited fails its test, on Vitest 4.1 and 5.
 *
 * Vitest records its own async assertions (`resolves`, `rejects`) on the running test, but not the
 * promises of matchers added with `expect.extend`: an un-awaited `expect(model).toBeDeterministicAcross(5)`
 * on a broken model passed its test and surfaced, if at all, as an unhandled rejection. Here each
 * matcher's Chai method is wrapped: its promise is added to the test's `promises` (which Vitest awaits
 * after the test function, before `afterEach` and fixture teardown, so the model is not disposed
 * mid-run), and a `test.onFinished` hook (whose errors fail the test in both majors) throws
 * {@link MissingAwaitError} when nobody called `then`, `catch` or `finally` on it. The same mechanism
 * as Vitest 5's own `recordAsyncExpect`, which fails un-awaited `resolves` / `rejects` that way.
 * @packageDocumentation
 */
import { chai, expect } from 'vitest'
import { MissingAwaitError } from '../src/errors.js'
import { withPrintableMessage } from './printable-error.js'

/** The parts of Vitest's running `Test` task this module uses (both majors have them). */
interface RunningTest {
  promises?: Promise<unknown>[]
  onFinished?: (() => unknown)[]
}

/** A matcher as `expect.extend` takes it. */
type MatcherFunction = (this: never, received: unknown, ...args: never[]) => unknown

/**
 * `expect.extend(matchers)`, and make every one of them fail its test when its promise is not awaited.
 * Every vitest-hailo matcher is registered through here; a new matcher only has to be added to the
 * object `matchers/index.ts` passes.
 * @example
 * ```ts
 * registerAsyncMatchers({ toSurviveFuzzing })
 * // in a test, without await: fails with "MissingAwaitError: expect(model).toSurviveFuzzing(…) was not awaited …"
 * ```
 */
export function registerAsyncMatchers(matchers: Readonly<Record<string, MatcherFunction>>): void {
  expect.extend(matchers as Parameters<typeof expect.extend>[0])
  for (const name of Object.keys(matchers)) requireAwait(name)
}

/** Wrap the Chai method `expect.extend` just installed for `name`. */
function requireAwait(name: string): void {
  chai.util.overwriteMethod(
    chai.Assertion.prototype,
    name,
    (original: (...args: unknown[]) => unknown) =>
      function awaitCheckedMatcher(this: object, ...args: unknown[]): unknown {
        // Captured now and from the caller's frame, so the failure points at the line that forgot `await`.
        const callSite = new Error()
        Error.captureStackTrace(callSite, awaitCheckedMatcher)
        const returned = original.apply(this, args)
        if (!(returned instanceof Promise)) return returned
        const result = returned.catch((error: unknown) => {
          throw withCallSite(withPrintableMessage(error), callSite)
        })
        const test = chai.util.flag(this, 'vitest-test') as RunningTest | undefined
        if (test === undefined) return result
        const not = chai.util.flag(this, 'negate') === true ? 'not.' : ''
        return trackAwaited(
          result,
          test,
          `expect(${describeReceived(chai.util.flag(this, 'object'))}).${not}${name}(…)`,
          callSite,
        )
      },
  )
}

/**
 * `error` with the call site's frames under its own when its stack lacks them. Vitest builds a failed async
 * matcher's error after the matcher's awaits (and an engine throws after its own), so the stack held no frame of
 * the test file: Vitest printed no code frame, and its GitHub Actions reporter, which annotates an error at the
 * nearest test-file frame, annotated none.
 */
function withCallSite(error: unknown, callSite: Error): unknown {
  if (!(error instanceof Error) || typeof error.stack !== 'string' || callSite.stack === undefined) return error
  const frames = callSite.stack.split('\n').slice(1)
  if (frames.length > 0 && !frames.every((frame) => error.stack!.includes(frame.trim())))
    error.stack = `${error.stack}\n${frames.join('\n')}`
  return error
}

/** The received value as the call site most likely spelled it. */
function describeReceived(received: unknown): string {
  return received !== null && typeof received === 'object' && 'inputs' in received && 'outputs' in received
    ? 'model'
    : 'actual'
}

/**
 * Hand back a thenable over `promise` that remembers being awaited, and fail `test` at its end when it
 * was not. Whether or not it is awaited, the matcher's rejection never becomes an unhandled one.
 */
function trackAwaited(
  promise: Promise<unknown>,
  test: RunningTest,
  call: string,
  callSite: Error,
): PromiseLike<unknown> {
  let awaited = false
  const outcome = promise.then(
    () => ({ failure: undefined }),
    (error: unknown) => ({ failure: error }),
  )
  // Vitest awaits these after the test function returns; this one never rejects, the hook below reports.
  ;(test.promises ??= []).push(outcome)
  ;(test.onFinished ??= []).push(async () => {
    if (awaited) return
    const { failure } = await outcome
    throw new MissingAwaitError(call, failure, callSite)
  })
  return {
    then(onFulfilled, onRejected) {
      awaited = true
      return promise.then(onFulfilled, onRejected)
    },
    catch(onRejected: (reason: unknown) => unknown) {
      awaited = true
      return promise.catch(onRejected)
    },
    finally(onFinally: () => void) {
      awaited = true
      return promise.finally(onFinally)
    },
    [Symbol.toStringTag]: 'Promise',
  } as PromiseLike<unknown>
}
