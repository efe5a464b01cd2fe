/**
 * `report merge` in words: the reports read, the boards, then per model which boards agree and on
 * which inputs they do not ("host-a/emulator and host-a/faulty:bitflip disagree on 3 of 8 inputs of
 * model …"). Every name from a report is made printable first.
 * @packageDocumentation
 */
import { formatPercent, plural } from '../../../matchers/format/numbers.js'
import { formatTable } from '../../../matchers/format/table.js'
import { printable } from '../../report/printable.js'
import { NO_BOARD, type BoardOutput, type MergedReports, type ModelComparison } from './merge-reports.js'

/** Inputs listed per disagreeing pair before "… and N more". */
export const LISTED_INPUTS = 10

/**
 * The whole text of `report merge`.
 * @example
 * ```ts
 * io.stdout(formatMerge(mergeRunReports(reports)))
 * ```
 */
export function formatMerge(m: MergedReports): string {
  const r = m.report
  // Board ids are long (`pi-b/faulty:bitflip,seed=3,…`): rows of outputs name boards by letter.
  const alias = new Map(r.boards.map((b, i) => [b.id, boardLetter(i)]))
  const shards = m.sources.filter((s) => s.shard !== undefined).length
  const lines = [
    `Merged ${plural(m.sources.length, 'report')}${shards > 0 ? ` (${plural(shards, 'shard')})` : ''}: ${plural(r.totals.checks, 'check')}, ${r.totals.failed} failed, on ${plural(r.totals.boards, 'board')}.`,
    '',
    'Reports:',
    formatTable(
      m.sources.map((s) => [
        printable(s.path),
        `host ${printable(s.host)}`,
        s.shard === undefined ? '' : `shard ${s.shard.index}/${s.shard.count}`,
        plural(s.checks, 'check'),
      ]),
    ),
    '',
    'Boards:',
    formatTable(
      r.boards.map((b) => [
        `${alias.get(b.id)}`,
        printable(b.id),
        printable(b.description),
        [versionsOf(b.versions), `${printable(b.host)} ${b.cpuArch}`].filter((x) => x !== '').join('; '),
      ]),
    ),
  ]
  // Which step breaks first, per board: the stages verdicts side by side.
  const stages = r.checks.filter((c) => c.kind === 'stages')
  if (stages.length > 0) {
    lines.push(
      '',
      'Stages checks:',
      formatTable(
        stages.map((c) => [
          c.board === undefined ? NO_BOARD : (alias.get(c.board) ?? printable(c.board)),
          printable(c.test.name),
          `${c.verdict === 'fail' ? 'FAIL: ' : ''}${printable(c.summary)}`,
        ]),
      ),
    )
  }
  for (const model of m.models) lines.push('', ...formatModel(model, alias))
  lines.push('', verdictLine(m))
  return `${lines.join('\n')}\n`
}

function versionsOf(versions: Readonly<Record<string, string>>): string {
  return Object.entries(versions)
    .map(([k, v]) => `${printable(k)} ${printable(v)}`)
    .join(', ')
}

/** `models/x.onnx (083d5798…)`. */
function modelName(model: ModelComparison): string {
  return `${printable(model.source)}${model.fingerprint === undefined ? '' : ` (${model.fingerprint.slice(0, 12)})`}`
}

/** A, B, … Z, then A2, B2, … */
function boardLetter(index: number): string {
  const round = Math.floor(index / 26)
  return `${String.fromCharCode(65 + (index % 26))}${round === 0 ? '' : round + 1}`
}

function formatModel(model: ModelComparison, alias: ReadonlyMap<string, string>): string[] {
  const name = modelName(model)
  // A fuzz check records no inputs (its token replays them): there is nothing to line up across boards.
  if (model.inputs.length === 0)
    return [`Model ${name}: checked on generated inputs only (fuzzing), which boards are not compared on`]
  const lines = [`Model ${name}: ${plural(model.inputs.length, 'input')} on ${plural(model.boards.length, 'board')}`]
  if (model.boards.length < 2) lines.push('  one board only: nothing to compare')
  for (const pair of model.pairs) {
    const [a, b] = pair.boards.map((id) => `${printable(id)}${alias.has(id) ? ` (${alias.get(id)})` : ''}`) as [
      string,
      string,
    ]
    if (pair.disagree.length === 0) {
      lines.push(`  ${a} and ${b} agree on all ${plural(pair.shared, 'input')} they both ran`)
      continue
    }
    lines.push(
      `  ${a} and ${b} disagree on ${pair.disagree.length} of ${plural(pair.shared, 'input')} of model ${name}:`,
    )
    const rows = pair.disagree.slice(0, LISTED_INPUTS).map((label) => {
      const input = model.inputs.find((i) => i.label === label)!
      const side = (board: string): string =>
        `${alias.get(board) ?? printable(board)}: ${outputsText(input.byBoard[board]!)}`
      return [`    ${printable(label)}`, side(pair.boards[0]), side(pair.boards[1])]
    })
    lines.push(formatTable(rows, { indent: 0 }))
    if (pair.disagree.length > LISTED_INPUTS) lines.push(`    … and ${pair.disagree.length - LISTED_INPUTS} more`)
  }
  for (const [board, labels] of Object.entries(model.unstable)) {
    lines.push(
      `  ${printable(board)} itself gave several outputs for ${plural(labels.length, 'input')}: ${labels.slice(0, LISTED_INPUTS).map(printable).join(', ')}${labels.length > LISTED_INPUTS ? ', …' : ''}`,
    )
  }
  return lines
}

/** `1a2b3c4d (class 17 at 91.0 %)`, or several joined by ` | `. */
function outputsText(outputs: readonly BoardOutput[]): string {
  return outputs
    .map(
      (o) =>
        `${o.digest.slice(0, 8)}${o.top1 === undefined ? '' : ` (class ${o.top1.classIndex} at ${formatPercent(o.top1.confidence)})`}`,
    )
    .join(' | ')
}

function verdictLine(m: MergedReports): string {
  const failed = m.report.totals.failed
  const disagreeing = m.models.filter((x) => x.pairs.some((p) => p.disagree.length > 0))
  const parts: string[] = []
  if (disagreeing.length > 0) {
    const inputs = disagreeing.reduce((n, x) => n + x.inputs.filter((i) => !i.agree).length, 0)
    parts.push(`boards disagree on ${plural(inputs, 'input')} of ${plural(disagreeing.length, 'model')}`)
  }
  if (failed > 0) parts.push(`${plural(failed, 'check')} failed`)
  return parts.length === 0 ? 'Verdict: every check passed and every board agrees.' : `Verdict: ${parts.join('; ')}.`
}
