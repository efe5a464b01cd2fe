/**
 * The compatibility check of a HEF as the hailo device loads it: the HEF's compiler, header and target
 * against this libhailort's version and this chip's architecture, once per load, before any byte of the
 * HEF reaches HailoRT. A refused HEF fails here with every reason; any other verdict is kept on the model.
 * @packageDocumentation
 */
import { refuseOrJudge } from '../../../compat/at-load.js'
import type { CompatVerdict } from '../../../compat/verdict.js'
import { startsWithHefMagic } from '../../../hef/header.js'
import type { DeviceInfoParts } from '../../base-device.js'
import type { ModelSource } from '../../model-source.js'

/**
 * Judge `request`'s bytes on this runtime and chip. The chip's architecture is asked for only when the
 * bytes are a HEF, and a chip that cannot say leaves the architecture out of the verdict (never fatal).
 *
 * @throws {@link HefRefusedError} when the HEF will not run on this HailoRT or this chip.
 * @example
 * ```ts
 * const compatibility = await judgeAtLoad(request, lib.versionText, () => this.infoImpl())
 * ```
 */
export async function judgeAtLoad(request: ModelSource, hailort: string, info: () => Promise<DeviceInfoParts>): Promise<CompatVerdict | undefined> {
  if (!startsWithHefMagic(request.bytes)) return undefined
  let architecture: string | undefined
  try {
    const reported = (await info()).architecture
    // 'unknown architecture 7' is not a chip the tables can judge; leave it to HailoRT.
    if (reported !== undefined && /^hailo-/i.test(reported)) architecture = reported
  } catch {
    // The chip's own description is a report detail: without it the runtime's verdict still holds.
  }
  return refuseOrJudge(request.bytes, request.source, { hailort, ...(architecture === undefined ? {} : { architecture }) })
}
