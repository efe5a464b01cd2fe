import { describe, expect, test } from 'vitest'
import { classifyOutput } from '../../src/determinism/classifier.js'
import {
  choosePredictions,
  formatConfidence,
  formatConfidenceNote,
  formatPredictions,
  type PredictionGroup,
} from './predictions.js'

/** The prediction the engine makes of these scores. */
function predict(scores: readonly number[]) {
  const p = classifyOutput({ data: Float32Array.from(scores), shape: [1, scores.length], dtype: 'float32' })
  if (p === undefined) throw new Error('not a classifier output')
  return p
}
const softmaxOf = (logits: readonly number[]): number[] => {
  const e = logits.map((v) => Math.exp(v - Math.max(...logits)))
  const total = e.reduce((a, b) => a + b, 0)
  return e.map((v) => v / total)
}
/** A group whose outputs are consistent: probs is the softmax of logits (the network ran, on any input). */
const consistent = (id: number, logits: number[]): PredictionGroup => ({
  id,
  predictions: { logits: predict(logits), probs: predict(softmaxOf(logits)) },
})
/** A group of raw noise: probs is not a probability vector and names another class than logits. */
const noise = (id: number, logits: number[], probs: number[]): PredictionGroup => ({
  id,
  predictions: { logits: predict(logits), probs: predict(probs) },
})

describe('a model with logits and probabilities', () => {
  const groups = [
    consistent(1, [0.2, 2.1, -1, 0.5]),
    consistent(2, [3, 0.1, 0.4, -2]),
    consistent(3, [0, 0.1, 0.2, 1.1]),
  ]

  test("shows one class per run, from the probabilities, when the logits agree everywhere (the field report's table)", () => {
    const choice = choosePredictions(groups)
    expect(choice).toEqual({ shown: ['probs'], agreeing: ['logits'] })
    expect(groups.map((g) => formatPredictions(g.predictions, choice))).toEqual([
      'class 1 at 71.6 %',
      'class 0 at 88.0 %',
      'class 3 at 47.5 %',
    ])
    expect(formatConfidenceNote(groups, choice)).toBe(
      'Confidence: probs as given (it sums to 1); logits names the same class in every distinct output',
    )
  })

  test('shows both, by name, when they disagree on the class in some run', () => {
    const disagreeing = [
      ...groups,
      { id: 4, predictions: { logits: predict([0, 5, 0, 0]), probs: predict([0.7, 0.1, 0.1, 0.1]) } },
    ]
    const choice = choosePredictions(disagreeing)
    expect(choice).toEqual({ shown: ['logits', 'probs'], agreeing: [] })
    expect(formatPredictions(disagreeing[3]!.predictions, choice)).toBe(
      'logits: class 1 at 98.0 %; probs: class 0 at 70.0 %',
    )
  })
})

describe('the confidence line says what was done, and why', () => {
  test('raw noise: a softmax of each output because neither is a probability vector, with its sum — not "it holds logits"', () => {
    const groups = [
      noise(1, [3.1, -2, 0.4, 1.2], [0.9, 0.8, 0.95, 0.2]),
      noise(2, [-1, 2.5, 0, 0.3], [0.1, 0.3, 0.2, 0.9]),
    ]
    const choice = choosePredictions(groups)
    expect(choice.shown).toEqual(['logits', 'probs'])
    expect(formatPredictions(groups[0]!.predictions, choice)).toBe(
      'logits: class 0 at 81.8 %; probs: class 2 at 30.4 %',
    )
    const note = formatConfidenceNote(groups, choice)
    expect(note).toBe(
      'Confidence: softmax of logits (not a probability vector: sums between 1.8 and 2.7); softmax of probs (not a probability vector: sums between 1.5 and 2.85)',
    )
    expect(note).not.toContain('it holds logits')
  })

  test('an output that is a probability vector in some runs only: which runs were softmaxed, and why', () => {
    const groups = [
      noise(1, [0, 0, 0, 0], [0.5, 0.5, 0.5, 0.5]),
      consistent(2, [0.2, 2.1, -1, 0.5]),
      consistent(3, [0.2, 2.1, -1, 0.6]),
    ]
    const choice = choosePredictions(groups)
    expect(choice.shown).toEqual(['logits', 'probs'])
    expect(formatConfidenceNote(groups, choice)).toBe(
      'Confidence: softmax of logits (not a probability vector: sums between 0 and 1.9); ' +
        'softmax of probs in #1 (not a probability vector there: sums to 2); probs as given elsewhere (it sums to 1)',
    )
  })

  test('scores that sum to 1 but leave [0, 1] are named by their range', () => {
    const groups = [{ id: 1, predictions: { y: predict([2, -0.5, -0.5]) } }]
    expect(formatConfidenceNote(groups, choosePredictions(groups))).toBe(
      'Confidence: softmax of y (not a probability vector: scores from -0.5 to 2, outside [0, 1])',
    )
  })

  test('a sum within rounding of 1 but not 1 is printed with enough digits to see why', () => {
    const groups = [{ id: 1, predictions: { y: predict([0.5, 0.502]) } }]
    expect(formatConfidenceNote(groups, choosePredictions(groups))).toBe(
      'Confidence: softmax of y (not a probability vector: sums to 1.002)',
    )
  })

  test('a single output is shown without its name; no classifier output, no line', () => {
    const one = [{ id: 1, predictions: { logits: predict([0, Math.log(3), 0]) } }]
    const choice = choosePredictions(one)
    expect(formatPredictions(one[0]!.predictions, choice)).toBe('class 1 at 60.0 %')
    expect(formatConfidenceNote(one, choice)).toBe(
      'Confidence: softmax of logits (not a probability vector: sums to 1.1)',
    )
    const none = [{ id: 1, predictions: {} }]
    expect(choosePredictions(none)).toEqual({ shown: [], agreeing: [] })
    expect(formatPredictions({}, choosePredictions(none))).toBe('')
    expect(formatConfidenceNote(none, choosePredictions(none))).toBeUndefined()
  })

  test('several agreeing outputs are listed together', () => {
    const g = (id: number, logits: number[]): PredictionGroup => ({
      id,
      predictions: {
        logits: predict(logits),
        scaled: predict(logits.map((v) => v * 2)),
        probs: predict(softmaxOf(logits)),
      },
    })
    const groups = [g(1, [2, 0, 0]), g(2, [0, 0, 2])]
    const choice = choosePredictions(groups)
    expect(choice).toEqual({ shown: ['probs'], agreeing: ['logits', 'scaled'] })
    expect(formatConfidenceNote(groups, choice)).toBe(
      'Confidence: probs as given (it sums to 1); logits and scaled name the same class in every distinct output',
    )
  })
})

