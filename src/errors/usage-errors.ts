/**
 * The {@link UsageError} family: the caller passed something vitest-hailo cannot use (an argument out
 * of its domain, a missing or corrupt file, an input that does not fit the model, an unknown name, a
 * disposed model, a matcher left without `await`, a check with nothing to compare). Fix the test or the data.
 * @packageDocumentation
 */
import { UsageError } from './base.js'

/**
 * An argument of a public function is out of its domain.
 * Built by {@link invalidParameter}-style helpers: "Expected … for <name> but received …".
 */
export class InvalidArgumentError extends UsageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INVALID_ARGUMENT', message, options)
  }
}

/** A model, image, `.npy` or other file is missing, unreadable or corrupt. */
export class FileError extends UsageError {
  /** The path the user gave (as given, not resolved). */
  readonly path: string
  constructor(code: string, path: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options)
    this.path = path
  }
}

/** A model file (ONNX, HEF) could not be read or parsed. */
export class ModelFileError extends FileError {
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('E_MODEL_FILE', path, message, options)
  }
}

/** An input file (image, `.npy`) could not be read or decoded. */
export class InputFileError extends FileError {
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super('E_INPUT_FILE', path, message, options)
  }
}

/** An input tensor does not fit what the model declares (size, shape, dtype, layout, name). */
export class InputMismatchError extends UsageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_INPUT_MISMATCH', message, options)
  }
}

/** A float input holds NaN or ±Infinity, which no device handles meaningfully. */
export class NonFiniteInputError extends UsageError {
  /** Flat index of the first non-finite element. */
  readonly index: number
  constructor(message: string, index: number) {
    super('E_INPUT_NON_FINITE', message)
    this.index = index
  }
}

/** A name (output, input, tolerance key, device spec) that does not exist. */
export class UnknownNameError extends UsageError {
  constructor(code: string, message: string) {
    super(code, message)
  }
}

/** A model or device was used after `dispose()`. */
export class DisposedError extends UsageError {
  constructor(what: string) {
    super('E_DISPOSED', `${what} was used after it was disposed. Load it again, or keep it alive until the test ends.`)
  }
}

/**
 * A vitest-hailo matcher was called without `await` and was still pending when its test ended: its
 * verdict could not decide the test, so the test fails with this instead (with the matcher's own
 * failure message, when it failed).
 */
export class MissingAwaitError extends UsageError {
  constructor(call: string, failure: unknown, callSite?: Error) {
    const verdict =
      failure === undefined
        ? 'It passed this time; with `await`, a failure fails this test where it happens.'
        : `Its own verdict:\n${failure instanceof Error ? failure.message : String(failure)}`
    super(
      'E_MISSING_AWAIT',
      `${call} was not awaited: the test ended while it was still running. Write \`await ${call}\`.\n${verdict}`,
    )
    const frames = callSite?.stack?.split('\n').slice(1)
    if (frames !== undefined) this.stack = [`${this.name}: ${this.message}`, ...frames].join('\n')
  }
}

/**
 * A check that would have nothing to compare: the model declares no outputs, or an input or an output
 * has no elements (a shape with a 0). Every comparison of nothing passes, so it is refused instead.
 */
export class NothingToCompareError extends UsageError {
  constructor(message: string) {
    super('E_NOTHING_TO_COMPARE', message)
  }
}

/**
 * A model is valid but uses something vitest-hailo cannot compare yet (e.g. HailoRT NMS outputs,
 * whose padding slots would look like noise). Says what, and what to do instead.
 */
export class UnsupportedModelError extends UsageError {
  constructor(message: string) {
    super('E_UNSUPPORTED_MODEL', message)
  }
}
