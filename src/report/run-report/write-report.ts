/**
 * Writing a run's report: `report.json` and `report.html` in one folder, each written whole to a
 * temporary name and renamed, so a reader (or a CI upload) never sees half a file.
 * @packageDocumentation
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { reportPage } from './html/page.js'
import type { RunReport } from './types.js'

/** File names inside the report folder. */
export const REPORT_JSON = 'report.json'
export const REPORT_HTML = 'report.html'

/** Where the files went. */
export interface WrittenReport {
  readonly json: string
  readonly html: string
}

/**
 * Write `report` under `dir` (created when missing); returns the absolute paths.
 * @example
 * ```ts
 * const { html } = await writeRunReport('.vitest-hailo/report', report)
 * ```
 */
export async function writeRunReport(dir: string, report: RunReport): Promise<WrittenReport> {
  const folder = resolve(dir)
  await mkdir(folder, { recursive: true })
  const json = join(folder, REPORT_JSON)
  const html = join(folder, REPORT_HTML)
  await writeWhole(json, `${JSON.stringify(report, null, 1)}\n`)
  await writeWhole(html, reportPage(report))
  return { json, html }
}

async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, path)
}
