/**
 * A stages check on the report page: one table row per step — what can break there, the error in output
 * units and in quantization steps, the lowest cosine, top-1 agreement, the verdict — and a sentence naming
 * the first broken step with the criteria it failed. A table, not a plot: three rows read faster than a chart.
 * @packageDocumentation
 */
import type { StageStepDetail, StagesDetail } from '../types.js'
import { escapeHtml } from './escape.js'

const SUSPECTS: Readonly<Record<string, string>> = {
  parsing: 'parsing / translation',
  quantization: 'quantization',
  compilation: 'compilation, runtime or host format path',
}

/** At most 4 significant digits, no trailing zeros: `0.412`, `190`, `0.0001`. */
const short = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v))

/** Agreement criteria are fractions of rows: said in percent. */
const value = (criterion: string, v: number): string =>
  criterion === 'top1' || criterion === 'topK' ? `${short(v * 100)} %` : short(v)

const stepName = (s: StageStepDetail): string =>
  `${escapeHtml(s.from)} → ${escapeHtml(s.to)}${s.approximation ? ' *' : ''}`
const suspectsOf = (s: StageStepDetail): string => escapeHtml(SUSPECTS[s.suspects] ?? s.suspects)

/**
 * The table and sentences of a stages check.
 * @example
 * ```ts
 * stagesTable(check.stages!) // '<table class="stages">…</table><p class="first-broken">First broken step: …</p>'
 * ```
 */
export function stagesTable(d: StagesDetail): string {
  const rows = d.steps.map((s, i) => {
    const first = i === d.firstBroken
    const cells = [
      stepName(s),
      suspectsOf(s),
      short(s.maxAbs),
      s.maxSteps === undefined ? '—' : short(s.maxSteps),
      Number.isFinite(s.cosine) ? String(Number(s.cosine.toFixed(6))) : String(s.cosine),
      `${s.top1.agreeing}/${s.top1.rows}`,
      s.pass ? 'ok' : first ? 'FAILED, first' : 'FAILED',
    ]
    return `<tr class="${s.pass ? 'pass' : 'fail'}${first ? ' first-broken' : ''}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`
  })
  const head = ['step', 'what can break here', 'max |Δ|', 'max steps', 'cosine (min)', 'top-1 rows', 'verdict']
  const parts = [
    `<table class="stages"><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
  ]
  const broken = d.firstBroken === undefined ? undefined : d.steps[d.firstBroken]
  if (broken !== undefined) {
    const failed = broken.failed
      .map(
        (f) =>
          `${escapeHtml(f.output)}: ${escapeHtml(f.criterion)} ${f.bound === 'min' ? '≥' : '≤'} ${value(f.criterion, f.required)}, measured ${value(f.criterion, f.measured)}`,
      )
      .join('; ')
    parts.push(
      `<p class="first-broken">First broken step: ${stepName(broken)} (${suspectsOf(broken)}).${failed === '' ? '' : ` ${failed}`}</p>`,
    )
  }
  if (d.steps.some((s) => s.approximation))
    parts.push(
      `<p class="dim">* the quantized stage is this package's emulator (quantization calibrated on synthetic inputs): an approximation of the Dataflow Compiler's SDK_QUANTIZED.</p>`,
    )
  return parts.join('')
}
