/**
 * A fuzz check on the report page: cases run and the replay token, then for a failure the shrunk
 * counterexample drawn — its frames as small images, the output difference as bars — and, for readers
 * who would rather read, the same counterexample field by field in a table.
 * @packageDocumentation
 */
import type { FuzzDetail } from '../types.js'
import { escapeHtml } from './escape.js'
import { counterexamplePlot, outputDifferencePlot } from './svg-fuzz.js'

/**
 * The plots and table of a fuzz check.
 * @example
 * ```ts
 * fuzzPlots(check.fuzz!)
 * // '<p>frame-order failed (30 cases per property asked); replay: …</p><figure class="counterexample-images">…'
 * ```
 */
export function fuzzPlots(f: FuzzDetail): string {
  // numRuns is what was asked; the check's summary says how many ran.
  const asked = `${f.numRuns} cases per property asked`
  const what = f.property === undefined ? asked : `${escapeHtml(f.property)} failed (${asked})`
  const head = `<p>${what}${f.replay === undefined ? '' : `; replay: <code>${escapeHtml(f.replay)}</code>`}</p>`
  const images =
    f.previews === undefined || f.previews.length === 0
      ? ''
      : `<figure class="counterexample-images"><figcaption>Shrunk counterexample, as the model was fed it (downsampled)</figcaption>${counterexamplePlot(f.previews)}</figure>`
  const d = f.difference
  const difference =
    d === undefined
      ? ''
      : `<figure class="fuzz-difference"><figcaption>|${escapeHtml(d.between[0])} − ${escapeHtml(d.between[1])}| — output ${escapeHtml(d.output)}</figcaption>${outputDifferencePlot(d)}</figure>`
  const rows = Object.entries(f.counterexample ?? {}).map(
    ([k, v]) => `<tr><th>${escapeHtml(k)}</th><td><code>${escapeHtml(JSON.stringify(v))}</code></td></tr>`,
  )
  const table =
    rows.length === 0
      ? ''
      : `<figure class="counterexample"><figcaption>Shrunk counterexample</figcaption><table>${rows.join('')}</table></figure>`
  return head + images + difference + table
}
