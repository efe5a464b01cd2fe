/**
 * The compatibility check of a HEF as the hailo device loads it: the HEF's compiler, header and target
 * against this libhailort's version and this chip's architecture, once per load. HailoRT has the last word:
 * a predicted refusal is not enforced before HailoRT is asked (a wrong row in our table must not block a HEF
 * that loads). If HailoRT refuses too, the load fails with HailoRT's status and our reasons; if it loads, the
 * disagreement is kept on the model's verdict for reports.
 * @packageDocumentation
 */
import { acceptedDespitePrediction, verdictAtLoad } from '../../../hailort-compat/at-load.js'
import type { CompatVerdict } from '../../../hailort-compat/verdict.js'
import { hefRefusedError } from '../../../hailort-compat/refusal.js'
import { NativeCallError } from '../../../errors.js'
import { startsWithHefMagic } from '../../../hef/header.js'
import type { DeviceInfoParts } from '../../base-device.js'
import type { ModelSource } from '../../model-source.js'

/** The calls in which HailoRT judges a HEF: reading it, and configuring it on the chip (architecture). */
const JUDGING_CALLS: ReadonlySet<string> = new Set([
  'hailo_create_hef_file',
  'hailo_create_hef_buffer',
  'hailo_configure_vdevice',
])

/**
 * Judge `request`'s bytes on this runtime and chip (never throws for a predicted refusal: see
 * {@link refusalFromRuntime} and {@link verdictAfterLoad}). The chip's architecture is asked for only when
 * the bytes are a HEF, and a chip that cannot say leaves the architecture out of the verdict (never fatal).
 *
 * @example
 * ```ts
 * const predicted = await judgeAtLoad(request, lib.versionText, () => this.infoImpl())
 * ```
 */
export async function judgeAtLoad(
  request: ModelSource,
  hailort: string,
  info: () => Promise<DeviceInfoParts>,
): Promise<CompatVerdict | undefined> {
  if (!startsWithHefMagic(request.bytes)) return undefined
  let architecture: string | undefined
  try {
    const reported = (await info()).architecture
    // 'unknown architecture 7' is not a chip the tables can judge; leave it to HailoRT.
    if (reported !== undefined && /^hailo-/i.test(reported)) architecture = reported
  } catch {
    // The chip's own description is a report detail: without it the runtime's verdict still holds.
  }
  return verdictAtLoad(request.bytes, { hailort, ...(architecture === undefined ? {} : { architecture }) })
}

/**
 * The error to throw when loading failed: a {@link HefRefusedError} carrying HailoRT's status and our
 * predicted reasons when we predicted a refusal and HailoRT refused the HEF (while reading or configuring
 * it); `error` itself otherwise.
 *
 * @example
 * ```ts
 * catch (error) { return stack.unwind(refusalFromRuntime(request.source, predicted, error)) }
 * ```
 */
export function refusalFromRuntime(source: string, predicted: CompatVerdict | undefined, error: unknown): unknown {
  if (
    predicted?.level !== 'refused' ||
    !(error instanceof NativeCallError) ||
    error.status === undefined ||
    !JUDGING_CALLS.has(error.operation)
  )
    return error
  return hefRefusedError(source, predicted, {
    operation: error.operation,
    status: error.status,
    statusName: error.statusName ?? 'unknown status',
    cause: error,
  })
}

/**
 * The verdict to keep on a model HailoRT loaded: the predicted one, or, when we predicted a refusal, the
 * verdict recording that HailoRT disagreed ({@link acceptedDespitePrediction}).
 *
 * @example
 * ```ts
 * const compatibility = verdictAfterLoad(predicted)
 * ```
 */
export function verdictAfterLoad(predicted: CompatVerdict | undefined): CompatVerdict | undefined {
  return predicted === undefined ? undefined : acceptedDespitePrediction(predicted)
}
