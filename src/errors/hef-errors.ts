/**
 * Errors about HEF files (models compiled for a Hailo chip): a file that is not a valid HEF
 * ({@link HefFormatError}), a HEF given to a device that cannot run one ({@link HefNeedsChipError}), and
 * a HEF this HailoRT or chip will not run ({@link HefRefusedError}). Each extends the family its cause
 * belongs to: a bad file is usage, a missing chip is the device.
 * @packageDocumentation
 */
// Type-only: the verdict is erased at compile time, so this file stays a leaf at run time.
import type { CompatVerdict } from '../hailort-compat/verdict.js'
import { UsageError } from './base.js'
import { DeviceUnavailableError } from './device-errors.js'
import { ModelFileError } from './usage-errors.js'

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
