/**
 * The class-per-run column of a determinism table, and the line that says where its confidences come
 * from. A model with both logits and probabilities shows the probabilities alone when the logits name
 * the same class in every distinct output — one class per run, as the field report reads ("Run 1:
 * Class 17 at 19.0 %") — and the line says so; otherwise every classifier output is shown, by name.
 * The line says plainly what was done: a probability vector read as given, one clipped by the output's quantization
 * read as given with its sum and the bounds of its top class (`class 2 at ≥ 42.0 %` in the row), or a softmax applied
 * because the output is not one, and why (its sum, or scores outside [0, 1]).
 * @packageDocumentation
 */
import type { ClassPrediction, ConfidenceSource } from '../../src/determinism/classifier.js'
import { FLOAT_SUM_TOLERANCE, isProbabilityVector } from '../../src/tensor/probabilities.js'
import { formatNumber, formatPercent, listNames } from './numbers.js'

/** Top-1 predictions of one distinct output, by output name. */
type Predictions = Readonly<Record<string, ClassPrediction>>

/** A distinct output's id and predictions (a `DeterminismGroup` or a sample verdict's group). */
export interface PredictionGroup {
  readonly id: number
  readonly predictions: Predictions
}

/** Which classifier outputs a table shows. */
export interface PredictionChoice {
  /** Outputs shown in every row, in order of first appearance; several are labelled by name. */
  readonly shown: readonly string[]
  /** Classifier outputs left out because they name the same class as the shown one in every group. */
  readonly agreeing: readonly string[]
}

/**
 * The outputs to show: when one output is a probability vector in every group and every other classifier
 * output names the same class in every group, that output alone (nothing is lost); else all of them.
 * @example
 * ```ts
 * choosePredictions(result.groups) // { shown: ['probs'], agreeing: ['logits'] }
 * ```
 */
export function choosePredictions(groups: readonly PredictionGroup[]): PredictionChoice {
  const names: string[] = []
  for (const g of groups) for (const name of Object.keys(g.predictions)) if (!names.includes(name)) names.push(name)
  const all = { shown: names, agreeing: [] }
  if (names.length < 2) return all
  const probabilities = names.find((n) => groups.every((g) => g.predictions[n]?.confidenceFrom === 'probabilities'))
  if (probabilities === undefined) return all
  const others = names.filter((n) => n !== probabilities)
  const agree = others.every((n) => groups.every((g) => g.predictions[n]?.top1 === g.predictions[probabilities]!.top1))
  return agree ? { shown: [probabilities], agreeing: others } : all
}

/**
 * A prediction's confidence: `47.8 %`, or `≥ 42.0 %` for a top class clipped by the output's quantization (cut at
 * its score, so its probability is at least that).
 * @example
 * ```ts
 * formatConfidence(prediction) // '≥ 42.0 %'
 * ```
 */
export function formatConfidence(p: ClassPrediction): string {
  return `${p.confidenceFrom === 'clipped-probabilities' ? '≥ ' : ''}${formatPercent(p.confidence)}`
}

/**
 * One row's classes: `class 17 at 19.0 %`, or `logits: class 0 at 21.5 %; probs: class 57 at 2.3 %`; a top class
 * clipped by the output's quantization reads `class 2 at ≥ 42.0 %`.
 * @example
 * ```ts
 * formatPredictions(group.predictions, { shown: ['probs'], agreeing: ['logits'] }) // 'class 17 at 19.0 %'
 * ```
 */
export function formatPredictions(predictions: Predictions, choice: PredictionChoice): string {
  const named = choice.shown.length > 1
  return choice.shown
    .flatMap((name) => {
      const p = predictions[name]
      return p === undefined ? [] : [`${named ? `${name}: ` : ''}class ${p.top1} at ${formatConfidence(p)}`]
    })
    .join('; ')
}

/** `sums to 14.2` / `sums between 9.1 and 14.2`. */
function spanText(what: string, values: readonly number[]): string {
  const digits = values.some((v) => formatNumber(v) === '1') ? 6 : 3
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return formatNumber(lo, digits) === formatNumber(hi, digits)
    ? `${what} to ${formatNumber(lo, digits)}`
    : `${what} between ${formatNumber(lo, digits)} and ${formatNumber(hi, digits)}`
}

