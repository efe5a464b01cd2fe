/**
 * The HEF's compiler/runtime pairing in failure messages: as the first likely cause when the pairing is
 * not the one Hailo validated, and in a few words on the footer's Device line whatever it is.
 * The verdict itself is data computed once at load (`model.compatibility`); this file only words it.
 * @packageDocumentation
 */
import { PAIRING_CODES } from '../../src/hailort-compat/codes.js'
import { PAIRINGS_SOURCE } from '../../src/hailort-compat/pairings.js'
import type { CompatVerdict } from '../../src/hailort-compat/verdict.js'
import { describeReason } from '../../src/hailort-compat/words.js'

/**
 * The "Likely cause:" paragraph for a verdict that is not `validated`, naming the HEF's compiler, the
 * HailoRT it was validated with, the HailoRT that ran it and where the pairing comes from; `undefined`
 * for a validated pairing (silent, so the line keeps its weight when it does appear).
 * @example
 * ```ts
 * formatLikelyCause(verdict)
 * // 'Likely cause: not a validated compiler/runtime pairing. The HEF was compiled with Dataflow Compiler 3.29.0, …'
 * ```
 */
export function formatLikelyCause(verdict: CompatVerdict): string | undefined {
  const source = `(pairings: ${PAIRINGS_SOURCE})`
  const compiled = `The HEF was compiled with Dataflow Compiler ${verdict.sdkVersion}`
  if (verdict.disagreement !== undefined) {
    // HailoRT loaded a HEF our table said it refuses: not a validated pairing either way, and worth a report.
    const predicted = verdict.disagreement.predicted.map(describeReason).join(' ')
    return `Likely cause: not a validated compiler/runtime pairing: our compatibility table predicted HailoRT ${verdict.hailort} would refuse this HEF (${predicted}), but it loaded; please report it. ${compiled}${verdict.pairedHailort === undefined ? '' : `, which Hailo validated with HailoRT ${verdict.pairedHailort}`} ${source}.`
  }
  switch (verdict.level) {
    case 'validated':
      return undefined
    case 'unvalidated-pairing':
      return verdict.pairedHailort === undefined
        ? `Likely cause: no validated pairing is known. ${compiled}, for which the pairing table records no HailoRT; this chip runs HailoRT ${verdict.hailort} ${source}.`
        : `Likely cause: not a validated compiler/runtime pairing. ${compiled}, which Hailo validated with HailoRT ${verdict.pairedHailort}; this chip runs HailoRT ${verdict.hailort}. Try the validated pair first ${source}.`
    case 'hef-newer-than-runtime':
      return `Likely cause: the HEF is newer than the runtime. ${compiled}, which Hailo validated with HailoRT ${verdict.pairedHailort ?? '(unknown)'}; this chip runs the older HailoRT ${verdict.hailort}. Install HailoRT ${verdict.pairedHailort ?? 'that pairs with it'}, or compile with the Dataflow Compiler that pairs with ${verdict.hailort} ${source}.`
    case 'refused': {
      const refusals = verdict.reasons.filter((r) => !PAIRING_CODES.includes(r.code)).map(describeReason)
      return `Likely cause: HailoRT ${verdict.hailort} refuses this HEF: ${refusals.join(' ')}`
    }
  }
}

/**
 * The pairing in a few words, for the footer's Device line.
 * @example
 * ```ts
 * formatPairing(verdict) // 'HEF from Dataflow Compiler 3.29.0, validated with HailoRT 4.19.0, not 4.21.0'
 * ```
 */
export function formatPairing(verdict: CompatVerdict): string {
  const hef = `HEF from Dataflow Compiler ${verdict.sdkVersion}`
  if (verdict.level === 'refused') return `${hef}, refused by HailoRT ${verdict.hailort}`
  if (verdict.disagreement !== undefined)
    return `${hef}, loaded although our table predicted refusal by HailoRT ${verdict.hailort} (please report)`
  if (verdict.pairedHailort === undefined) return `${hef}, no validated HailoRT recorded`
  if (verdict.level === 'validated') return `${hef}, a validated pairing with HailoRT ${verdict.hailort}`
  if (verdict.level === 'hef-newer-than-runtime')
    return `${hef}, validated with HailoRT ${verdict.pairedHailort}, newer than this ${verdict.hailort}`
  return `${hef}, validated with HailoRT ${verdict.pairedHailort}, not ${verdict.hailort}`
}
