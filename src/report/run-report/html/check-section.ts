/**
 * One check on the report page: its facts, its inputs with their output digests, and its plot —
 * top-1 per run for determinism, the |difference| histogram for parity, the shrunk counterexample for
 * fuzzing, the table of steps for stages. Static HTML and inline SVG: readable with scripts disabled.
 * @packageDocumentation
 */
import type { BoardIdentity, CheckRecord, InputRecord } from '../types.js'
import { boardSuspectLead, formatBoardLine } from '../../../health/format.js'
import { escapeHtml } from './escape.js'
import { fuzzPlots } from './fuzz-section.js'
import { stagesTable } from './stages-table.js'
import { histogramPlot } from './svg-histogram.js'
import { top1Plot } from './svg-top1.js'

/** Inputs listed per check; the rest are counted (report.json has them all). */
const MAX_INPUT_ROWS = 20
/** Determinism plots per check: the inputs that did not hold first. */
const MAX_PLOTS = 6

/**
 * The `<article>` of one check; `anchor` is its element id. `compact` (passing checks) leaves out what
 * the checks table already says and the inputs table, and keeps the plot: a 1000-check page stays small.
 * @example
 * ```ts
 * checkSection(report.checks[0], 'check-1', boardsById)
 * ```
 */
export function checkSection(
  c: CheckRecord,
  anchor: string,
  boards: ReadonlyMap<string, BoardIdentity>,
  compact = false,
): string {
  const head =
    `<article class="check ${c.verdict}" id="${anchor}" data-verdict="${c.verdict}" data-kind="${c.kind}">` +
    `<h3><span class="verdict ${c.verdict}">${c.verdict === 'fail' ? 'FAIL' : 'pass'}</span> ${escapeHtml(c.test.name)}</h3>`
  if (compact) return `${head}<p class="dim">${modelText(c)}; ${timeText(c)}</p>${plots(c)}</article>`
  const board = c.board === undefined ? undefined : boards.get(c.board)
  const facts: [string, string][] = [
    ['Test', `${escapeHtml(c.test.file)} › ${escapeHtml(c.test.name)}`],
    ['Matcher', `${c.negated ? '.not.' : ''}${escapeHtml(c.matcher)}`],
    ['Result', escapeHtml(c.summary)],
    [
      'Device',
      board === undefined
        ? 'not a device model'
        : `${escapeHtml(board.description)} <span class="dim">(${escapeHtml(board.spec)}, board ${escapeHtml(board.fingerprint)})</span>`,
    ],
    ['Model', modelText(c)],
    ['Time', timeText(c)],
  ]
  if (c.seed !== undefined) facts.push(['Seed', String(c.seed)])
  if (c.stages !== undefined)
    facts.push([
      'Stages',
      `${c.stages.stages.map(escapeHtml).join(' → ')}, tolerance <code>${escapeHtml(JSON.stringify(c.stages.tolerance))}</code>`,
    ])
  if (c.health !== undefined) {
    const lead = boardSuspectLead(c.health)
    facts.push([
      'Board',
      `${lead === undefined ? '' : `<strong>${escapeHtml(lead)}</strong><br>`}${escapeHtml(formatBoardLine(c.health))}`,
    ])
  }
  if (c.determinism?.flakiness !== undefined) facts.push(['Flakiness', escapeHtml(c.determinism.flakiness)])
  if (c.artifacts !== undefined) facts.push(['Artifacts', `<code>${escapeHtml(c.artifacts)}</code>`])
  if (c.artifactsError !== undefined) facts.push(['Artifacts', `not written: ${escapeHtml(c.artifactsError)}`])
  return (
    head +
    `<dl>${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` +
    plots(c) +
    // A fuzz check lists no inputs (its token replays them): no empty table.
    (c.inputs.length === 0 ? '' : inputsTable(c.inputs)) +
    `</article>`
  )
}

