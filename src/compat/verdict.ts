/**
 * Will this HailoRT load this HEF, and was the pairing validated? Refusal is predicted from the HEF's content
 * (header version, required extensions, feature flags, target) with the rules of each release; the pairing
 * from the compiler version and {@link TOOLCHAIN_PAIRINGS}.
 * @packageDocumentation
 */
import type { HefInfo } from '../hef/types.js'
import { HEF_EXTENSION_NAMES } from '../hef/features.js'
import { invalidParameter } from '../validate.js'
import { PAIRINGS_SOURCE, TOOLCHAIN_PAIRINGS } from './pairings.js'
import { compareMinor, DEVICE_ACCEPTS, HEF_NOT_COMPATIBLE_WITH_DEVICE, minorOf, normalizeArchitecture, runtimeSupport } from './runtimes.js'

/**
 * How serious a pairing is, so users do not learn to ignore warnings:
 * - `refused`: HailoRT will not load it (fail, with the reason);
 * - `hef-newer-than-runtime`: compiled for a newer HailoRT than the one running it (warn);
 * - `unvalidated-pairing`: loads, but Hailo did not validate this compiler with this runtime (note);
 * - `validated`: the pairing Hailo validated (silent).
 */
export type CompatLevel = 'refused' | 'hef-newer-than-runtime' | 'unvalidated-pairing' | 'validated'

/** One finding behind a verdict. */
export interface CompatReason {
  /** Stable identifier, e.g. `periph-calculation-missing`. */
  readonly code: string
  readonly message: string
  /** The HailoRT status a refusal returns, when known. */
  readonly status?: { readonly number: number; readonly name: string }
}

/** The verdict for one HEF on one runtime (and optionally one device). */
export interface CompatVerdict {
  readonly level: CompatLevel
  readonly hailort: string
  readonly device?: string
  readonly sdkVersion: string
  /** The HailoRT release the HEF's compiler was validated with, when the table knows it. */
  readonly pairedHailort?: string
  /** Refusals first, then the pairing finding; empty only for `validated`. */
  readonly reasons: readonly CompatReason[]
  /**
   * Set when the tables predicted a refusal but HailoRT loaded the HEF (the runtime has the last word): the
   * refusals predicted. The level is then the pairing's, and never `validated` (this runtime did not behave as
   * its release was recorded, so nobody validated this combination); the first reason asks the user to report it.
   */
  readonly disagreement?: { readonly predicted: readonly CompatReason[] }
}

/** The runtime (and device) to judge a HEF against. */
export interface CompatTarget {
  /** HailoRT version, e.g. `4.23.0`. */
  readonly hailort: string
  /** Device architecture, e.g. `HAILO8` or `HAILO8L`, when known. */
  readonly device?: string
}

/** What the verdict needs from a HEF (a {@link HefInfo} has it all). */
export type CompatInput = Pick<HefInfo, 'headerVersion' | 'sdkVersion' | 'architecture' | 'target' | 'extensions' | 'features'>

/**
 * The HailoRT release validated with this Dataflow Compiler version (matched on major.minor), if known.
 * @example
 * ```ts
 * pairedHailort('3.33.0') // '4.23.0'
 * ```
 */
export function pairedHailort(sdkVersion: string): string | undefined {
  const minor = minorOf(sdkVersion)
  return TOOLCHAIN_PAIRINGS.find((p) => minorOf(p.dataflowCompiler) === minor)?.hailort
}

