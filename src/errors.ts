/**
 * Every error vitest-hailo throws, in one place.
 *
 * Two families, so a CI gate can tell "your test is wrong" from "the chip is wrong":
 * - {@link UsageError}: the caller passed something we cannot use (bad argument, missing file,
 *   wrong shape). Fix the test or the data.
 * - {@link DeviceError}: the device, its driver or its runtime failed (no chip, busy, timeout,
 *   a native status). Fix the machine.
 * - {@link BoardHealthError}: the check ran, but on a board that reported itself unhealthy (the plugin's
 *   `health` option). The board, neither the test nor the model: quarantine it.
 *
 * Messages always say what was expected, what was received, and what to do next.
 *
 * @example
 * ```ts
 * try { await openDevice('hailo') } catch (e) {
 *   if (e instanceof DeviceError) console.log('machine problem:', e.message)
 * }
 * ```
 * @packageDocumentation
 */
// A leaf: nothing here imports the package at run time (the one type below is erased), so every module
// may import its errors without a cycle. Errors receive finished messages; the words live with the verdicts.
import type { CompatVerdict } from './hailort-compat/verdict.js'
import type { BoardHealth } from './health/types.js'

/** Base class of every error vitest-hailo throws; `code` is stable across versions. */
export class VitestHailoError extends Error {
  /** A stable, greppable identifier such as `E_INPUT_SHAPE`. */
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}

/** The caller's mistake: an argument, a file or an input we cannot use. */
export class UsageError extends VitestHailoError {}

/** The device, its driver or its runtime failed; the test itself may well be right. */
export class DeviceError extends VitestHailoError {}

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

/** The requested device is not present on this machine (no chip, no library). */
export class DeviceUnavailableError extends DeviceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_DEVICE_UNAVAILABLE', message, options)
  }
}

/** The device is held by another process or test. */
export class DeviceBusyError extends DeviceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_DEVICE_BUSY', message, options)
  }
}

/** An inference or a device call did not finish in time. */
export class DeviceTimeoutError extends DeviceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_DEVICE_TIMEOUT', message, options)
  }
}

/** A native runtime call returned a failure status (HailoRT `hailo_status`, ONNX Runtime error). */
export class NativeCallError extends DeviceError {
  /** The native status number, when the runtime has one. */
  readonly status: number | undefined
  /** The status' symbolic name, e.g. `HAILO_OUT_OF_PHYSICAL_DEVICES`. */
  readonly statusName: string | undefined
  /** The native operation that failed, e.g. `hailo_create_vdevice`. */
  readonly operation: string
  constructor(
    operation: string,
    message: string,
    details: { status?: number; statusName?: string; cause?: unknown } = {},
  ) {
    super('E_NATIVE_CALL', message, { cause: details.cause })
    this.operation = operation
    this.status = details.status
    this.statusName = details.statusName
  }
}

/**
 * ONNX Runtime failed inside the graph while running a model (e.g. "Attempting to broadcast an axis by a
 * dimension other than 1"): the runtime's words, with the input shapes that were fed and what the model
 * declares, since a dynamic dimension given a size the graph cannot take is the usual cause.
 */
export class InferenceRunError extends NativeCallError {
  /** Shape of every input fed, by name. */
  readonly fed: Readonly<Record<string, readonly number[]>>
  constructor(message: string, fed: Readonly<Record<string, readonly number[]>>, cause: unknown) {
    super('InferenceSession.run', message, { cause })
    this.fed = fed
  }
}

/** A native library (libhailort) is missing or of a version we do not support. */
export class NativeLibraryError extends DeviceError {
  /** Every path that was tried, in order. */
  readonly triedPaths: readonly string[]
  constructor(message: string, triedPaths: readonly string[], options?: { cause?: unknown }) {
    super('E_NATIVE_LIBRARY', message, options)
    this.triedPaths = triedPaths
  }
}

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

/**
 * A device returned outputs that break its own declaration: an output missing or unexpected, or of
 * the wrong dtype or size. The test is not at fault; the backend, runtime or chip is.
 */
export class OutputMismatchError extends DeviceError {
  /** Id of the model whose outputs broke the declaration. */
  readonly modelId: string
  constructor(modelId: string, message: string) {
    super('E_OUTPUT_MISMATCH', message)
    this.modelId = modelId
  }
}

