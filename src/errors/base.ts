/**
 * The roots of every vitest-hailo error: {@link VitestHailoError} with its stable `code`, and the two
 * families a CI gate tells apart, {@link UsageError} ("your test is wrong") and {@link DeviceError}
 * ("the machine is wrong"). Every other error class extends one of these three.
 * @packageDocumentation
 */

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
