/**
 * What a matcher can learn about the test it runs in: the test's abort signal (so a timed-out test
 * stops inferring at once), its file and its full name (for the artifact folder).
 *
 * Vitest ≥ 4.1 puts the running `Test` task on the matcher context as `this.task` (undefined with
 * the global `expect` in concurrent tests; `context.expect` has it); `testPath` and
 * `currentTestName` are the documented fallbacks.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'

/** The parts of Vitest's `Test` task a matcher reads. */
interface TaskLike {
  readonly name?: string
  readonly fullTestName?: string
  readonly file?: { readonly filepath?: string }
  readonly context?: { readonly signal?: AbortSignal }
}

/** Where a matcher runs. */
export interface MatcherTestContext {
  /** Aborted when the test times out or the run is cancelled; absent outside a test. */
  readonly signal?: AbortSignal
  /** The test file, absolute; `unknown-file` outside a test. */
  readonly testFile: string
  /** `describe > test`; `unknown-test` outside a test. */
  readonly testName: string
}

/**
 * Read the running test from a matcher's `this`.
 * @example
 * ```ts
 * expect.extend({ async toWork(received) { const { signal } = testContextOf(this); … } })
 * ```
 */
export function testContextOf(state: MatcherState): MatcherTestContext {
  const task = (state as MatcherState & { task?: TaskLike }).task
  const signal = task?.context?.signal
  return {
    ...(signal instanceof AbortSignal ? { signal } : {}),
    testFile: task?.file?.filepath ?? state.testPath ?? 'unknown-file',
    testName: task?.fullTestName || state.currentTestName || task?.name || 'unknown-test',
  }
}
