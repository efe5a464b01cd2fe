/**
 * Test support: "this call fails with this error class, code and message" as one awaited line, so
 * tests stop writing their own try/catch or `.catch((e) => e)` and a call that does not fail is a
 * failure that says so. Not shipped.
 */
import { expect } from 'vitest'

/** What the error must also say: its `code`, and a message matching each pattern (a string is a substring). */
export interface ExpectedError {
  readonly code?: string
  readonly message?: RegExp | string | readonly (RegExp | string)[]
}

/**
 * Await `action` (a promise, or a function that throws or returns one), check that it failed with an
 * instance of `errorClass` whose code and message are as `expected` says, and return the error for
 * checks of its own fields.
 * @example
 * ```ts
 * const error = await expectError(resolveInputs([info], ramp(59)), InputMismatchError, {
 *   code: 'E_INPUT_MISMATCH',
 *   message: /expected 60 elements/,
 * })
 * ```
 */
export async function expectError<E extends Error>(
  action: PromiseLike<unknown> | (() => unknown),
  errorClass: abstract new (...args: never[]) => E,
  expected: ExpectedError = {},
): Promise<E> {
  let outcome: unknown
  try {
    outcome = await (typeof action === 'function' ? action() : action)
  } catch (error) {
    expect(error, `the error thrown: ${String(error)}`).toBeInstanceOf(errorClass)
    const caught = error as E
    if (expected.code !== undefined) expect((caught as E & { code?: unknown }).code).toBe(expected.code)
    const patterns = expected.message === undefined ? [] : [expected.message].flat()
    for (const pattern of patterns) {
      if (typeof pattern === 'string') expect(caught.message).toContain(pattern)
      else expect(caught.message).toMatch(pattern)
    }
    return caught
  }
  return expect.unreachable(`expected a ${errorClass.name} but the call succeeded with ${String(outcome)}`)
}
