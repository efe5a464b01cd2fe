/**
 * A parity result in words, torch `assert_close` style: per output, mismatched k / n, the greatest
 * absolute and relative differences and where, what was allowed, the smallest tolerance that would
 * pass; then how inputs and outputs were reconciled, and the dataset lines. The footer (seed,
 * artifacts) is added by the caller.
 * @packageDocumentation
 */
import type { NormalizationSpec } from '../../src/device/types.js'
import type { NormalizationMismatch } from '../../src/parity/normalization.js'
import type { ToleranceCriteria, Tolerance } from '../../src/compare/tolerance.js'
import { criteriaFor } from '../../src/compare/tolerance.js'
import type {
  DatasetOutputComparison,
  ElementDifference,
  FailedCriterion,
  MinimumPassing,
  TensorComparison,
} from '../../src/compare/types.js'
import type { ParityResult } from '../../src/parity/types.js'
import { formatAt, formatAtLeast, formatAtMost, formatNumber, formatPercent, plural } from './numbers.js'
import { formatInputLine, overSamples } from './samples.js'

const fraction = (f: number): string => (f === 1 ? 'every row' : `≥ ${formatPercent(f)} of rows`)

/** A tolerance as a short phrase: `atol 0.001, rtol 0, cosine ≥ 0.99, top-1 agrees`. */
export function formatCriteria(c: ToleranceCriteria): string {
  const parts: string[] = []
  if (c.atol !== undefined || c.rtol !== undefined)
    parts.push(`|a − e| ≤ ${formatNumber(c.atol ?? 0)} + ${formatNumber(c.rtol ?? 0)}·|e|`)
  if (c.steps !== undefined) parts.push(`≤ ${formatNumber(c.steps)} quantization steps`)
  if (c.cosine !== undefined) parts.push(`cosine ≥ ${formatNumber(c.cosine, 6)}`)
  if (c.snrDb !== undefined) parts.push(`SNR ≥ ${formatNumber(c.snrDb)} dB`)
  if (c.top1 === true || typeof c.top1 === 'number')
    parts.push(`top-1 agrees in ${fraction(c.top1 === true ? 1 : c.top1)}`)
  if (c.topK !== undefined) {
    const { k, fraction: f } = typeof c.topK === 'number' ? { k: c.topK, fraction: 1 } : c.topK
    parts.push(`reference top-1 within model top-${k} in ${fraction(f)}`)
  }
  if (parts.length === 0) parts.push('every element equal')
  if (c.equalNaN === true) parts.push('NaN = NaN')
  return parts.join(', ')
}

/** One failed criterion: what was required and what was measured. */
export function formatFailure(f: FailedCriterion): string {
  const m = formatNumber(f.measured, 6)
  switch (f.criterion) {
    case 'atol':
      return `atol ${formatNumber(f.required)} (with rtol ${formatNumber(f.rtol ?? 0)}) — needs atol ${formatAtLeast(f.measured)}`
    case 'exact':
      return `exact equality — ${plural(f.measured, 'element')} differ`
    case 'nan':
      return `no NaN — ${plural(f.measured, 'element')} with a NaN that equalNaN does not excuse`
    case 'steps':
      return `≤ ${formatNumber(f.required)} steps — measured ${formatNumber(f.measured)} steps`
    case 'cosine':
      return `cosine ≥ ${formatNumber(f.required, 6)} — measured ${m}`
    case 'snrDb':
      return `SNR ≥ ${formatNumber(f.required)} dB — measured ${formatNumber(f.measured)} dB`
    case 'top1':
      return `top-1 agreement ≥ ${formatPercent(f.required)} — measured ${formatPercent(f.measured)}`
    case 'topK':
      return `top-${f.k ?? '?'} agreement ≥ ${formatPercent(f.required)} — measured ${formatPercent(f.measured)}`
  }
}

/** How a comparison names its two sides: `['model', 'reference']`, or a fuzz case's `['float32', 'raw']`. */
type Sides = readonly [actual: string, expected: string]
const MODEL_VS_REFERENCE: Sides = ['model', 'reference']

function at(name: string, d: ElementDifference, sides: Sides): string {
  return formatAt(name, d.index, [sides[0], d.actual], [sides[1], d.expected])
}

/**
 * The smallest tolerance values that would pass, as a copy-pasteable object. Upper bounds are rounded
 * up and lower bounds down at the printed precision, so the printed values pass when pasted back; the
 * user's own rtol is printed exactly, since the atol was computed for it.
 */
