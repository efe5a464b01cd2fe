import { describe, expect, test } from 'vitest'
import { classAxis, rowsAreProbabilities, scoresWithinUnitRange } from './probabilities.js'

describe('classAxis', () => {
  test('reads the last axis as the classes and every other axis as rows', () => {
    expect(classAxis([1, 1000])).toEqual({ rows: 1, classes: 1000 })
    expect(classAxis([1000])).toEqual({ rows: 1, classes: 1000 })
    expect(classAxis([1, 25, 97])).toEqual({ rows: 25, classes: 97 })
    expect(classAxis([])).toEqual({ rows: 1, classes: 0 })
  })
})

describe('rowsAreProbabilities', () => {
  test('holds when every row along the last axis is in [0, 1] and sums to 1 within float rounding', () => {
    expect(rowsAreProbabilities([0.2, 0.8, 0.5, 0.5], [2, 2])).toBe(true)
    expect(rowsAreProbabilities(Float32Array.from([0.1, 0.2, 0.7]), [1, 1, 3])).toBe(true)
  })

  test('fails when one row sums elsewhere, a score leaves [0, 1], or a value is NaN', () => {
    expect(rowsAreProbabilities([0.2, 0.8, 0.5, 0.4], [2, 2])).toBe(false)
    expect(rowsAreProbabilities([1.5, -0.5], [1, 2])).toBe(false)
    expect(rowsAreProbabilities([NaN, 1], [1, 2])).toBe(false)
  })

  test('a whole tensor that sums to 1 across rows is not a softmax over its last axis', () => {
    expect(rowsAreProbabilities([0.25, 0.25, 0.25, 0.25], [2, 2])).toBe(false)
  })

  test('never holds for single-value rows, empty tensors or data of the wrong length', () => {
    expect(rowsAreProbabilities([1], [1, 1])).toBe(false)
    expect(rowsAreProbabilities([], [0, 3])).toBe(false)
    expect(rowsAreProbabilities([0.5, 0.5], [1, 3])).toBe(false)
  })
})

test('scoresWithinUnitRange allows float rounding or the given tolerance beyond [0, 1]', () => {
  expect(scoresWithinUnitRange([0, 1.0000005])).toBe(true)
  expect(scoresWithinUnitRange([0, 1.001])).toBe(false)
  expect(scoresWithinUnitRange([-0.001, 1.001], 0.002)).toBe(true)
})
