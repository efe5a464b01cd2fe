/**
 * The determinism plot: one bar per run, coloured by its top-1 class (one colour per class), as tall
 * as its confidence. A kept distinct output is one path with a rectangle per run range, so the SVG's
 * size follows the distinct outputs, not the runs; runs whose output was not kept are drawn from the
 * engine's per-run top-1 trace (grey, full height, when no output is a classifier).
 * @packageDocumentation
 */
import type { InputRecord } from '../types.js'
import { escapeHtml, svgNumber } from './escape.js'

/** Colours for classes in order of appearance; distinguishable, and readable on white. */
export const CLASS_COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
  '#393b79',
  '#637939',
  '#843c39',
]
/** Runs whose output has no class (not a classifier, or not kept and not traced). */
const UNKNOWN_COLOUR = '#9e9e9e'
const WIDTH = 560
const HEIGHT = 90
const LEFT = 34
const TOP = 6

/** One coloured series: rectangles `[first run, last run, confidence]` and what they are. */
interface Series {
  readonly colour: string
  readonly label: string
  readonly bars: readonly (readonly [number, number, number])[]
  readonly runsText: string
}

/**
 * The SVG (and its legend) of one input's runs. `runs` is how many runs were counted.
 * @example
 * ```ts
 * top1Plot(check.inputs[0], check.determinism.runs) // '<svg …><path …/>…</svg><ul class="legend">…</ul>'
 * ```
 */
export function top1Plot(input: InputRecord, runs: number): string {
  const perRun = (WIDTH - LEFT - 4) / Math.max(1, runs)
  const colours = new Map<number, string>()
  const colourOf = (cls: number | undefined): string => {
    if (cls === undefined) return UNKNOWN_COLOUR
    if (!colours.has(cls)) colours.set(cls, CLASS_COLOURS[colours.size % CLASS_COLOURS.length]!)
    return colours.get(cls)!
  }
  const series = seriesOf(input, colourOf)
  const paths = series.map((s) => {
    const d = s.bars
      .map(([first, last, confidence]) => {
        const h = Math.max(1, confidence * HEIGHT)
        const w = svgNumber(Math.max(0.6, (last - first + 1) * perRun))
        return `M${svgNumber(LEFT + (first - 1) * perRun)} ${svgNumber(TOP + HEIGHT - h)}h${w}v${svgNumber(h)}h-${w}z`
      })
      .join('')
    return `<path class="runs" fill="${s.colour}" d="${d}"><title>${escapeHtml(`${s.label}: runs ${s.runsText}`)}</title></path>`
  })
  const axis =
    `<line x1="${LEFT}" y1="${TOP + HEIGHT}" x2="${WIDTH - 4}" y2="${TOP + HEIGHT}" stroke="#444"/>` +
    `<text x="${LEFT - 4}" y="${TOP + 8}" text-anchor="end">100%</text><text x="${LEFT - 4}" y="${TOP + HEIGHT}" text-anchor="end">0</text>` +
    `<text x="${LEFT}" y="${TOP + HEIGHT + 14}">run 1</text><text x="${WIDTH - 4}" y="${TOP + HEIGHT + 14}" text-anchor="end">run ${runs}</text>`
  const label = `Top-1 class per run for ${input.label}: ${series.map((s) => s.label).join('; ')}`
  return (
    `<svg class="plot top1" viewBox="0 0 ${WIDTH} ${HEIGHT + TOP + 18}" width="${WIDTH}" role="img" aria-label="${escapeHtml(label)}">` +
    `${paths.join('')}${axis}</svg>` +
    `<ul class="legend">${series.map((s) => `<li><span class="swatch" style="background:${s.colour}"></span>${escapeHtml(s.label)}</li>`).join('')}</ul>`
  )
}

function seriesOf(input: InputRecord, colourOf: (cls: number | undefined) => string): Series[] {
  const series: Series[] = input.outputs.map((o, i) => {
    const what =
      o.top1 === undefined ? `output #${i + 1}` : `class ${o.top1.classIndex} at ${percent(o.top1.confidence)}`
    return {
      colour: colourOf(o.top1?.classIndex),
      label: `${what} (${o.count} ${o.count === 1 ? 'run' : 'runs'})`,
      bars: o.runs.map(([first, last]) => [first, last, o.top1?.confidence ?? 1] as const),
      runsText: rangesText(o.runs) + (o.truncated ? ', …' : ''),
    }
  })
  const traced = input.undigestedTop1
  if (traced !== undefined && traced.runs.length > 0) {
    const byClass = new Map<number, (readonly [number, number, number])[]>()
    for (const [run, cls, confidence] of traced.runs) {
      const list = byClass.get(cls) ?? []
      list.push([run, run, confidence])
      byClass.set(cls, list)
    }
    for (const [cls, bars] of byClass) {
      const confidences = bars.map((b) => b[2])
      const low = Math.min(...confidences),
        high = Math.max(...confidences)
      series.push({
        colour: colourOf(cls),
        label: `class ${cls} at ${low === high ? percent(low) : `${percent(low)}–${percent(high)}`} (${bars.length} ${bars.length === 1 ? 'run' : 'runs'}, output not kept)`,
        bars,
        runsText: bars.map((b) => b[0]).join(', '),
      })
    }
  } else if (input.undigestedRanges !== undefined && input.undigestedRanges.length > 0) {
    series.push({
      colour: colourOf(undefined),
      label: `${input.undigestedRuns ?? 0} runs with outputs not kept (${input.undigestedDistinct ?? '?'} distinct)`,
      bars: input.undigestedRanges.map(([first, last]) => [first, last, 1] as const),
      runsText: rangesText(input.undigestedRanges),
    })
  }
  return series
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`
}

function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')
}
