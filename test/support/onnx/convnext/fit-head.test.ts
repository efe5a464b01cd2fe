import { describe, expect, test } from 'vitest'
import { seededWeights } from '../weights.js'
import { fitHead } from './fit-head.js'
import { randomConvNextWeights } from './weights.js'
import { referenceHead } from './reference.js'

const weights = randomConvNextWeights(3, { size: 8, stages: [{ dim: 4, depth: 1 }], classes: 5 })
const features = (seed: number) => Float64Array.from(seededWeights(seed).uniform(4, 1))

describe('fitHead', () => {
  test('gives each example the margin on its label and 0 elsewhere, and all 0 for an unlabelled one', () => {
    const examples = [
      { features: features(1), label: 2 },
      { features: features(2), label: 4 },
      { features: features(3), label: null },
    ]
    const fitted = fitHead(weights, examples, { margin: 10, ridge: 1e-9 })
    examples.forEach((e) => {
      const logits = referenceHead(fitted, e.features)
      logits.forEach((v, c) => expect(v).toBeCloseTo(c === e.label ? 10 : 0, 3))
    })
  })

  test('is deterministic: the same examples give bit-identical weights', () => {
    const examples = [
      { features: features(4), label: 1 },
      { features: features(5), label: 3 },
    ]
    const a = fitHead(weights, examples),
      b = fitHead(weights, examples)
    expect(Buffer.from(a.headWeight.buffer).equals(Buffer.from(b.headWeight.buffer))).toBe(true)
    expect(Buffer.from(a.headBias.buffer).equals(Buffer.from(b.headBias.buffer))).toBe(true)
  })

  test('leaves the input weights untouched and keeps the backbone', () => {
    const before = Float32Array.from(weights.headWeight)
    const fitted = fitHead(weights, [{ features: features(1), label: 0 }])
    expect(weights.headWeight).toEqual(before)
    expect(fitted.stages).toBe(weights.stages)
  })

  test('refuses no examples, a label outside the classes and features of the wrong length', () => {
    expect(() => fitHead(weights, [])).toThrow(/at least one example/)
    expect(() => fitHead(weights, [{ features: features(1), label: 5 }])).toThrow(/label in 0…4 but example 0 has 5/)
    expect(() =>
      fitHead(weights, [
        { features: features(1), label: 0 },
        { features: new Float64Array(3), label: 1 },
      ]),
    ).toThrow(/4 features.*example 1 has 3/)
  })
})

describe('seededWeights', () => {
  test('same seed same values, within the limit', () => {
    const a = seededWeights(9).uniform(1000, 0.25),
      b = seededWeights(9).uniform(1000, 0.25)
    expect(a).toEqual(b)
    expect(Math.max(...a)).toBeLessThanOrEqual(0.25)
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-0.25)
    expect(seededWeights(10).uniform(4, 1)).not.toEqual(seededWeights(9).uniform(4, 1))
  })

  test('refuses a negative or fractional count', () => {
    expect(() => seededWeights(1).uniform(-1, 1)).toThrow(/non-negative integer count/)
    expect(() => seededWeights(1).kaiming(1.5, 4)).toThrow(/non-negative integer count/)
  })
})
