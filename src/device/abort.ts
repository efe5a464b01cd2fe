/**
 * Abort signals, one way for every layer: the test's own signal stops an inference or a whole check at
 * once (a timed-out test stops inferring), reported as {@link AbortedError} with the signal's reason kept.
 * @packageDocumentation
 */
import { AbortedError } from '../errors.js'
import { invalidParameter } from '../validate.js'

/** Throw unless `signal` is undefined or an `AbortSignal`. */
export function assertSignal(signal: unknown): asserts signal is AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw invalidParameter('signal', 'an AbortSignal', signal)
}

/**
 * The error for an aborted `what`: the first line of the signal's reason in the message, and as its
 * cause the signal's reason, or the error the stop surfaced as (a model the test's teardown disposed
 * as the timeout fired). An {@link AbortedError} that surfaced gives its own cause, not itself.
 */
export function abortedError(what: string, signal: AbortSignal, surfaced?: unknown): AbortedError {
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message.split('\n', 1)[0]}` : ''
  const error = new AbortedError(`${what} was aborted${reason} (the test timed out or was cancelled).`)
  const cause = surfaced instanceof AbortedError ? (surfaced.cause ?? signal.reason) : (surfaced ?? signal.reason)
  if (cause !== undefined)
    Object.defineProperty(error, 'cause', { value: cause, enumerable: false, configurable: true, writable: true })
  return error
}

/** Throw {@link AbortedError} when `signal` is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(what, signal)
}

/**
 * Settle with `work`, or reject with {@link AbortedError} as soon as `signal` aborts, whichever
 * comes first. `work` keeps running in the background; callers that own resources must wait for it
 * before releasing them.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (signal === undefined) return work
  if (signal.aborted) return Promise.reject(abortedError(what, signal))
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(what, signal))
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