/** What is wrong with a HEF file, for {@link HefFormatError}; stable across versions. */
export type HefProblem =
  | 'truncated'
  | 'bad-magic'
  | 'unsupported-header-version'
  | 'size-mismatch'
  | 'checksum-mismatch'
  | 'corrupt-metadata'
  | 'unsupported-content'

/**
 * A HEF file is truncated, corrupt, or not a HEF at all (read by vitest-hailo's own reader,
 * before any byte reaches HailoRT).
 */
export class HefFormatError extends ModelFileError {
  /** Which check failed. */
  readonly problem: HefProblem
  /** Byte offset in the file where the problem was found, when it has one. */
  readonly offset: number | undefined
  constructor(path: string, problem: HefProblem, message: string, details: { offset?: number; cause?: unknown } = {}) {
    super(path, message, { cause: details.cause })
    this.problem = problem
    this.offset = details.offset
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

/**
 * A HEF was given to a device that runs ONNX models only. The device that can run it (the chip) is
 * what is missing here, so `onMissingDevice: 'skip'` skips such a test with this message as its note.
 */
export class HefNeedsChipError extends DeviceUnavailableError {
  /** The HEF, as the caller named it. */
  readonly source: string
  /** What was asked to run it, e.g. `ONNX Runtime`. */
  readonly runtime: string
  constructor(source: string, runtime: string) {
    super(
      `${source} is a HEF (a model compiled for a Hailo chip); ${runtime} cannot run it. A HEF runs only on the hailo device: ` +
        `on a machine with a Hailo-8 / Hailo-8L and HailoRT, use the device 'hailo' (VITEST_HAILO_DEVICE=hailo). ` +
        `Without a chip, describeModel(path) reads its inputs and outputs, and the ONNX model it was compiled from runs on 'onnx' or 'emulator'. ` +
        `To skip such tests on machines without a chip, set hailo({ onMissingDevice: 'skip' }).`,
    )
    this.source = source
    this.runtime = runtime
  }
}

/**
 * A HEF this HailoRT or this chip will not run. The compatibility table predicts it from the HEF's content
 * (header version, required extensions, feature flags, target architecture); on the hailo device HailoRT has
 * the last word: the error is thrown when HailoRT itself refused the HEF, and then carries HailoRT's status
 * (`runtime`) beside the predicted reasons. Fix the model (recompile) or the runtime.
 */
export class HefRefusedError extends UsageError {
  /** The source as given to `load`. */
  readonly source: string
  /** The full verdict (level `refused`), for reports. */
  readonly verdict: CompatVerdict
  /** HailoRT's own refusal (the call and its status), when HailoRT was asked and refused the HEF. */
  readonly runtime: HefRuntimeRefusal | undefined
  /** Built by `hefRefusedError` (`src/hailort-compat/refusal.ts`), which writes the message from the verdict. */
  constructor(
    source: string,
    verdict: CompatVerdict,
    message: string,
    runtime?: HefRuntimeRefusal & { readonly cause?: unknown },
  ) {
    super('E_HEF_REFUSED', message, runtime?.cause === undefined ? undefined : { cause: runtime.cause })
    this.source = source
    this.verdict = verdict
    this.runtime =
      runtime === undefined
        ? undefined
        : { operation: runtime.operation, status: runtime.status, statusName: runtime.statusName }
  }
}

/** HailoRT's own refusal of a HEF: the call that refused it and the status it returned. */
export interface HefRuntimeRefusal {
  readonly operation: string
  readonly status: number
  readonly statusName: string
}

/**
 * A check ran on a board that was unhealthy by the plugin's `health` option: an ECC, run-time error,
 * over-current, data-flow shutdown or temperature alarm while it ran (`onEvent: 'fail'`), or the chip
 * hotter than `maxTemperatureC`. Neither the test nor the model is at fault: a CI gate can match this
 * family (or `code === 'E_BOARD_UNHEALTHY'`) to quarantine the board instead of blocking a release.
 * @example
 * ```ts
 * try { await runChecks() } catch (e) { if (e instanceof BoardHealthError) quarantine(e.health) }
 * ```
 */
export class BoardHealthError extends VitestHailoError {
  /** What the board did during the check. */
  readonly health: BoardHealth
  /** Why the board is judged unhealthy, one sentence each. */
  readonly reasons: readonly string[]
  constructor(message: string, health: BoardHealth, reasons: readonly string[]) {
    super('E_BOARD_UNHEALTHY', message)
    this.health = health
    this.reasons = reasons
  }
}
