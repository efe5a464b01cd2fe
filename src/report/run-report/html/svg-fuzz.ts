/**
 * The fuzzing plots: the shrunk counterexample's frames as small images side by side (pixelated, each
 * a PNG inside the SVG: nothing is fetched), and the |difference| between the two outputs that
 * disagreed, as bars over the output's elements.
 * @packageDocumentation
 */
import type { FuzzInputPreview, FuzzOutputDifference } from '../types.js'
import { escapeHtml, svgNumber } from './escape.js'
import { encodePng } from './png.js'

/** Screen pixels per preview pixel. */
const ZOOM = 4
const GAP = 12
const CAPTION = 14

/**
 * The frames of a counterexample, one image each, captioned with their labels.
 * @example
 * ```ts
 * counterexamplePlot(check.fuzz.previews) // '<svg class="plot counterexample" …>…</svg>'
 * ```
 */
export function counterexamplePlot(previews: readonly FuzzInputPreview[]): string {
  let x = 0
  const parts: string[] = []
  for (const p of previews) {
    const w = p.width * ZOOM,
      h = p.height * ZOOM
    const png = encodePng(p.width, p.height, p.channels, Buffer.from(p.pixels, 'base64')).toString('base64')
    const range = p.range === undefined ? '' : `, values ${p.range[0]}–${p.range[1]} shown as 0–255`
    parts.push(
      `<g class="frame"><title>${escapeHtml(`${p.label}: input ${p.input} [${p.shape.join(', ')}] ${p.dtype}${range}, shown at ${p.width}×${p.height}`)}</title>` +
        `<text x="${x}" y="10">${escapeHtml(p.label)}</text>` +
        `<image x="${x}" y="${CAPTION}" width="${w}" height="${h}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${png}"/></g>`,
    )
    x += Math.max(w, 60) + GAP
  }
  const width = Math.max(1, x - GAP)
  const height = CAPTION + Math.max(...previews.map((p) => p.height * ZOOM))
  const label = `The shrunk counterexample: ${previews.map((p) => p.label).join(', ')}`
  return `<svg class="plot counterexample" viewBox="0 0 ${width} ${height}" width="${width}" role="img" aria-label="${escapeHtml(label)}">${parts.join('')}</svg>`
}

const WIDTH = 560
const HEIGHT = 90
const LEFT = 44
const TOP = 6

/**
 * |actual − expected| of one output, the largest value per run of elements, on a linear axis from 0.
 * @example
 * ```ts
 * outputDifferencePlot(check.fuzz.difference) // '<svg class="plot fuzz-difference" …>…</svg>'
 * ```
 */
export function outputDifferencePlot(d: FuzzOutputDifference): string {
  const plotWidth = WIDTH - LEFT - 6
  const bottom = TOP + HEIGHT
  const step = plotWidth / Math.max(1, d.bins.length)
  const per = d.elements / Math.max(1, d.bins.length)
  // One path for every bar: 64 bars cost a kilobyte, not eight (the page's budget is 2 MB per 1000 checks).
  let path = ''
  d.bins.forEach((v, i) => {
    const bh = v === 0 || d.max === 0 ? 0 : Math.max(1.5, (v / d.max) * HEIGHT)
    if (bh > 0)
      path += `M${svgNumber(LEFT + i * step)} ${bottom}v${svgNumber(-bh)}h${svgNumber(Math.max(0.5, step - 1))}v${svgNumber(bh)}z`
  })
  const bars = [
    `<path class="bars" d="${path}" fill="#d62728"><title>largest |difference| per ${svgNumber(per)} elements</title></path>`,
  ]
  const [a, b] = d.between
  const label = `|${a} − ${b}| of output ${d.output} over ${d.elements} elements, largest ${d.max}`
  return (
    `<svg class="plot fuzz-difference" viewBox="0 0 ${WIDTH} ${HEIGHT + TOP + 18}" width="${WIDTH}" role="img" aria-label="${escapeHtml(label)}">` +
    `<text x="${LEFT - 4}" y="${TOP + 8}" text-anchor="end">${escapeHtml(Number(d.max.toPrecision(3)))}</text>` +
    `<text x="${LEFT - 4}" y="${bottom}" text-anchor="end">0</text>` +
    bars.join('') +
    `<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - 6}" y2="${bottom}" stroke="#444"/>` +
    `<text x="${LEFT}" y="${bottom + 14}">element 0</text><text x="${WIDTH - 6}" y="${bottom + 14}" text-anchor="end">${d.elements - 1}</text>` +
    `</svg>`
  )
}