export function formatMinimumPassing(m: MinimumPassing, c: ToleranceCriteria): string {
  // An infinity facing a different value needs an infinite atol, which the tolerance refuses: no atol to print.
  const parts = Number.isFinite(m.atol)
    ? [`atol: ${formatAtLeast(m.atol)}${c.rtol ? ` (with rtol ${String(c.rtol)})` : ''}`]
    : []
  if (m.steps !== undefined) parts.push(`steps: ${formatAtLeast(m.steps)}`)
  // Only bounds that constrain something and that the tolerance accepts: a cosine ≤ 0, an SNR ≤ 0 dB or a top-1
  // agreement of 0 would pass an unrelated output (refused when pasted back), and top1 / topK refuse single-score
  // outputs (topK is absent too when only every class would pass).
  if (m.cosine > 0) parts.push(`cosine: ${formatAtMost(m.cosine, 6)}`)
  // +Infinity (identical outputs) is met only by exact equality: no finite bound to print, so say so.
  if (m.snrDb > 0 && m.snrDb < Infinity) parts.push(`snrDb: ${formatAtMost(m.snrDb)}`)
  if (m.top1 !== undefined && m.top1 > 0) parts.push(`top1: ${formatAtMost(m.top1)}`)
  if (m.topK !== undefined) parts.push(`topK: ${m.topK}`)
  if (m.equalNaN) parts.push('equalNaN: true')
  const note =
    m.snrDb === Infinity
      ? ' (identical: any snrDb passes)'
      : Number.isFinite(m.atol)
        ? ''
        : ' (no atol: an infinity faces a different value)'
  return `{ ${parts.join(', ')} }${note}`
}

/** The numbers of one output's comparison (the worst sample's), one per line, its sides named by `sides`. */
export function formatComparison(name: string, c: TensorComparison, sides: Sides = MODEL_VS_REFERENCE): string[] {
  const lines: string[] = []
  const pct = c.n === 0 ? '' : ` (${formatPercent(c.mismatched / c.n)})`
  const kind = c.mismatchKind === 'tolerance' ? 'outside |a − e| ≤ atol + rtol·|e|' : 'not exactly equal'
  lines.push(`Mismatched elements: ${c.mismatched} / ${c.n}${pct}, ${kind}`)
  if (c.nanMismatched > 0 && c.firstNaNMismatch !== undefined)
    lines.push(`NaN: ${plural(c.nanMismatched, 'element')}, first ${at(name, c.firstNaNMismatch, sides)}`)
  if (c.maxAbs !== undefined)
    lines.push(`Greatest absolute difference: ${formatNumber(c.maxAbs.value)} ${at(name, c.maxAbs, sides)}`)
  if (c.maxRel !== undefined)
    lines.push(`Greatest relative difference: ${formatNumber(c.maxRel.value)} ${at(name, c.maxRel, sides)}`)
  if (c.maxSteps !== undefined)
    lines.push(`Greatest error in quantization steps: ${formatNumber(c.maxSteps.value)} ${at(name, c.maxSteps, sides)}`)
  lines.push(
    `Mean absolute difference: ${formatNumber(c.meanAbs)}; cosine ${formatNumber(c.cosine, 6)}; SNR ${formatNumber(c.snrDb)} dB`,
  )
  const t = c.top1
  if (t.rows === 1) {
    // The default sides keep their possessive wording; a fuzz case's labels ('float32', 'in schedule') read better
    // plain.
    const ranks =
      sides === MODEL_VS_REFERENCE
        ? `; the reference's class ranks #${t.expectedRankInActual[0]} in the model's output`
        : `; class ${t.expected[0]} ranks #${t.expectedRankInActual[0]} in the ${sides[0]} output`
    lines.push(
      `Top-1: class ${t.actual[0]} (${sides[0]}) vs class ${t.expected[0]} (${sides[1]})${t.agreeing === 1 ? ', agree' : ranks}`,
    )
  } else if (t.rows > 1) lines.push(`Top-1: ${t.agreeing} / ${t.rows} batch rows agree`)
  return lines
}

