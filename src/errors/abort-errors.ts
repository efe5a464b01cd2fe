/**
 * Errors of an operation stopped by its `AbortSignal` (typically the test's timeout): neither the
 * test's fault nor the device's, so they extend {@link VitestHailoError} directly, outside both families.
 * @packageDocumentation
 */
import { VitestHailoError } from './base.js'

/** The operation was stopped by an `AbortSignal` (typically the test's timeout). */
export class AbortedError extends VitestHailoError {
  constructor(message = 'The operation was aborted (the test timed out or was cancelled).') {
    super('E_ABORTED', message)
  }
}

/**
 * A check stopped by its abort signal (typically the test's timeout) part-way. `progress` is the
 * engine's own data on how far it got and what the completed part showed, so a matcher can still
 * report a diagnosis (runs done, distinct outputs so far, time per run) instead of a bare timeout.
 */
export class CheckAbortedError<P = unknown> extends AbortedError {
  /** How far the check got (see the engine's progress type, e.g. `DeterminismProgress`). */
  readonly progress: P

  constructor(message: string, progress: P, cause?: unknown) {
    super(message)
    this.progress = progress
    if (cause !== undefined)
      Object.defineProperty(this, 'cause', { value: cause, enumerable: false, configurable: true, writable: true })
  }
}
