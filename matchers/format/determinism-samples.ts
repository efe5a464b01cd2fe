/**
 * A determinism check over several samples in words: which samples were not deterministic, as a
 * compact table (sample, distinct outputs, pattern, top-1 per distinct output), non-deterministic first.
 * @packageDocumentation
 */
import type { DeterminismResult, DeterminismSampleVerdict } from '../../src/determinism/types.js'
import { plural } from './numbers.js'
import { choosePredictions, formatConfidence } from './predictions.js'
import { formatTable } from './table.js'

/** Rows the table shows at most; the rest are counted on one line. */
export const MAX_SAMPLE_ROWS = 12
/** Labels listed on the Received line at most. */
const MAX_LISTED = 3

/** The samples that were not deterministic, in order. */
export function nonDeterministicSamples(r: DeterminismResult): DeterminismSampleVerdict[] {
  return r.samples.filter((s) => !s.deterministic)
}

/**
 * The Received line of a check over several samples.
 * @example
 * ```ts
 * formatSamplesSummary(r) // '1 of 8 samples gave distinct outputs in 5 runs: examples/images/sun.png'
 * ```
 */
export function formatSamplesSummary(r: DeterminismResult): string {
  const failing = nonDeterministicSamples(r)
  const same = r.mode === 'bytes' ? 'identical bytes' : 'outputs within the tolerance'
  if (failing.length === 0)
    return `all ${plural(r.samples.length, 'sample')} gave ${same} in ${plural(r.runs, 'run')} each`
  const listed = failing
    .slice(0, MAX_LISTED)
    .map((s) => s.label)
    .join(', ')
  const more = failing.length > MAX_LISTED ? `, … (+${failing.length - MAX_LISTED} more)` : ''
  const what = r.mode === 'bytes' ? 'distinct outputs' : 'outputs farther apart than the tolerance'
  return `${failing.length} of ${plural(r.samples.length, 'sample')} gave ${what} in ${plural(r.runs, 'run')}: ${listed}${more}`
}

/** `#1 class 48 (13.0 %), #2 class 2 (98.6 %)` for the given classifier output; `''` when it has none. */
function topOnes(s: DeterminismSampleVerdict, output: string): string {
  const parts: string[] = []
  for (const g of s.groups) {
    const first = g.predictions[output]
    if (first === undefined) return ''
    parts.push(`#${g.id} class ${first.top1} (${formatConfidence(first)})`)
  }
  const unkept = s.distinctOutputs - s.groups.length
  return parts.join(', ') + (unkept > 0 ? `, +${unkept} not kept` : '')
}

/**
 * One row per sample — not deterministic first, then the others — at most {@link MAX_SAMPLE_ROWS}.
 * @example
 * ```ts
 * formatSamplesTable(await runDeterminism(hef, { runs: 5, inputs: 'images/' }))
 * ```
 */
export function formatSamplesTable(r: DeterminismResult): string {
  const ordered = [...nonDeterministicSamples(r), ...r.samples.filter((s) => s.deterministic)]
  const shown = ordered.slice(0, MAX_SAMPLE_ROWS)
  // The probabilities when the logits agree with them everywhere (as in the details' table), else the first.
  const classifierOutput = choosePredictions(r.samples.flatMap((s) => s.groups)).shown[0]
  const header = [
    '',
    '#',
    'sample',
    'distinct',
    'pattern',
    ...(classifierOutput === undefined ? [] : [`top-1 of ${classifierOutput} per distinct output`]),
  ]
  const rows = shown.map((s) => [
    s.deterministic ? 'ok' : 'FAIL',
    String(s.index + 1),
    s.label,
    String(s.distinctOutputs),
    s.pattern,
    ...(classifierOutput === undefined ? [] : [topOnes(s, classifierOutput)]),
  ])
  const hidden = ordered.slice(MAX_SAMPLE_ROWS)
  const lines = [formatTable(rows, { header })]
  if (hidden.length > 0) {
    const failing = hidden.filter((s) => !s.deterministic).length
    lines.push(
      `  … ${plural(hidden.length, 'more sample')}${failing > 0 ? ` (${failing} not deterministic)` : ', all deterministic'}`,
    )
  }
  return lines.join('\n')
}
