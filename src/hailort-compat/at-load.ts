/**
 * The compatibility verdict of a HEF on the runtime and chip that load it, judged once per load from the
 * bytes being loaded (not re-read from the path later, when the file may have been rebuilt). The backend
 * keeps it on the loaded model; reports and failure messages read it from there.
 * @packageDocumentation
 */
import { startsWithHefMagic } from '../hef/header.js'
import { parseHef } from '../hef/read.js'
import { minorOf } from './runtimes.js'
import type { CompatReason, CompatVerdict } from './verdict.js'
import { PAIRING_CODES } from './codes.js'
import { hefRefusedError } from './refusal.js'
import { checkCompatibility } from './verdict.js'

/** The runtime and chip a HEF is loaded on. */
export interface LoadTarget {
  /** HailoRT library version, e.g. `4.21.0`. */
  readonly hailort: string
  /** The chip's architecture as the device reports it (`Hailo-8`, `Hailo-8L`), when known. */
  readonly architecture?: string
}

/**
 * The verdict for `bytes` on `target`, or `undefined` when there is none to give: the bytes are not a HEF
 * (HailoRT then answers for itself), the project's reader cannot parse them (HailoRT is the authority on a
 * file the reader does not understand), or the runtime version is not one the tables can judge.
 *
 * @example
 * ```ts
 * const verdict = verdictAtLoad(bytes, { hailort: '4.21.0', architecture: 'Hailo-8' })
 * verdict?.level // 'unvalidated-pairing' for a HEF from Dataflow Compiler 3.29
 * ```
 */
export function verdictAtLoad(bytes: Uint8Array, target: LoadTarget): CompatVerdict | undefined {
  if (!(bytes instanceof Uint8Array) || !startsWithHefMagic(bytes) || minorOf(target.hailort) === undefined)
    return undefined
  let hef
  try {
    hef = parseHef(bytes)
  } catch {
    return undefined
  }
  return checkCompatibility(hef, {
    hailort: target.hailort,
    ...(target.architecture === undefined ? {} : { device: target.architecture }),
  })
}

/**
 * Judge a HEF and refuse it when the verdict is `refused`, without asking HailoRT (for callers with no runtime
 * to ask; the hailo device lets HailoRT try instead, see {@link acceptedDespitePrediction}).
 * Returns the verdict otherwise (to keep on the loaded model).
 *
 * @throws {@link HefRefusedError} with every reason, when this HailoRT or this chip will not run the HEF.
 * @example
 * ```ts
 * const compatibility = refuseOrJudge(request.bytes, request.source, { hailort: lib.versionText, architecture })
 * ```
 */
export function refuseOrJudge(bytes: Uint8Array, source: string, target: LoadTarget): CompatVerdict | undefined {
  const verdict = verdictAtLoad(bytes, target)
  if (verdict?.level === 'refused') throw hefRefusedError(source, verdict)
  return verdict
}

/** Reason code of the note kept when HailoRT loads a HEF the tables predicted it would refuse. */
export const PREDICTION_DISAGREES = 'prediction-disagrees'

/**
 * The verdict to keep when HailoRT loaded a HEF that `predicted` (level `refused`) said it would refuse: the
 * runtime has the last word, so the HEF is not refused, but the table was wrong about this runtime. The
 * refusals move to `disagreement.predicted`, the first reason asks for a report, and the level is the
 * pairing's, at best `unvalidated-pairing`: a runtime that does not behave as its release was recorded is not
 * a combination anyone validated, so a determinism or parity failure names it as a likely cause.
 * Returns `predicted` unchanged when it is not a refusal.
 *
 * @example
 * ```ts
 * const kept = acceptedDespitePrediction(verdictAtLoad(bytes, { hailort: '4.23.0' })!)
 * kept.disagreement?.predicted // the periph_calculation_in_hailort refusal that did not happen
 * ```
 */
export function acceptedDespitePrediction(predicted: CompatVerdict): CompatVerdict {
  if (predicted.level !== 'refused') return predicted
  const refusals = predicted.reasons.filter((r) => !PAIRING_CODES.includes(r.code))
  const pairing = predicted.reasons.filter((r) => PAIRING_CODES.includes(r.code))
  const level = pairing.some((r) => r.code === 'hef-newer-than-runtime')
    ? 'hef-newer-than-runtime'
    : 'unvalidated-pairing'
  const note: CompatReason = {
    code: PREDICTION_DISAGREES,
    hailort: predicted.hailort,
    predicted: refusals.map((r) => r.code),
  }
  return { ...predicted, level, reasons: [note, ...pairing], disagreement: { predicted: refusals } }
}
