import { describe, expect, test } from 'vitest'
import { InputMismatchError, InvalidArgumentError, UsageError } from '../../src/errors.js'
import { expectError } from './expect-error.js'

const mismatch = (): never => {
  throw new InputMismatchError('expected 60 elements but received 59')
}

describe('expectError', () => {
  test('returns the error when class, code and every message pattern match', async () => {
    const error = await expectError(mismatch, UsageError, {
      code: 'E_INPUT_MISMATCH',
      message: [/60 elements/, 'received 59'],
    })
    expect(error).toBeInstanceOf(InputMismatchError)
  })

  test('takes a rejected promise as well as a function', async () => {
    await expectError(Promise.reject(new InvalidArgumentError('bad')), InvalidArgumentError, { message: 'bad' })
  })

  test('fails when the call succeeds, saying what it returned', async () => {
    await expect(expectError(Promise.resolve(42), UsageError)).rejects.toThrow(
      /expected a UsageError but the call succeeded with 42/,
    )
  })

  test('fails on another error class, code or message', async () => {
    await expect(expectError(mismatch, InvalidArgumentError)).rejects.toThrow(/InvalidArgumentError/)
    await expect(expectError(mismatch, InputMismatchError, { code: 'E_OTHER' })).rejects.toThrow(/E_OTHER/)
    await expect(expectError(mismatch, InputMismatchError, { message: /61 elements/ })).rejects.toThrow(/61 elements/)
  })
})
