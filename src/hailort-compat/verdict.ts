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
import {
  compareMinor,
  DEVICE_ACCEPTS,
  HEF_NOT_COMPATIBLE_WITH_DEVICE,
  minorOf,
  normalizeArchitecture,
  runtimeSupport,
} from './runtimes.js'

/**
 * How serious a pairing is, so users do not learn to ignore warnings:
 * - `refused`: HailoRT will not load it (fail, with the reason);
 * - `hef-newer-than-runtime`: compiled for a newer HailoRT than the one running it (warn);
 * - `unvalidated-pairing`: loads, but Hailo did not validate this compiler with this runtime (note);
 * - `validated`: the pairing Hailo validated (silent).
 */
export type CompatLevel = 'refused' | 'hef-newer-than-runtime' | 'unvalidated-pairing' | 'validated'

/** The HailoRT status a refusal returns. */
export interface CompatStatus {
  readonly number: number
  readonly name: string
}

/**
 * One finding behind a verdict, as data: a stable `code` and the facts it rests on. The words are
 * {@link describeReason}'s (`./words.ts`), for errors, matcher messages and the CLI alike.
 */
export type CompatReason =
  /** A Hailo-8/8L HEF on a HailoRT 5.x (Hailo-10/15 only). */
  | { readonly code: 'runtime-line'; readonly hailort: string; readonly status?: CompatStatus }
  | {
      readonly code: 'header-version'
      readonly headerVersion: number
      readonly runtime: string
      readonly readable: readonly number[]
      readonly status?: CompatStatus
    }
  | {
      readonly code: 'unknown-extension'
      readonly extensions: readonly string[]
      readonly runtime: string
      readonly status?: CompatStatus
    }
  | { readonly code: 'periph-calculation-missing'; readonly runtime: string; readonly status?: CompatStatus }
  | { readonly code: 'host-argmax'; readonly runtime: string; readonly status?: CompatStatus }
  | { readonly code: 'aligned-ccws'; readonly headerVersion: number; readonly status?: CompatStatus }
  /** `hefArchitecture` / `hefTarget` / `accepted` are absent when the device is not one HailoRT 4.x drives. */
  | {
      readonly code: 'architecture'
      readonly device: string
      readonly hefArchitecture?: string
      readonly hefTarget?: string
      readonly accepted?: readonly string[]
      readonly status?: CompatStatus
    }
  | {
      readonly code: 'unknown-compiler'
      readonly sdkVersion: string
      readonly source: string
      readonly status?: CompatStatus
    }
  | {
      readonly code: 'hef-newer-than-runtime'
      readonly sdkVersion: string
      readonly paired: string
      readonly hailort: string
      readonly status?: CompatStatus
    }
  | {
      readonly code: 'unvalidated-pairing'
      readonly sdkVersion: string
      readonly paired: string
      readonly hailort: string
      readonly source: string
      readonly status?: CompatStatus
    }
  /** HailoRT loaded a HEF the tables said it would refuse. */
  | {
      readonly code: 'prediction-disagrees'
      readonly hailort: string
      readonly predicted: readonly string[]
      readonly status?: CompatStatus
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
export type CompatInput = Pick<
  HefInfo,
  'headerVersion' | 'sdkVersion' | 'architecture' | 'target' | 'extensions' | 'features'
>

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
    reasons.push({ code: 'runtime-line', hailort })
  }
  const support = runtimeSupport(hailort)
  if (support !== undefined) {
    const status = support.refusalStatus
    if (!support.headerVersions.includes(hef.headerVersion)) {
      reasons.push({
        code: 'header-version',
        headerVersion: hef.headerVersion,
        runtime: support.version,
        readable: support.headerVersions,
        status,
      })
    }
    const unknown = hef.extensions.filter((e) => !support.extensions.includes(e.index))
    if (unknown.length > 0) {
      const extensions = unknown.map((e) => HEF_EXTENSION_NAMES[e.index] ?? `#${e.index}`)
      reasons.push({ code: 'unknown-extension', extensions, runtime: support.version, status })
    }
    if (support.requiresPeriphCalculation && !hef.features.periphCalculationInHailort) {
      reasons.push({ code: 'periph-calculation-missing', runtime: support.version, status })
    }
    if (support.refusesHostArgmax && hef.features.legacyHostArgmax) {
      reasons.push({ code: 'host-argmax', runtime: support.version, status })
    }
    if (hef.features.alignedCcws && hef.headerVersion !== 3) {
      reasons.push({ code: 'aligned-ccws', headerVersion: hef.headerVersion, status })
    }
  }
  if (target.device !== undefined) {
    const device = normalizeArchitecture(target.device)
    const accepted = DEVICE_ACCEPTS[device]
    const status = runtimeSupport(hailort)?.architectureStatus ?? HEF_NOT_COMPATIBLE_WITH_DEVICE
    if (accepted === undefined) {
      reasons.push({ code: 'architecture', device, status })
    } else if (!accepted.includes(hef.target)) {
      reasons.push({
        code: 'architecture',
        device,
        hefArchitecture: hef.architecture,
        hefTarget: hef.target,
        accepted,
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
 * if (verdict.level === 'refused') console.log(verdict.reasons.map(describeReason))
 * ```
 */
export function checkCompatibility(hef: CompatInput, target: CompatTarget): CompatVerdict {
  if (typeof target?.hailort !== 'string' || minorOf(target.hailort) === undefined) {
    throw invalidParameter('target.hailort', 'a HailoRT version such as "4.23.0"', target?.hailort)
  }
  const reasons = refusals(hef, target)
  const paired = pairedHailort(hef.sdkVersion)
  const runtime = minorOf(target.hailort)!
  const base = {
    hailort: target.hailort,
    sdkVersion: hef.sdkVersion,
    ...(target.device === undefined ? {} : { device: normalizeArchitecture(target.device) }),
    ...(paired === undefined ? {} : { pairedHailort: paired }),
  }
  let level: CompatLevel = reasons.length > 0 ? 'refused' : 'validated'
  if (paired === undefined) {
    reasons.push({ code: 'unknown-compiler', sdkVersion: hef.sdkVersion, source: PAIRINGS_SOURCE })
    if (level !== 'refused') level = 'unvalidated-pairing'
  } else {
    const cmp = compareMinor(minorOf(paired)!, runtime)
    if (cmp > 0) {
      reasons.push({ code: 'hef-newer-than-runtime', sdkVersion: hef.sdkVersion, paired, hailort: target.hailort })
      if (level !== 'refused') level = 'hef-newer-than-runtime'
    } else if (cmp < 0) {
      reasons.push({
        code: 'unvalidated-pairing',
        sdkVersion: hef.sdkVersion,
        paired,
        hailort: target.hailort,
        source: PAIRINGS_SOURCE,
      })
      if (level !== 'refused') level = 'unvalidated-pairing'
    }
  }
  return { level, ...base, reasons }
}

/**
 * The verdict against every HailoRT 4.x release the reader knows, oldest first (for `inspect` without a runtime).
 * @example
 * ```ts
 * compatibilityAcrossReleases(await readHef('model.hef'), 'HAILO8L').filter((v) => v.level !== 'refused').map((v) =>
 * v.hailort)
 * ```
 */
export function compatibilityAcrossReleases(hef: CompatInput, device?: string): CompatVerdict[] {
  const releases = ['4.13', '4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', '4.22', '4.23']
  return releases.map((r) =>
    checkCompatibility(hef, { hailort: `${r}.0`, ...(device === undefined ? {} : { device }) }),
  )
}
