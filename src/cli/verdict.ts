/**
 * How `check` and `compare` end: the verdict on stdout (the matcher's words, or one JSON document with
 * `--json`) and the exit code 0 or 1.
 * @packageDocumentation
 */
import type { ArtifactsOutcome } from '../../matchers/format/footer.js'
import { EXIT, type CliIo } from './types.js'
import { errorMessage } from '../error-message.js'

/** A finished check, in words and as data. */
export interface Verdict {
  readonly pass: boolean
  /** `check examples/models/x.onnx on emulator`. */
  readonly headline: string
  /** The matcher's words: the whole failure message, or the passing check's summary. */
  readonly text: string
  /** What `--json` prints (the verdict, the headline and the text are added). */
  readonly document: Readonly<Record<string, unknown>>
  readonly artifacts?: ArtifactsOutcome
}

/**
 * Print `verdict` and return the exit code.
 * @example
 * ```ts
 * return writeVerdict(io, values.json === true, { pass, headline, text, document })
 * ```
 */
export function writeVerdict(io: CliIo, json: boolean, v: Verdict): number {
  const code = v.pass ? EXIT.ok : EXIT.failed
  if (json) {
    const a = v.artifacts
    const artifacts =
      a === undefined ? {} : 'folder' in a ? { artifacts: a.folder } : { artifactsError: errorMessage(a.error) }
    io.stdout(
      `${JSON.stringify({ pass: v.pass, exitCode: code, headline: v.headline, ...v.document, ...artifacts, message: v.text }, jsonSafe, 2)}\n`,
    )
  } else {
    io.stdout(`${v.pass ? 'PASS' : 'FAIL'}  ${v.headline}\n\n${v.text}\n`)
  }
  return code
}

/** JSON has no NaN, Infinity or bigint: say them as strings rather than lose them as null. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  return value
}
