/**
 * Reading a `report.json` for `report merge`: only a regular file, only the run-report format this
 * version reads, and a message that names the file and what is wrong (not JSON, cut short, another
 * format or version, a field missing) before anything is merged.
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { FileError } from '../../errors.js'
import { readUserText } from '../../files/read-user-file.js'
import { RUN_REPORT_FORMAT, RUN_REPORT_FORMAT_VERSION, type RunReport } from '../../report/run-report/types.js'

/** What this version reads, for messages. */
const ACCEPTED = `a report.json written by vitest-hailo's reporter (format "${RUN_REPORT_FORMAT}", version ${RUN_REPORT_FORMAT_VERSION})`

/** A report and the path it came from. */
export interface SourcedReport {
  readonly path: string
  readonly report: RunReport
}

const problem = (path: string, reason: string, cause?: unknown): FileError =>
  new FileError(
    'E_REPORT_FILE',
    path,
    `Cannot merge ${path}: ${reason}. Expected ${ACCEPTED}.`,
    cause === undefined ? undefined : { cause },
  )

/**
 * Read and check one report; a folder stands for the `report.json` inside it.
 * @throws {@link FileError} (code `E_REPORT_FILE`) naming the file and the problem.
 * @example
 * ```ts
 * const { report } = await readRunReport('reports/pi-a/report.json')
 * ```
 */
export async function readRunReport(path: string): Promise<SourcedReport> {
  const file = (await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  ))
    ? join(path, 'report.json')
    : path
  const text = await readUserText(file, { fail: (reason, cause) => problem(file, reason, cause) })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const cut =
      text.trim() === ''
        ? 'it is empty'
        : `it is not valid JSON (${(error as Error).message}${looksTruncated(text) ? '; the file looks cut short, e.g. a copy or upload that did not finish' : ''})`
    throw problem(file, cut, error)
  }
  return { path: file, report: checkShape(file, value) }
}

function looksTruncated(text: string): boolean {
  const end = text.trimEnd()
  return !end.endsWith('}')
}

function checkShape(path: string, value: unknown): RunReport {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw problem(path, 'it is JSON but not an object')
  const r = value as Record<string, unknown>
  if (r.format !== RUN_REPORT_FORMAT)
    throw problem(path, `its format is ${JSON.stringify(r.format)}, not "${RUN_REPORT_FORMAT}"`)
  if (r.formatVersion !== RUN_REPORT_FORMAT_VERSION) {
    throw problem(
      path,
      `it is format version ${JSON.stringify(r.formatVersion)}; this vitest-hailo reads version ${RUN_REPORT_FORMAT_VERSION} (merge reports written by the same vitest-hailo version, or upgrade it)`,
    )
  }
  const missing = (where: string): never => {
    throw problem(path, `${where} is missing or not what the format says`)
  }
  if (r.host === null || typeof r.host !== 'object') missing('host')
  if (!Array.isArray(r.boards)) missing('boards')
  if (!Array.isArray(r.checks)) missing('checks')
  for (const [i, b] of (r.boards as unknown[]).entries()) {
    if (b === null || typeof b !== 'object' || typeof (b as { id?: unknown }).id !== 'string')
      missing(`boards[${i}].id`)
  }
  for (const [i, c] of (r.checks as unknown[]).entries()) {
    const check = c as Record<string, unknown> | null
    if (check === null || typeof check !== 'object') missing(`checks[${i}]`)
    if (typeof check!.id !== 'string') missing(`checks[${i}].id`)
    if (check!.verdict !== 'pass' && check!.verdict !== 'fail') missing(`checks[${i}].verdict`)
    if (check!.model === null || typeof check!.model !== 'object') missing(`checks[${i}].model`)
    if (!Array.isArray(check!.inputs)) missing(`checks[${i}].inputs`)
    for (const [j, input] of (check!.inputs as unknown[]).entries()) {
      const x = input as Record<string, unknown> | null
      if (x === null || typeof x !== 'object' || typeof x.label !== 'string' || !Array.isArray(x.outputs))
        missing(`checks[${i}].inputs[${j}]`)
    }
  }
  return value as RunReport
}
