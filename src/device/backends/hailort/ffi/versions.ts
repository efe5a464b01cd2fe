/**
 * Which libhailort versions the binding supports and which struct layout each one uses.
 * Pure: no koffi, no file system. The layouts were measured against the real header of every
 * tag (`../abi/layouts.json`); only `hailo_nms_shape_t`, and with it `hailo_vstream_info_t`, differ.
 * @packageDocumentation
 */

/** A struct-layout family: every version in it has byte-identical layouts for the structs we use. */
export type LayoutFamily = 'v4_18' | 'v4_20' | 'v4_21'

/** libhailort's own version triple, as `hailo_get_library_version` reports it. */
export interface LibraryVersion {
  readonly major: number
  readonly minor: number
  readonly revision: number
}

/** Minor versions of the 4.x line we support, each with its layout family. 4.23 is the last line for Hailo-8. */
export const SUPPORTED_MINORS: Readonly<Record<number, LayoutFamily>> = {
  18: 'v4_18',
  19: 'v4_18',
  20: 'v4_20',
  21: 'v4_21',
  22: 'v4_21',
  23: 'v4_21',
}

/** Human-readable range for messages. */
export const SUPPORTED_RANGE = '4.18 to 4.23'

/** `4.23.0` style text. */
export function formatVersion(v: LibraryVersion): string {
  return `${v.major}.${v.minor}.${v.revision}`
}

/**
 * The layout family of a library version, or `undefined` when the version is not one whose
 * header was measured (older 4.x, or 5.x which is for Hailo-10/15 and has another ABI).
 */
export function layoutFamilyOf(v: LibraryVersion): LayoutFamily | undefined {
  if (v.major !== 4) return undefined
  return SUPPORTED_MINORS[v.minor]
}

/** Why a version is refused, in words a user can act on; `undefined` when it is supported. */
export function explainUnsupported(v: LibraryVersion): string | undefined {
  if (layoutFamilyOf(v) !== undefined) return undefined
  const got = formatVersion(v)
  if (v.major >= 5) {
    return `libhailort ${got} is the 5.x line, which drives Hailo-10 / Hailo-15 only; Hailo-8 and Hailo-8L need HailoRT ${SUPPORTED_RANGE}. Install a 4.x HailoRT (4.23 is the last for Hailo-8) or point HAILORT_LIB at one.`
  }
  return `libhailort ${got} is not supported: vitest-hailo knows the struct layouts of HailoRT ${SUPPORTED_RANGE} only (measured against each release's header). Upgrade HailoRT to 4.23 (Raspberry Pi OS: sudo apt install hailo-all) or point HAILORT_LIB at a supported build.`
}
