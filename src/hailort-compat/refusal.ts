/**
 * The refusal of a HEF as an error: the words are built here, where the verdict is, so `src/errors/`
 * stays a leaf that imports nothing and {@link HefRefusedError} receives its finished message.
 * @packageDocumentation
 */
import { HefRefusedError, type HefRuntimeRefusal } from '../errors.js'
import { PAIRING_CODES } from './codes.js'
import type { CompatVerdict } from './verdict.js'
import { describeReason } from './words.js'

/**
 * The {@link HefRefusedError} for a `refused` verdict: the reasons, HailoRT's own refusal first when
 * HailoRT was asked (`runtime`), and what to do.
 *
 * @example
 * ```ts
 * if (verdict.level === 'refused') throw hefRefusedError('model.hef', verdict)
 * ```
 */
export function hefRefusedError(
  source: string,
  verdict: CompatVerdict,
  runtime?: HefRuntimeRefusal & { readonly cause?: unknown },
): HefRefusedError {
  const on = `HailoRT ${verdict.hailort}${verdict.device === undefined ? '' : ` on a ${verdict.device}`}`
  // The pairing finding is said once, in the closing sentence; the refusals are the reasons.
  const reasons = verdict.reasons
    .filter((r) => !PAIRING_CODES.includes(r.code))
    .map(
      (r) =>
        `- ${describeReason(r)}${r.status === undefined ? '' : ` (HailoRT returns status ${r.status.number}, ${r.status.name})`}`,
    )
  const paired =
    verdict.pairedHailort === undefined
      ? ''
      : ` It was compiled with Dataflow Compiler ${verdict.sdkVersion}, validated with HailoRT ${verdict.pairedHailort}.`
  const head =
    runtime === undefined
      ? [`${source} will not load on ${on}:`, ...reasons]
      : [
          `${source} will not load on ${on}: HailoRT refused it (${runtime.operation} returned status ${runtime.status}, ${runtime.statusName}).`,
          'Predicted by the compatibility table:',
          ...reasons,
        ]
  const message = [...head, `Recompile the HEF for this runtime and chip, or run it where it pairs.${paired}`].join(
    '\n',
  )
  return new HefRefusedError(source, verdict, message, runtime)
}
