/**
 * Every error vitest-hailo throws, in one place.
 *
 * Four families, so a CI gate can tell "your test is wrong" from "the chip is wrong":
 * - {@link UsageError}: the caller passed something we cannot use (bad argument, missing file,
 *   wrong shape). Fix the test or the data.
 * - {@link DeviceError}: the device, its driver or its runtime failed (no chip, busy, timeout,
 *   a native status). Fix the machine.
 * - {@link BoardHealthError}: the check ran, but on a board that reported itself unhealthy (the plugin's
 *   `health` option). The board, neither the test nor the model: quarantine it.
 * - {@link AbortedError}: the caller's signal stopped the work (typically the test's timeout); a
 *   {@link CheckAbortedError} carries how far the check got.
 *
 * Messages always say what was expected, what was received, and what to do next.
 *
 * This module is the one import point; the classes live in `src/errors/`, one file per family
 * (`base.ts`, `usage-errors.ts`, `device-errors.ts`, `abort-errors.ts`, `hef-errors.ts`,
 * `board-health-error.ts`).
 *
 * @example
 * ```ts
 * try { await openDevice('hailo') } catch (e) {
 *   if (e instanceof DeviceError) console.log('machine problem:', e.message)
 * }
 * ```
 * @packageDocumentation
 */
// A leaf: nothing under src/errors/ imports the rest of the package at run time (its two type imports are
// erased), so every module may import its errors without a cycle. Errors receive finished messages; the words
// live with the verdicts.
export { VitestHailoError, UsageError, DeviceError } from './errors/base.js'
export {
  InvalidArgumentError,
  FileError,
  ModelFileError,
  InputFileError,
  InputMismatchError,
  NonFiniteInputError,
  UnknownNameError,
  DisposedError,
  MissingAwaitError,
  NothingToCompareError,
  UnsupportedModelError,
} from './errors/usage-errors.js'
export {
  DeviceUnavailableError,
  DeviceBusyError,
  DeviceTimeoutError,
  NativeCallError,
  InferenceRunError,
  NativeLibraryError,
  OutputMismatchError,
} from './errors/device-errors.js'
export { AbortedError, CheckAbortedError } from './errors/abort-errors.js'
export {
  type HefProblem,
  HefFormatError,
  HefNeedsChipError,
  HefRefusedError,
  type HefRuntimeRefusal,
} from './errors/hef-errors.js'
export { BoardHealthError } from './errors/board-health-error.js'