function modelText(c: CheckRecord): string {
  const m = c.model
  const parts = [m.source === undefined ? 'in-memory model' : escapeHtml(m.source)]
  if (m.fingerprint !== undefined)
    parts.push(`<span class="dim">sha256 ${escapeHtml(m.fingerprint.slice(0, 16))}…</span>`)
  if (m.reference !== undefined) parts.push(`against ${escapeHtml(m.reference)}`)
  return parts.join(' ')
}

function timeText(c: CheckRecord): string {
  const t = c.timing
  const perRun =
    t.medianMs === undefined
      ? ''
      : `, ${t.runs} runs, median ${t.medianMs.toFixed(2)} ms, p95 ${(t.p95Ms ?? t.medianMs).toFixed(2)} ms per run`
  return `${(t.totalMs / 1000).toFixed(2)} s${perRun}`
}

function plots(c: CheckRecord): string {
  if (c.determinism !== undefined) {
    const chosen = [...c.inputs]
      .sort((a, b) => Number(a.held) - Number(b.held) || a.index - b.index)
      .slice(0, MAX_PLOTS)
    const figures = chosen.map(
      (input) =>
        `<figure><figcaption>Top-1 class per run — ${escapeHtml(input.label)} (${escapeHtml(c.determinism!.perInput[input.index]?.pattern ?? '')})</figcaption>${top1Plot(input, c.determinism!.runs)}</figure>`,
    )
    const more =
      c.inputs.length > chosen.length
        ? `<p class="dim">${c.inputs.length - chosen.length} more inputs plotted in report.json only.</p>`
        : ''
    return figures.join('') + more
  }
  if (c.parity !== undefined) {
    const p = c.parity
    const worst = c.inputs[p.sample]
    const outputs = `<table class="outputs"><thead><tr><th>output</th><th>verdict</th><th>max |diff|</th><th>mismatched</th><th>cosine</th></tr></thead><tbody>${p.outputs
      .map(
        (o) =>
          `<tr class="${o.pass ? 'pass' : 'fail'}"><td>${escapeHtml(o.name)}</td><td>${o.pass ? 'within' : 'OUTSIDE'}</td><td>${o.maxAbsDiff ?? ''}</td><td>${o.mismatched ?? ''} / ${o.elements ?? ''}</td><td>${o.cosine === undefined ? '' : o.cosine.toFixed(6)}</td></tr>`,
      )
      .join('')}</tbody></table>`
    const histogram =
      p.histogram === undefined
        ? ''
        : `<figure><figcaption>|model − reference| — ${escapeHtml(worst?.label ?? 'worst sample')}</figcaption>${histogramPlot(p.histogram)}</figure>`
    return histogram + outputs
  }
  if (c.stages !== undefined) return stagesTable(c.stages)
  if (c.fuzz !== undefined) return fuzzPlots(c.fuzz)
  return ''
}

function inputsTable(inputs: readonly InputRecord[]): string {
  const shown = inputs.slice(0, MAX_INPUT_ROWS)
  const rows = shown.map((input) => {
    const digests = input.outputs
      .map((o) => `<code title="${escapeHtml(o.digest)}">${escapeHtml(o.digest.slice(0, 12))}</code>×${o.count}`)
      .join(' ')
    const more = input.undigestedRuns ? ` + ${input.undigestedRuns} runs not kept` : ''
    return `<tr class="${input.held ? 'pass' : 'fail'}"><td>${escapeHtml(input.label)}</td><td>${input.held ? 'held' : 'FAILED'}</td><td>${digests}${more}</td></tr>`
  })
  const rest =
    inputs.length > shown.length
      ? `<tr><td colspan="3" class="dim">${inputs.length - shown.length} more inputs in report.json</td></tr>`
      : ''
  return `<table class="inputs"><thead><tr><th>input</th><th>verdict</th><th>output digests × runs</th></tr></thead><tbody>${rows.join('')}${rest}</tbody></table>`
}
