import { expect, test } from 'vitest'
import { AbortedError } from '../errors.js'
import { abortedError, raceAbort, throwIfAborted } from './abort.js'

test('raceAbort settles with the work when nothing aborts', async () => {
  await expect(raceAbort(Promise.resolve(3), new AbortController().signal, 'x')).resolves.toBe(3)
  await expect(raceAbort(Promise.reject(new Error('boom')), undefined, 'x')).rejects.toThrow('boom')
})

test('raceAbort rejects at once with AbortedError keeping the reason as cause', async () => {
  const controller = new AbortController()
  const pending = raceAbort(new Promise(() => undefined), controller.signal, 'Inference on m#1')
  const reason = new Error('Test timed out in 30000ms')
  controller.abort(reason)
  const error = await pending.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(AbortedError)
  expect((error as Error).message).toBe(
    'Inference on m#1 was aborted: Test timed out in 30000ms (the test timed out or was cancelled).',
  )
  expect((error as Error).cause).toBe(reason)
})

test('throwIfAborted throws only for an aborted signal', () => {
  expect(() => throwIfAborted(undefined, 'x')).not.toThrow()
  const controller = new AbortController()
  expect(() => throwIfAborted(controller.signal, 'x')).not.toThrow()
  controller.abort()
  expect(() => throwIfAborted(controller.signal, 'x')).toThrow(AbortedError)
})

test("abortedError names the reason's first line and keeps as cause the error the stop surfaced as", () => {
  const controller = new AbortController()
  const reason = new Error('Test timed out in 5000ms.\nIf this is a long-running test…')
  controller.abort(reason)
  const plain = abortedError('The check', controller.signal)
  expect(plain.message).toBe('The check was aborted: Test timed out in 5000ms. (the test timed out or was cancelled).')
  expect(plain.cause).toBe(reason)
  const disposed = new Error('Model was used after it was disposed.')
  expect(abortedError('The check', controller.signal, disposed).cause).toBe(disposed)
  // An abort that surfaced as our own AbortedError is not its own cause: the reason behind it is.
  expect(abortedError('The check', controller.signal, plain).cause).toBe(reason)
})
