/**
 * The determinism plot: one bar per run, coloured by its top-1 class (one colour per class), as tall
 * as its confidence. Runs are drawn as ranges (one rectangle per run range of a distinct output), so
 * the SVG's size follows the number of distinct outputs, not the number of runs.
 * @packageDocumentation
 */
import type { InputRecord } from '../types.js'
import { escapeHtml, svgNumber } from './escape.js'

/** Colours for classes in order of appearance; distinguishable, and readable on white. */
export const CLASS_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22', '#393b79', '#637939', '#843c39']
/** Runs whose output has no class (not a classifier) or was not kept. */
const UNKNOWN_COLOUR = '#9e9e9e'
const WIDTH = 560
const HEIGHT = 90
const LEFT = 34
const TOP = 6

/**
 * The SVG of one input's runs. `runs` is how many runs were counted.
 * @example
 * ```ts
 * top1Plot(check.inputs[0], check.determinism.runs) // '<svg …><rect …/>…</svg>'
 * ```
 */
export function top1Plot(input: InputRecord, runs: number): string {
  const plotWidth = WIDTH - LEFT - 4
  const perRun = plotWidth / Math.max(1, runs)
  const colours = new Map<number, string>()
  const colourOf = (cls: number | undefined): string => {
    if (cls === undefined) return UNKNOWN_COLOUR
    if (!colours.has(cls)) colours.set(cls, CLASS_COLOURS[colours.size % CLASS_COLOURS.length]!)
    return colours.get(cls)!
  }
  const bars: string[] = []
  const legend: string[] = []
  input.outputs.forEach((o, i) => {
    const colour = colourOf(o.top1?.classIndex)
    const confidence = o.top1?.confidence ?? 1
    const h = Math.max(1, confidence * HEIGHT)
    const what = o.top1 === undefined ? `output #${i + 1}` : `class ${o.top1.classIndex} at ${(o.top1.confidence * 100).toFixed(1)} %`
    // One path per distinct output, one rectangle (subpath) per run range: small whatever the runs.
    const d = o.runs
      .map(([first, last]) => {
        const w = svgNumber(Math.max(0.6, (last - first + 1) * perRun))
        return `M${svgNumber(LEFT + (first - 1) * perRun)} ${svgNumber(TOP + HEIGHT - h)}h${w}v${svgNumber(h)}h-${w}z`
      })
      .join('')
    const runsText = o.runs.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(', ') + (o.truncated ? ', …' : '')
    bars.push(`<path class="runs" fill="${colour}" d="${d}"><title>${escapeHtml(`${what}: runs ${runsText}`)}</title></path>`)
    legend.push(`${what} (${o.count} ${o.count === 1 ? 'run' : 'runs'})`)
  })
  if (input.undigestedRuns !== undefined && input.undigestedRuns > 0) legend.push(`${input.undigestedRuns} more runs, outputs not kept (grey where drawn)`)
  const axis =
    `<line x1="${LEFT}" y1="${TOP + HEIGHT}" x2="${WIDTH - 4}" y2="${TOP + HEIGHT}" stroke="#444"/>` +
    `<text x="${LEFT - 4}" y="${TOP + 8}" text-anchor="end">100%</text><text x="${LEFT - 4}" y="${TOP + HEIGHT}" text-anchor="end">0</text>` +
    `<text x="${LEFT}" y="${TOP + HEIGHT + 14}">run 1</text><text x="${WIDTH - 4}" y="${TOP + HEIGHT + 14}" text-anchor="end">run ${runs}</text>`
  const label = `Top-1 class per run for ${input.label}: ${legend.join('; ')}`
  return (
    `<svg class="plot top1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT + TOP + 18}" width="${WIDTH}" role="img" aria-label="${escapeHtml(label)}">` +
    `${bars.join('')}${axis}</svg>` +
    `<ul class="legend">${input.outputs.map((o, i) => `<li><span class="swatch" style="background:${colourOf(o.top1?.classIndex)}"></span>${escapeHtml(legend[i])}</li>`).join('')}</ul>`
  )
}