function refusals(hef: CompatInput, target: CompatTarget): CompatReason[] {
  const reasons: CompatReason[] = []
  const hailort = target.hailort
  const minor = minorOf(hailort)!
  const legacy = hef.architecture === 'HAILO8' || hef.architecture === 'HAILO8L'
  if (Number(minor.split('.')[0]) >= 5 && legacy) {
    reasons.push({ code: 'runtime-line', message: `HailoRT ${hailort} is for Hailo-10/15; Hailo-8 and Hailo-8L HEFs need HailoRT 4.x (4.23 is the last).` })
  }
  const support = runtimeSupport(hailort)
  if (support !== undefined) {
    const status = support.refusalStatus
    if (!support.headerVersions.includes(hef.headerVersion)) {
      reasons.push({ code: 'header-version', message: `the file has HEF header version ${hef.headerVersion}; HailoRT ${support.version} reads versions ${support.headerVersions.join(', ')}.`, status })
    }
    const unknown = hef.extensions.filter((e) => !support.extensions.includes(e.index))
    if (unknown.length > 0) {
      const names = unknown.map((e) => HEF_EXTENSION_NAMES[e.index] ?? `#${e.index}`).join(', ')
      reasons.push({ code: 'unknown-extension', message: `the HEF requires extension${unknown.length > 1 ? 's' : ''} ${names} that HailoRT ${support.version} does not know (it is newer than this runtime).`, status })
    }
    if (support.requiresPeriphCalculation && !hef.features.periphCalculationInHailort) {
      reasons.push({ code: 'periph-calculation-missing', message: `the HEF has the periph_calculation_in_hailort feature disabled: HailoRT ${support.version} treats it as outdated and refuses it (mandatory since 4.21). Recompile it with the Dataflow Compiler that pairs with this HailoRT.`, status })
    }
    if (support.refusesHostArgmax && hef.features.legacyHostArgmax) {
      reasons.push({ code: 'host-argmax', message: `the HEF uses the legacy argmax on the host, which HailoRT ${support.version} no longer implements; recompile it.`, status })
    }
    if (hef.features.alignedCcws && hef.headerVersion !== 3) {
      reasons.push({ code: 'aligned-ccws', message: `the HEF asks for aligned code (SHARED_CONFIG) in a version ${hef.headerVersion} file; HailoRT only supports that in version 3.`, status })
    }
  }
  if (target.device !== undefined) {
    const device = normalizeArchitecture(target.device)
    const accepted = DEVICE_ACCEPTS[device]
    const status = runtimeSupport(hailort)?.architectureStatus ?? HEF_NOT_COMPATIBLE_WITH_DEVICE
    if (accepted === undefined) {
      reasons.push({ code: 'architecture', message: `the device is a ${device}; HailoRT 4.x runs Hailo-8 and Hailo-8L HEFs only on Hailo-8 and Hailo-8L devices.`, status })
    } else if (!accepted.includes(hef.target)) {
      reasons.push({
        code: 'architecture',
        message: `the HEF was compiled for ${hef.architecture} (${hef.target}) but the device is a ${device}; a ${device} runs HEFs compiled for ${accepted.join(', ')}. Compile for the device you test on${device === 'HAILO8L' ? ' (a Hailo-8L HEF also runs on a Hailo-8)' : ''}.`,
        status,
      })
    }
  }
  return reasons
}

/**
 * Judge a HEF against a HailoRT release (and a device when given).
 *
 * @throws {@link InvalidArgumentError} when `target.hailort` is not a version such as `4.23.0`.
 * @example
 * ```ts
 * const verdict = checkCompatibility(await readHef('model.hef'), { hailort: '4.19.0', device: 'HAILO8' })
 * if (verdict.level === 'refused') throw new Error(verdict.reasons[0].message)
 * ```
 */
export function checkCompatibility(hef: CompatInput, target: CompatTarget): CompatVerdict {
  if (typeof target?.hailort !== 'string' || minorOf(target.hailort) === undefined) {
    throw invalidParameter('target.hailort', 'a HailoRT version such as "4.23.0"', target?.hailort)
  }
  const reasons = refusals(hef, target)
  const paired = pairedHailort(hef.sdkVersion)
  const runtime = minorOf(target.hailort)!
  const base = { hailort: target.hailort, sdkVersion: hef.sdkVersion, ...(target.device === undefined ? {} : { device: normalizeArchitecture(target.device) }), ...(paired === undefined ? {} : { pairedHailort: paired }) }
  let level: CompatLevel = reasons.length > 0 ? 'refused' : 'validated'
  if (paired === undefined) {
    reasons.push({ code: 'unknown-compiler', message: `no validated HailoRT is recorded for Dataflow Compiler ${hef.sdkVersion} (source: ${PAIRINGS_SOURCE}).` })
    if (level !== 'refused') level = 'unvalidated-pairing'
  } else {
    const cmp = compareMinor(minorOf(paired)!, runtime)
    if (cmp > 0) {
      reasons.push({ code: 'hef-newer-than-runtime', message: `the HEF was compiled with Dataflow Compiler ${hef.sdkVersion}, validated with HailoRT ${paired}, but runs on the older HailoRT ${target.hailort}. Install HailoRT ${paired}, or compile with the Dataflow Compiler that pairs with ${target.hailort}.` })
      if (level !== 'refused') level = 'hef-newer-than-runtime'
    } else if (cmp < 0) {
      reasons.push({ code: 'unvalidated-pairing', message: `Dataflow Compiler ${hef.sdkVersion} was validated with HailoRT ${paired}, not ${target.hailort} (source: ${PAIRINGS_SOURCE}). It usually works; if results look wrong, try the validated pair first.` })
      if (level !== 'refused') level = 'unvalidated-pairing'
    }
  }
  return { level, ...base, reasons }
}

/**
 * The verdict against every HailoRT 4.x release the reader knows, oldest first (for `inspect` without a runtime).
 * @example
 * ```ts
 * compatibilityAcrossReleases(await readHef('model.hef'), 'HAILO8L').filter((v) => v.level !== 'refused').map((v) => v.hailort)
 * ```
 */
export function compatibilityAcrossReleases(hef: CompatInput, device?: string): CompatVerdict[] {
  const releases = ['4.13', '4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', '4.22', '4.23']
  return releases.map((r) => checkCompatibility(hef, { hailort: `${r}.0`, ...(device === undefined ? {} : { device }) }))
}
