/**
 * `vitest-hailo/hef`: the pure-TypeScript HEF reader (no HailoRT needed) and the HailoRT
 * compatibility tables and verdicts that `vitest-hailo inspect` prints. For a one-call summary of
 * any model file, `describeModel` from `vitest-hailo` is usually enough.
 * @packageDocumentation
 */
export { readHef, parseHef } from '../hef/read.js'
export type {
  HefInfo,
  HefNetworkGroup,
  HefVStreamInfo,
  HefQuantInfo,
  HefExtension,
  HefFeatures,
  HailoArchitecture,
  HailoFormatOrder,
  HailoFormatType,
} from '../hef/types.js'
export { hefTensorInfo } from '../device/backends/hailort/hef-tensor-info.js'
export { hefDisagreements } from '../hef/cross-check.js'
export type { HailortHefView, HefDisagreement } from '../hef/cross-check.js'
export { checkCompatibility, compatibilityAcrossReleases, pairedHailort } from '../hailort-compat/verdict.js'
export type { CompatLevel, CompatReason, CompatTarget, CompatVerdict } from '../hailort-compat/verdict.js'
export { compatibilityLikelyCause, verdictForDevice } from '../hailort-compat/likely-cause.js'
export { verdictAtLoad } from '../hailort-compat/at-load.js'
export type { LoadTarget } from '../hailort-compat/at-load.js'
export { describeReason, verdictSentence } from '../hailort-compat/words.js'
export { TOOLCHAIN_PAIRINGS, PAIRINGS_SOURCE } from '../hailort-compat/pairings.js'
export type { ToolchainPairing } from '../hailort-compat/pairings.js'
export { statusName, statusAddedIn, STATUS_NAMES, STATUS_HINTS } from '../device/backends/hailort/ffi/status.js'
