/**
 * The words for a compatibility verdict: one sentence per reason code, from the facts the verdict
 * carries. Kept apart from the rules (`verdict.ts`) so the rules return data only; errors, matcher
 * messages and the CLI all say the same thing through these functions.
 * @packageDocumentation
 */
import type { CompatLevel, CompatReason, CompatVerdict } from './verdict.js'

/**
 * What a reason means and what to do, in one sentence (lower-case start: it follows a colon or a dash).
 * @example
 * ```ts
 * describeReason({ code: 'host-argmax', runtime: '4.23' })
 * // 'the HEF uses the legacy argmax on the host, which HailoRT 4.23 no longer implements; recompile it.'
 * ```
 */
export function describeReason(r: CompatReason): string {
  switch (r.code) {
    case 'runtime-line':
      return `HailoRT ${r.hailort} is for Hailo-10/15; Hailo-8 and Hailo-8L HEFs need HailoRT 4.x (4.23 is the last).`
    case 'header-version':
      return `the file has HEF header version ${r.headerVersion}; HailoRT ${r.runtime} reads versions ${r.readable.join(', ')}.`
    case 'unknown-extension':
      return `the HEF requires extension${r.extensions.length > 1 ? 's' : ''} ${r.extensions.join(', ')} that HailoRT ${r.runtime} does not know (it is newer than this runtime).`
    case 'periph-calculation-missing':
      return `the HEF has the periph_calculation_in_hailort feature disabled: HailoRT ${r.runtime} treats it as outdated and refuses it (mandatory since 4.21). Recompile it with the Dataflow Compiler that pairs with this HailoRT.`
    case 'host-argmax':
      return `the HEF uses the legacy argmax on the host, which HailoRT ${r.runtime} no longer implements; recompile it.`
    case 'aligned-ccws':
      return `the HEF asks for aligned code (SHARED_CONFIG) in a version ${r.headerVersion} file; HailoRT only supports that in version 3.`
    case 'architecture':
      if (r.accepted === undefined)
        return `the device is a ${r.device}; HailoRT 4.x runs Hailo-8 and Hailo-8L HEFs only on Hailo-8 and Hailo-8L devices.`
      return (
        `the HEF was compiled for ${r.hefArchitecture} (${r.hefTarget}) but the device is a ${r.device}; a ${r.device} runs HEFs compiled for ${r.accepted.join(', ')}. ` +
        `Compile for the device you test on${r.device === 'HAILO8L' ? ' (a Hailo-8L HEF also runs on a Hailo-8)' : ''}.`
      )
    case 'unknown-compiler':
      return `no validated HailoRT is recorded for Dataflow Compiler ${r.sdkVersion} (source: ${r.source}).`
    case 'hef-newer-than-runtime':
      return (
        `the HEF was compiled with Dataflow Compiler ${r.sdkVersion}, validated with HailoRT ${r.paired}, but runs on the older HailoRT ${r.hailort}. ` +
        `Install HailoRT ${r.paired}, or compile with the Dataflow Compiler that pairs with ${r.hailort}.`
      )
    case 'unvalidated-pairing':
      return `Dataflow Compiler ${r.sdkVersion} was validated with HailoRT ${r.paired}, not ${r.hailort} (source: ${r.source}). It usually works; if results look wrong, try the validated pair first.`
    case 'prediction-disagrees':
      return `our compatibility table predicted refusal by HailoRT ${r.hailort} (${r.predicted.join(', ')}), but it loaded: please report it (the HEF's header and HailoRT version) so the table can be corrected.`
  }
}

/**
 * One sentence for a verdict, starting with its level: what the user should read first in a failure.
 * @example
 * ```ts
 * verdictSentence(verdict) // 'HEF newer than the runtime: the HEF was compiled with Dataflow Compiler 3.31.0, …'
 * ```
 */
export function verdictSentence(verdict: CompatVerdict): string {
  const label: Record<CompatLevel, string> = {
    refused: `HailoRT ${verdict.hailort} will refuse this HEF`,
    'hef-newer-than-runtime': 'HEF newer than the runtime',
    'unvalidated-pairing': 'Not a validated compiler/runtime pairing',
    validated: 'Validated pairing',
  }
  const first = verdict.reasons[0]
  return first === undefined ? `${label[verdict.level]}.` : `${label[verdict.level]}: ${describeReason(first)}`
}
