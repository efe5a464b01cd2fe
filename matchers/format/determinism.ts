/**
 * A determinism result in words: the table of distinct outputs ("runs 1, 4, 9: class 17 at 19.0 %"),
 * the largest difference and where, the pattern, the flakiness bound and the time per run. Shared by
 * the matcher and the CLI; the footer (seed, artifacts) is added by the caller.
 * @packageDocumentation
 */
import type { DeterminismGroup, DeterminismResult } from '../../src/determinism/types.js'
import { formatSamplesSummary, formatSamplesTable, nonDeterministicSamples } from './determinism-samples.js'
import { throttledWords } from '../../src/health/format.js'
import { formatFlakiness } from './flakiness.js'
import { formatAt, formatDuration, formatNumber, formatPosition, plural } from './numbers.js'
import { formatPattern } from './pattern.js'
import { choosePredictions, formatConfidenceNote, formatPredictions } from './predictions.js'
import { formatRunsLabel } from './runs.js'
import { formatInputLine, sampleName } from './samples.js'
import { formatTable } from './table.js'

/** One line for the "Received" side: how many distinct outputs in how many runs (per sample, over several). */
export function formatDistinctSummary(r: DeterminismResult): string {
  if (r.samples.length > 1) return formatSamplesSummary(r)
  const what = r.mode === 'bytes' ? 'distinct outputs' : 'distinct outputs (farther apart than the tolerance)'
  if (r.deterministic)
    return `all ${plural(r.runs, 'run')} gave ${r.mode === 'bytes' ? 'identical bytes' : 'outputs within the tolerance'}`
  const first =
    r.firstDivergentRun === undefined ? '' : ` (run ${r.firstDivergentRun} is the first to differ from run 1)`
  return `${r.distinctOutputs} ${what} in ${plural(r.runs, 'run')}${first}`
}

function differenceText(g: DeterminismGroup, r: DeterminismResult): string {
  if (g.id === r.majorityGroup) return r.groups.length > 1 ? (g.runs.count > 1 ? '(majority)' : '(reference)') : ''
  const d = g.differenceFromMajority
  if (d === undefined) return `same values as #${r.majorityGroup}, different bytes (-0/+0 or NaN payloads)`
  if (d.index.length === 0 && d.flatIndex < 0) return `shape differs from #${r.majorityGroup} in ${d.output}`
  return `max |diff| ${formatNumber(d.absolute)} at ${formatPosition(d.output, d.index)}`
}

/** The table of distinct outputs, one row per kept group, plus a row for uncounted others. */
export function formatGroupsTable(r: DeterminismResult): string {
  const choice = choosePredictions(r.groups)
  const rows = r.groups.map((g) => [
    `#${g.id}`,
    `${formatRunsLabel(g.runs)}:`,
    formatPredictions(g.predictions, choice),
    differenceText(g, r),
  ])
  // Drop empty columns so a non-classifier table stays tight.
  const used = [0, 1, 2, 3].filter((c) => rows.some((row) => row[c] !== ''))
  const table = rows.map((row) => used.map((c) => row[c]!))
  if (r.other !== undefined) {
    // A shorter row: its remark runs past the class column instead of widening it.
    table.push([
      '…',
      `${formatRunsLabel(r.other.runs)}:`,
      `${plural(r.other.distinctBytes, 'more distinct output')}, not kept`,
    ])
  }
  return formatTable(table)
}

/**
 * Every line after "Expected / Received" for a failed determinism check (or a `.not` that passed).
 * @example
 * ```ts
 * const body = formatDeterminismBody(await runDeterminism(model, { runs: 50 }))
 * ```
 */
export function formatDeterminismBody(r: DeterminismResult): string {
  const lines: string[] = []
  if (r.samples.length > 1) {
    const failing = nonDeterministicSamples(r).length
    lines.push(`Samples (${failing} of ${r.samples.length} not deterministic):`, formatSamplesTable(r), '')
    const which =
      failing === 0
        ? ''
        : failing === 1
          ? ', the only one not deterministic'
          : `, the first of ${failing} not deterministic`
    lines.push(`Details of ${sampleName(r.sample, r.samples[r.sample]!.label)}${which}:`)
  }
  if (!r.deterministic) {
    lines.push(`Distinct outputs (${r.distinctOutputs}):`, formatGroupsTable(r))
    const note = formatConfidenceNote(r.groups, choosePredictions(r.groups))
    if (note !== undefined) lines.push(note)
    lines.push('')
    const d = r.largestDifference
    if (d !== undefined) {
      const where =
        d.index.length === 0
          ? `at ${d.output} (shapes differ)`
          : formatAt(d.output, d.index, [`#${d.group}`, d.a], [`#${d.referenceGroup}`, d.b])
      lines.push(`Greatest absolute difference: ${formatNumber(d.absolute)} ${where}`)
    }
    lines.push(`Pattern: ${formatPattern(r.pattern)}`)
  }
  lines.push(`Flakiness: ${formatFlakiness(r.flakiness)}`)
  const warmup = r.warmup > 0 ? ` (after ${plural(r.warmup, 'warm-up run')})` : ''
  const interleaved = r.interleaved > 0 ? `, ${plural(r.interleaved, 'other input')} interleaved` : ''
  // Throttling lowers the clock: it explains slow runs, never different values.
  const throttled = throttledWords(r.health)
  const slow = throttled === undefined ? '' : `; the board throttled during inferences ${throttled} (speed, not values)`
  lines.push(
    `Time per run: median ${formatDuration(r.timing.medianMs)}, p95 ${formatDuration(r.timing.p95Ms)}${warmup}${interleaved}${slow}`,
  )
  // Last line of the body, as in the parity message: what the model was fed.
  // A synthesized input says which shape ran (a dynamic dimension took the `shape` option's or the given input's size).
  const shapes = Object.entries(r.input).map(
    ([name, t]) => `${Object.keys(r.input).length === 1 ? '' : `${name} `}[${t.shape.join(', ')}]`,
  )
  const shapeNote = r.syntheticInput || r.syntheticInterleaved ? `, shape ${shapes.join(', ')}` : ''
  lines.push(
    formatInputLine(
      r.samples.map((s) => s.label),
      r.image,
    ) + shapeNote,
  )
  return lines.join('\n')
}
