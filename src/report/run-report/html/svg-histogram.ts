/**
 * The parity plot: how many elements differ from the reference by how much, |model − reference| on
 * a logarithmic axis, exact zeros as their own bar, and the allowed atol as a dashed line.
 * @packageDocumentation
 */
import type { DifferenceHistogram } from '../types.js'
import { escapeHtml, svgNumber } from './escape.js'

const WIDTH = 560
const HEIGHT = 110
const LEFT = 44
const TOP = 6
const ZERO_BAR = 28
const MIN_DECADES = 3

/**
 * The SVG of a histogram.
 * @example
 * ```ts
 * histogramPlot(check.parity.histogram) // '<svg …>…</svg>'
 * ```
 */
export function histogramPlot(h: DifferenceHistogram): string {
  const plotLeft = LEFT + ZERO_BAR + 8
  const plotWidth = WIDTH - plotLeft - 6
  const peak = Math.max(1, h.zeros, ...h.counts)
  // Square-root heights: one stray element next to thousands still shows.
  const height = (count: number): number => (count === 0 ? 0 : Math.max(1.5, Math.sqrt(count / peak) * HEIGHT))
  const bottom = TOP + HEIGHT
  const parts: string[] = []
  const zh = height(h.zeros)
  parts.push(
    `<rect x="${LEFT}" y="${svgNumber(bottom - zh)}" width="${ZERO_BAR}" height="${svgNumber(zh)}" fill="#2ca02c"><title>${h.zeros} elements exactly equal</title></rect>`,
  )
  parts.push(`<text x="${LEFT + ZERO_BAR / 2}" y="${bottom + 14}" text-anchor="middle">0</text>`)
  const bins = h.counts.length
  // The axis spans at least MIN_DECADES and reaches down to the allowed atol, so one narrow band of
  // differences (a constant shift) reads as a bar at its place, next to the line it crossed.
  const logMax = bins > 0 ? Math.log10(h.edges[bins]!) : 1
  const allowedLog = h.allowed !== undefined && h.allowed > 0 ? Math.floor(Math.log10(h.allowed)) : Infinity
  const logMin = bins > 0 ? Math.min(Math.log10(h.edges[0]!), logMax - MIN_DECADES, allowedLog) : 0
  const xOf = (value: number): number => plotLeft + ((Math.log10(value) - logMin) / (logMax - logMin || 1)) * plotWidth
  h.counts.forEach((count, i) => {
    const x0 = xOf(h.edges[i]!),
      x1 = xOf(h.edges[i + 1]!)
    const bh = height(count)
    const beyond = h.allowed !== undefined && h.edges[i]! >= h.allowed
    parts.push(
      `<rect x="${svgNumber(x0)}" y="${svgNumber(bottom - bh)}" width="${svgNumber(Math.max(0.5, x1 - x0 - 1))}" height="${svgNumber(bh)}" fill="${beyond ? '#d62728' : '#1f77b4'}">` +
        `<title>${count} elements with |difference| in [${h.edges[i]!.toExponential(1)}, ${h.edges[i + 1]!.toExponential(1)})</title></rect>`,
    )
  })
  for (let d = Math.ceil(logMin); d <= Math.floor(logMax) && bins > 0; d++) {
    const x = xOf(10 ** d)
    parts.push(
      `<text x="${svgNumber(x)}" y="${bottom + 14}" text-anchor="${x > WIDTH - 20 ? 'end' : 'middle'}">1e${d}</text>`,
    )
  }
  if (h.allowed !== undefined && h.allowed > 0 && bins > 0) {
    const x = Math.min(WIDTH - 6, Math.max(plotLeft, xOf(h.allowed)))
    parts.push(
      `<line x1="${svgNumber(x)}" y1="${TOP}" x2="${svgNumber(x)}" y2="${bottom}" stroke="#d62728" stroke-dasharray="4 3"><title>allowed atol ${h.allowed}</title></line>`,
    )
    const left = x - plotLeft > 70
    parts.push(
      `<text x="${svgNumber(left ? x - 3 : x + 3)}" y="${TOP + 10}" text-anchor="${left ? 'end' : 'start'}" fill="#d62728">atol ${escapeHtml(h.allowed)}</text>`,
    )
  }
  parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - 6}" y2="${bottom}" stroke="#444"/>`)
  const label =
    `Histogram of |model − reference| over ${h.total} elements: ${h.zeros} equal, largest ${h.max}` +
    (h.allowed === undefined ? '' : `, atol ${h.allowed}`)
  return `<svg class="plot histogram" viewBox="0 0 ${WIDTH} ${HEIGHT + TOP + 18}" width="${WIDTH}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`
}
