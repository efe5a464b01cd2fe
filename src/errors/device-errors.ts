/**
 * The {@link DeviceError} family: the device, its driver or its runtime failed (no chip, busy, a
 * timeout, a native status, a missing library, outputs that break the model's own declaration). The
 * test may well be right: fix the machine.
 * @packageDocumentation
 */
import { DeviceError } from './base.js'

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
