/**
 * The compatibility verdict as the first likely cause of a failure on the chip: data for the matchers, which
 * format it (the sentence for callers that only want text is `verdictSentence` in `./words.ts`).
 * @packageDocumentation
 */
import type { DeviceInfo } from '../device/types.js'
import { readHef } from '../hef/read.js'
import { minorOf } from './runtimes.js'
import type { CompatInput, CompatLevel, CompatVerdict } from './verdict.js'
import { checkCompatibility } from './verdict.js'

/** Levels worth naming as a likely cause of wrong or unstable outputs. */
const SUSPICIOUS: readonly CompatLevel[] = ['refused', 'hef-newer-than-runtime', 'unvalidated-pairing']

/**
 * The verdict for a HEF on the device that ran it, when the pairing is suspicious; `undefined` when it is
 * validated, when the model is not a HEF, or when the device does not report a HailoRT version.
 * Never throws: a likely cause must not hide the failure it explains.
 *
 * @example
 * ```ts
 * const verdict = await compatibilityLikelyCause('build/model.hef', await device.info())
 * if (verdict) causes.unshift(verdict) // the matcher formats it first
 * ```
 */
export async function compatibilityLikelyCause(
  modelSource: string,
  device: DeviceInfo,
): Promise<CompatVerdict | undefined> {
  const hailort = device.versions?.hailort
  if (device.kind !== 'hailo' || typeof hailort !== 'string' || !/\.hef$/i.test(modelSource)) return undefined
  try {
    const verdict = verdictForDevice(await readHef(modelSource), device)
    return verdict !== undefined && SUSPICIOUS.includes(verdict.level) ? verdict : undefined
  } catch {
    return undefined
  }
}

/**
 * The verdict for an already-read HEF on a device, from what `device.info()` reports (its HailoRT version and
 * architecture); `undefined` when the device reports no HailoRT version. For reports built from `device.info()`.
 *
 * @example
 * ```ts
 * const verdict = verdictForDevice(await readHef('model.hef'), await device.info())
 * ```
 */
export function verdictForDevice(hef: CompatInput, device: DeviceInfo): CompatVerdict | undefined {
  const hailort = device.versions?.hailort
  if (typeof hailort !== 'string' || minorOf(hailort) === undefined) return undefined
  return checkCompatibility(hef, {
    hailort,
    ...(device.architecture === undefined ? {} : { device: device.architecture }),
  })
}
