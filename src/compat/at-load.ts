/**
 * The compatibility verdict of a HEF on the runtime and chip that load it, judged once per load from the
 * bytes being loaded (not re-read from the path later, when the file may have been rebuilt). The backend
 * keeps it on the loaded model; reports and failure messages read it from there.
 * @packageDocumentation
 */
import { HefRefusedError } from '../errors.js'
import { startsWithHefMagic } from '../hef/header.js'
import { parseHef } from '../hef/read.js'
import { minorOf } from './runtimes.js'
import type { CompatVerdict } from './verdict.js'
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
  if (!(bytes instanceof Uint8Array) || !startsWithHefMagic(bytes) || minorOf(target.hailort) === undefined) return undefined
  let hef
  try {
    hef = parseHef(bytes)
  } catch {
    return undefined
  }
  return checkCompatibility(hef, { hailort: target.hailort, ...(target.architecture === undefined ? {} : { device: target.architecture }) })
}

/**
 * Judge a HEF at load and refuse it, before any byte reaches HailoRT, when the verdict is `refused`.
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
  if (verdict?.level === 'refused') throw new HefRefusedError(source, verdict)
  return verdict
}