describe('a quantized softmax (uint8, scale 1/255)', () => {
  test('reads at its own confidence, and the line says its sum is 1 within the quantization error', () => {
    const info = {
      name: 'probs',
      shape: [1, 10],
      dtype: 'uint8' as const,
      layout: 'NC' as const,
      quant: { scale: 1 / 255, zeroPoint: 0 },
    }
    const p = classifyOutput(
      { data: new Uint8Array([3, 3, 232, 3, 3, 3, 3, 3, 3, 3]), shape: [1, 10], dtype: 'uint8' },
      info,
    )!
    const groups = [{ id: 1, predictions: { probs: p } }]
    expect(formatPredictions(groups[0]!.predictions, choosePredictions(groups))).toBe('class 2 at 91.0 %')
    expect(formatConfidenceNote(groups, choosePredictions(groups))).toBe(
      'Confidence: probs as given (it sums to 1.02: 1 within its quantization error (±0.0215))',
    )
  })

  // A ~78 % class under a probs range calibrated to [0, 0.42] on noise: cut at code 255, the row sums to 0.64. A
  // softmax of it used to be reported instead (the audit saw "class 2 at 19.4 %" for ~78 %).
  const narrow = {
    name: 'probs',
    shape: [1, 4],
    dtype: 'uint8' as const,
    layout: 'NC' as const,
    quant: { scale: 0.42 / 255, zeroPoint: 0 },
  }
  const codes = (values: number[]) =>
    classifyOutput({ data: Uint8Array.from(values), shape: [1, 4], dtype: 'uint8' }, narrow)!

  test('a top class clipped by the quantization reads "at ≥", and the line gives the sum and the bounds', () => {
    const groups = [{ id: 1, predictions: { probs: codes([45, 45, 255, 45]) } }]
    expect(formatPredictions(groups[0]!.predictions, choosePredictions(groups))).toBe('class 2 at ≥ 42.0 %')
    // The per-sample table's top-1 column uses the same words.
    expect(formatConfidence(groups[0]!.predictions.probs)).toBe('≥ 42.0 %')
    expect(formatConfidence(codes([60, 60, 255, 232]))).toBe('42.0 %') // at the top code, but nothing cut: it sums to 1
    expect(formatConfidenceNote(groups, choosePredictions(groups))).toBe(
      'Confidence: probs as given (it sums to 0.642: clipped at the top of its quantization range (0.42), so the top class is at least that and up to 35.8 points higher)',
    )
  })

  test('runs read in different ways name the runs of each', () => {
    const groups = [
      { id: 1, predictions: { probs: codes([45, 45, 255, 45]) } },
      { id: 2, predictions: { probs: codes([60, 60, 255, 232]) } },
      { id: 3, predictions: { probs: codes([200, 250, 40, 9]) } },
    ]
    expect(groups.map((g) => g.predictions.probs.confidenceFrom)).toEqual([
      'clipped-probabilities',
      'probabilities',
      'softmax',
    ])
    expect(formatConfidenceNote(groups, choosePredictions(groups))).toBe(
      'Confidence: softmax of probs in #3 (not a probability vector there: sums to 0.822); ' +
        'probs as given in #1 (it sums to 0.642: clipped at the top of its quantization range (0.42), so the top class is at least that and up to 35.8 points higher); ' +
        'probs as given elsewhere (it sums to 1)',
    )
  })
})
