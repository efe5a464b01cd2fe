/**
 * What each HailoRT 4.x release accepts in a HEF, as facts read in its public sources (hailo-ai/hailort, one
 * tag per release: `hef_internal.hpp` `SUPPORTED_EXTENSIONS` and `HEADER_VERSION_*`, `hef.cpp`
 * `validate_hef_extensions` / `fill_layer_info_with_base_info`, `device_internal.cpp` `is_hef_compatible`).
 * Tag 4.16.0 has no `v` prefix; every other tag is `vX.Y.0`.
 * @packageDocumentation
 */

/** What one HailoRT release accepts. */
export interface RuntimeSupport {
  /** `major.minor`, e.g. `4.23`. */
  readonly version: string
  /** HEF file header versions it parses. */
  readonly headerVersions: readonly number[]
  /** Indices (`ProtoHEFExtensionType`) of the required extensions it knows; any other required extension is refused. */
  readonly extensions: readonly number[]
  /** Refuses HEFs without `PERIPH_CALCULATION_IN_HAILORT` (extension 26). */
  readonly requiresPeriphCalculation: boolean
  /** Refuses HEFs whose layers ask for the legacy host-side argmax. */
  readonly refusesHostArgmax: boolean
  /** The status it returns when it refuses a HEF's content. */
  readonly refusalStatus: { readonly number: number; readonly name: string }
  /**
   * The status it returns when configuring a HEF compiled for another architecture
   * (`check_hef_is_compatible`): HAILO_INVALID_HEF up to 4.20, HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE from 4.21.
   */
  readonly architectureStatus: { readonly number: number; readonly name: string }
}

// Extension lists, cumulative as the releases added them (the comments in SUPPORTED_EXTENSIONS name each release).
const UP_TO_4_13 = [0, 1, 2, 3, 4, 5, 6, 9, 10, 12, 13, 14]
const UP_TO_4_14 = [...UP_TO_4_13, 16, 18, 19, 20, 21, 22, 23, 15, 25, 26]
const UP_TO_4_15 = [...UP_TO_4_14, 24, 17]
const UP_TO_4_16 = [...UP_TO_4_15, 11, 27]
const UP_TO_4_17 = [...UP_TO_4_16, 28, 29]
const UP_TO_4_21 = [...UP_TO_4_17, 30, 31, 32]

const INVALID_HEF = { number: 26, name: 'HAILO_INVALID_HEF' }
const HEF_NOT_SUPPORTED = { number: 92, name: 'HAILO_HEF_NOT_SUPPORTED' }
/** Exported for the verdict's fallback on a runtime outside the table. */
export const HEF_NOT_COMPATIBLE_WITH_DEVICE = { number: 93, name: 'HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE' }

const release = (
  version: string,
  headerVersions: number[],
  extensions: number[],
  newer: { periph?: boolean; argmax?: boolean; status?: { number: number; name: string } } = {},
): RuntimeSupport => ({
  version,
  headerVersions,
  extensions,
  requiresPeriphCalculation: newer.periph ?? false,
  refusesHostArgmax: newer.argmax ?? false,
  refusalStatus: newer.status ?? INVALID_HEF,
  // Status 93 exists from 4.21, the release that also made HEF refusals HAILO_HEF_NOT_SUPPORTED.
  architectureStatus: newer.status === undefined ? INVALID_HEF : HEF_NOT_COMPATIBLE_WITH_DEVICE,
})

/** HailoRT 4.x releases, oldest first (4.13 to 4.23, the last of the Hailo-8 line). */
export const HAILORT_RELEASES: readonly RuntimeSupport[] = [
  release('4.13', [0], UP_TO_4_13),
  release('4.14', [0], UP_TO_4_14),
  release('4.15', [0], UP_TO_4_15),
  release('4.16', [0], UP_TO_4_16),
  // 4.17 had a version 1 header of its own (u32 code size + MD5), unlike the CRC layout of 4.18+: today's
  // version 1 files do not parse there, so only version 0 counts as supported.
  release('4.17', [0], UP_TO_4_17),
  release('4.18', [0, 1], UP_TO_4_17),
  release('4.19', [0, 1], UP_TO_4_17, { argmax: true }),
  release('4.20', [0, 1, 2], UP_TO_4_17, { argmax: true }),
  release('4.21', [0, 1, 2, 3], UP_TO_4_21, { periph: true, argmax: true, status: HEF_NOT_SUPPORTED }),
  release('4.22', [0, 1, 2, 3], UP_TO_4_21, { periph: true, argmax: true, status: HEF_NOT_SUPPORTED }),
  release('4.23', [0, 1, 2, 3], UP_TO_4_21, { periph: true, argmax: true, status: HEF_NOT_SUPPORTED }),
]

/** `major.minor` of a version string such as `4.23.0`, or undefined when it is not one. */
export function minorOf(version: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+.].*)?$/.exec(version.trim())
  return match === null ? undefined : `${Number(match[1])}.${Number(match[2])}`
}

/** Compare two `major.minor` strings numerically. */
export function compareMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number]
  const [bm, bn] = b.split('.').map(Number) as [number, number]
  return am - bm || an - bn
}

/** The release table entry for a HailoRT version (`4.23.0`, `4.23`), if it is a known 4.x release. */
export function runtimeSupport(hailort: string): RuntimeSupport | undefined {
  const minor = minorOf(hailort)
  return HAILORT_RELEASES.find((r) => r.version === minor)
}

/**
 * Which HEF targets (`ProtoHEFHwArch` names) a device architecture accepts (`DeviceBase::is_hef_compatible`,
 * identical in 4.17–4.23). A Hailo-8 runs Hailo-8L HEFs (slower); a Hailo-8L runs only Hailo-8L HEFs.
 */
export const DEVICE_ACCEPTS: Readonly<Record<string, readonly string[]>> = {
  HAILO8: ['HAILO8P', 'HAILO8R', 'HAILO8L'],
  HAILO8L: ['HAILO8L'],
}

/** `Hailo-8L`, `hailo8l`, `HAILO_ARCH_HAILO8L` → `HAILO8L`. */
export function normalizeArchitecture(architecture: string): string {
  return architecture
    .toUpperCase()
    .replace(/^HAILO_ARCH_/, '')
    .replace(/[^A-Z0-9]/g, '')
}
