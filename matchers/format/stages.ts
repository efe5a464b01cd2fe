/**
 * Words for a stages result: one table row per step — what can have broken there, the error in
 * output units and in quantization steps, the similarity, top-1 agreement and the verdict — and one
 * sentence naming the first step that breaks.
 * @packageDocumentation
 */
import type { DatasetOutputComparison } from '../../src/compare/types.js'
import type { StageStep, StagesResult } from '../../src/stages/types.js'
import { formatFailure } from './parity.js'
import { formatNumber, plural } from './numbers.js'
import { formatTable } from './table.js'

const SUSPECTS: Record<StageStep['suspects'], string> = {
  parsing: 'parsing / translation',
  quantization: 'quantization',
  compilation: 'compilation, runtime or host format path',
}

/** `native → quantized` */
export const stepName = (s: StageStep): string => `${s.from} → ${s.to}${s.approximation ? ' *' : ''}`

function worstOf(s: StageStep, pick: (o: DatasetOutputComparison) => number, lowest: boolean): number {
  const values = Object.values(s.comparison.outputs).map(pick)
  return lowest ? Math.min(...values) : Math.max(...values)
}

/**
 * The one-line result: which step breaks first, or that every step held.
 * @example
 * ```ts
 * formatStagesSummary(result) // 'quantized → chip breaks first (compilation, runtime or host format path)'
 * ```
 */
export function formatStagesSummary(r: StagesResult): string {
  if (r.firstBroken === undefined) return `every step of ${r.stages.join(' → ')} within the tolerance`
  const s = r.steps[r.firstBroken]!
  return `${stepName(s)} breaks first (${SUSPECTS[s.suspects]})`
}

/**
 * The table of steps, the failed criteria of the first broken step, and the samples.
 */
export function formatStagesBody(r: StagesResult): string {
  const rows = r.steps.map((s) => [
    stepName(s),
    SUSPECTS[s.suspects],
    formatNumber(s.maxAbs),
    s.maxSteps === undefined ? '—' : formatNumber(s.maxSteps),
    formatNumber(
      worstOf(s, (o) => o.worst.comparison.cosine, true),
      6,
    ),
    `${Object.values(s.comparison.outputs).reduce((n, o) => n + o.top1.agreeing, 0)}/${Object.values(s.comparison.outputs).reduce((n, o) => n + o.top1.rows, 0)}`,
    s.comparison.pass ? 'ok' : 'FAILED',
  ])
  const lines = [
    formatTable(rows, {
      header: ['step', 'what can break here', 'max |Δ|', 'max steps', 'cosine (min)', 'top-1 rows', 'verdict'],
    }),
  ]
  if (r.firstBroken !== undefined) {
    const s = r.steps[r.firstBroken]!
    lines.push('', `First broken step, ${stepName(s)}:`)
    for (const [name, o] of Object.entries(s.comparison.outputs))
      for (const f of o.failed) lines.push(`  ${name}: ${formatFailure(f)}`)
  }
  if (r.steps.some((s) => s.approximation))
    lines.push(
      '',
      "* the quantized stage is this package's emulator (quantization calibrated on synthetic inputs): an approximation of the Dataflow Compiler's SDK_QUANTIZED.",
    )
  lines.push(
    '',
    `Samples: ${plural(r.samples.length, 'sample')} (${r.samples.slice(0, 5).join(', ')}${r.samples.length > 5 ? ', …' : ''})`,
  )
  return lines.join('\n')
}