function formatOutput(r: ParityResult, name: string, o: DatasetOutputComparison, tolerance: Tolerance): string[] {
  const pairing = r.outputs.find((p) => p.model === name)
  const criteria = criteriaFor(tolerance, name)
  const title =
    pairing === undefined || pairing.reference === name ? `"${name}"` : `"${name}" vs reference "${pairing.reference}"`
  const lines = [`Output ${title}: ${o.pass ? 'within the tolerance' : 'FAILED'}`]
  const body: string[] = []
  if (r.samples.length > 1) {
    const failing = o.failingSamples.map((i) => r.samples[i]!.label)
    const which = failing.length === 0 ? '' : ` (${failing.slice(0, 5).join(', ')}${failing.length > 5 ? ', …' : ''})`
    body.push(`Samples failing a per-sample criterion: ${failing.length} of ${r.samples.length}${which}`)
    if (o.top1.rows > 0)
      body.push(`Top-1 agreement: ${o.top1.agreeing} / ${o.top1.rows} (${formatPercent(o.top1.fraction)})`)
    body.push(`Worst sample: ${r.samples[o.worst.sample]!.label}`)
  }
  body.push(...formatComparison(name, o.worst.comparison))
  const worstOver = r.samples.length > 1 ? ` (worst over ${r.samples.length} samples)` : ''
  if (o.failed.length > 0) body.push(`Failed${worstOver}: ${o.failed.map(formatFailure).join('; ')}`)
  body.push(`Allowed: ${formatCriteria(criteria)}`)
  body.push(
    `Would pass with${r.samples.length > 1 ? ' (every sample)' : ''}: ${formatMinimumPassing(o.minimumPassing, criteria)}`,
  )
  if (pairing !== undefined && pairing.steps.length > 0) body.push(`Model output: ${pairing.steps.join(', ')}`)
  return [...lines, ...body.map((l) => `  ${l}`)]
}

/** One line for the "Received" side. */
export function formatParitySummary(r: ParityResult): string {
  const names = r.verdict.names
  const failing = names.filter((n) => !r.verdict.outputs[n]!.pass)
  const over = overSamples(r.samples.length)
  if (failing.length === 0)
    return `${names.length === 1 ? 'the output is' : `all ${names.length} outputs are`} within the tolerance${over}`
  return `${failing.length} of ${plural(names.length, 'output')} outside the tolerance${over}: ${failing.map((n) => JSON.stringify(n)).join(', ')}`
}

/**
 * Every line after "Expected / Received": outputs (failing first), then how inputs were prepared.
 * @example
 * ```ts
 * const body = formatParityBody(await runParity(hef, 'model.onnx', { tolerance: { top1: true } }))
 * ```
 */
export function formatParityBody(r: ParityResult): string {
  const names = [...r.verdict.names].sort(
    (a, b) => Number(r.verdict.outputs[a]!.pass) - Number(r.verdict.outputs[b]!.pass),
  )
  const lines: string[] = []
  for (const name of names) lines.push(...formatOutput(r, name, r.verdict.outputs[name]!, r.tolerance), '')
  lines.push(`Reference: ${r.referenceLabel}`)
  for (const p of r.inputs) {
    const label = p.model === p.reference ? `"${p.model}"` : `"${p.model}" → reference "${p.reference}"`
    lines.push(
      `Reference input ${label}: ${p.steps.length === 0 ? 'the same tensor as the model' : p.steps.join(', ')}`,
    )
  }
  if (r.normalizationSource !== undefined) lines.push(`Normalization from ${r.normalizationSource}`)
  // A possible mismatch (the model loaded without one) is worth a line only when the check failed.
  const mismatch = r.normalizationMismatch
  if (mismatch !== undefined && (mismatch.model !== undefined || !r.pass))
    lines.push(formatNormalizationMismatch(mismatch, r.normalizationSource))
  lines.push(
    formatInputLine(
      r.samples.map((s) => s.label),
      r.image,
    ),
  )
  return lines.join('\n')
}

const specText = (n: NormalizationSpec): string => `{ mean: [${n.mean.join(', ')}], std: [${n.std.join(', ')}] }`

/** The two sides saw differently normalized inputs: say which, and what to give. */
function formatNormalizationMismatch(m: NormalizationMismatch, source: string | undefined): string {
  const reference =
    m.reference === undefined
      ? 'the reference input was not normalized'
      : `the reference input was normalized with ${m.reference.map(specText).join(' and ')}${source === undefined ? '' : ` from ${source}`}`
  if (m.model === undefined)
    return (
      `Normalizations may differ: the model was loaded without one, but ${reference}. ` +
      'Unless the model normalizes inside its graph (a raw-pixel export does), the two sides saw different inputs: load the model with { normalization } as the chip applies it.'
    )
  return (
    `Normalizations differ: the model was loaded with normalization ${specText(m.model)} (its device applies it), but ${reference}. ` +
    'The two sides saw different inputs: give toMatchOnnxWithin the same normalization (or the .alls it comes from).'
  )
}