/** Why these predictions are not probability vectors: the sum, else the scores outside [0, 1]. */
function whyNotProbabilities(predictions: readonly ClassPrediction[]): string {
  const offSum = predictions.filter((p) => !isProbabilityVector(p.sum, [0, 1], p.sumTolerance))
  if (offSum.length > 0)
    return spanText(
      'sums',
      offSum.map((p) => p.sum),
    )
  const lo = Math.min(...predictions.map((p) => p.range[0]))
  const hi = Math.max(...predictions.map((p) => p.range[1]))
  return `scores from ${formatNumber(lo)} to ${formatNumber(hi)}, outside [0, 1]`
}

/**
 * `it sums to 1`, or for a quantized output off by more than float rounding, `it sums to 1.00387: 1 within its
 * quantization error (±0.0215)`.
 */
function sumsToOne(predictions: readonly ClassPrediction[]): string {
  const tolerance = Math.max(...predictions.map((p) => p.sumTolerance ?? FLOAT_SUM_TOLERANCE))
  const offBy = Math.max(...predictions.map((p) => Math.abs(p.sum - 1)))
  if (offBy <= FLOAT_SUM_TOLERANCE) return 'it sums to 1'
  return `it ${spanText(
    'sums',
    predictions.map((p) => p.sum),
  )}: 1 within its quantization error (±${formatNumber(tolerance, 3)})`
}

/**
 * `it sums to 0.636: clipped at the top of its quantization range (0.42), so the top class is at least that and up to
 * 36.4 points higher` — read as given: a softmax of clipped probabilities would be a made-up number.
 */
function clippedText(predictions: readonly ClassPrediction[]): string {
  const top = Math.max(...predictions.map((p) => p.clippedAt ?? p.range[1]))
  const cut = Math.max(...predictions.map((p) => 1 - p.sum))
  return `it ${spanText(
    'sums',
    predictions.map((p) => p.sum),
  )}: clipped at the top of its quantization range (${formatNumber(top, 3)}), so the top class is at least that and up to ${formatNumber(cut * 100, 3)} points higher`
}

/** The groups where `name`'s confidence came from `source`. */
function readAs(name: string, groups: readonly PredictionGroup[], source: ConfidenceSource): PredictionGroup[] {
  return groups.filter((g) => g.predictions[name]?.confidenceFrom === source)
}

function describeOutput(name: string, groups: readonly PredictionGroup[]): string {
  const softmaxed = readAs(name, groups, 'softmax')
  const clipped = readAs(name, groups, 'clipped-probabilities')
  const given = readAs(name, groups, 'probabilities')
  const of = (gs: readonly PredictionGroup[]): ClassPrediction[] => gs.map((g) => g.predictions[name]!)
  const kinds = [softmaxed, clipped, given].filter((gs) => gs.length > 0).length
  if (kinds === 1 && given.length > 0) return `${name} as given (${sumsToOne(of(given))})`
  if (kinds === 1 && clipped.length > 0) return `${name} as given (${clippedText(of(clipped))})`
  if (kinds === 1) return `softmax of ${name} (not a probability vector: ${whyNotProbabilities(of(softmaxed))})`
  // Several readings across the distinct outputs: each but the last names its groups; the last is "elsewhere".
  const where = (gs: readonly PredictionGroup[]): string => gs.map((g) => `#${g.id}`).join(', ')
  const parts: string[] = []
  if (softmaxed.length > 0)
    parts.push(
      `softmax of ${name} in ${where(softmaxed)} (not a probability vector there: ${whyNotProbabilities(of(softmaxed))})`,
    )
  if (clipped.length > 0)
    parts.push(
      `${name} as given ${given.length > 0 ? `in ${where(clipped)}` : 'elsewhere'} (${clippedText(of(clipped))})`,
    )
  if (given.length > 0) parts.push(`${name} as given elsewhere (it sums to 1)`)
  return parts.join('; ')
}

/**
 * Where the confidences come from, or `undefined` when no output is a classifier's.
 * @example
 * ```ts
 * formatConfidenceNote(groups, choosePredictions(groups))
 * // 'Confidence: probs as given (it sums to 1); logits names the same class in every distinct output'
 * // 'Confidence: softmax of logits (not a probability vector: sums between -3.1 and 2.4); softmax of probs (not a
 * probability vector: sums to 14.2)'
 * ```
 */
export function formatConfidenceNote(groups: readonly PredictionGroup[], choice: PredictionChoice): string | undefined {
  if (choice.shown.length === 0) return undefined
  const parts = choice.shown.map((name) => describeOutput(name, groups))
  if (choice.agreeing.length > 0) {
    parts.push(
      `${listNames(choice.agreeing)} ${choice.agreeing.length === 1 ? 'names' : 'name'} the same class in every distinct output`,
    )
  }
  return `Confidence: ${parts.join('; ')}`
}
