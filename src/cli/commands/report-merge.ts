/**
 * `vitest-hailo report merge <report.json…> [-o dir]`: one report from the shards of a suite and from
 * several boards, and for every (model, input) which boards gave which output.
 * @packageDocumentation
 */
import { rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeRunReport } from '../../report/run-report/write-report.js'
import { parseCommandLine } from '../args.js'
import { formatMerge } from '../merge/format-merge.js'
import { mergeRunReports, type MergedReports } from '../merge/merge-reports.js'
import { readRunReport } from '../merge/read-report.js'
import { EXIT, type CliCommand } from '../types.js'

const USAGE = `Usage: vitest-hailo report merge <report.json | folder>… [options]

Combine the report.json files of several runs — the shards of one suite (vitest --shard), the same
suite on several boards — into one, and say for every (model fingerprint, input) which boards gave
which output: "pi-a/… and pi-b/… disagree on 3 of 40 inputs of model X". A folder stands for the
report.json inside it.

Options:
  -o, --out <folder>   write the merged report.json and report.html, and boards.json (the comparison) there
  --json               print the merge (sources, boards, comparison, totals) as one JSON document
  -h, --help           show this help

Exit status: 0 every check passed and every board agrees, 1 a check failed or boards disagree,
2 usage error, or a report that cannot be read (not JSON, cut short, another format version).
`

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
} as const

/** The file `-o` writes beside the merged report.json and report.html: the comparison of boards. */
export const BOARDS_FILE = 'boards.json'

/** The `report merge` command. */
export const reportMergeCommand: CliCommand = {
  name: 'report merge',
  summary: 'merge report.json files of shards and boards; say which boards disagree on which inputs',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: ['report.json'], variadic: true })
    // Read every report before writing anything: a bad one stops the merge with nothing written.
    const sources = []
    for (const path of positionals) sources.push(await readRunReport(path))
    const merged = mergeRunReports(sources)
    const written = values.out === undefined ? undefined : await writeMerged(values.out, merged)
    if (values.json === true) {
      const { report, ...comparison } = merged
      io.stdout(
        `${JSON.stringify({ ...comparison, totals: report.totals, boards: report.boards, ...(written === undefined ? {} : { written }) }, null, 2)}\n`,
      )
    } else {
      io.stdout(formatMerge(merged))
      if (written !== undefined) io.stdout(`Written: ${written.report}, ${written.html}, ${written.boards}\n`)
    }
    return merged.disagreement || merged.report.totals.failed > 0 ? EXIT.failed : EXIT.ok
  },
}

async function writeMerged(
  dir: string,
  merged: MergedReports,
): Promise<{ report: string; html: string; boards: string }> {
  const { report, ...comparison } = merged
  // The reporter's own writer: the merged report.json and a report.html of every check on every board.
  const written = await writeRunReport(dir, report)
  const boards = join(dirname(written.json), BOARDS_FILE)
  await writeWhole(boards, `${JSON.stringify(comparison, null, 1)}\n`)
  return { report: written.json, html: written.html, boards }
}

/** Written to a temporary name and renamed: a reader never sees half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, path)
}
