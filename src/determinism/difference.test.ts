import { describe, expect, test } from 'vitest'
import { largestDifference } from './difference.js'

const t = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape, dtype: 'float32' as const })

describe('largestDifference', () => {
  test('finds the largest element difference and its multi-dimensional index', () => {
    const a = { y: t([0, 1, 2, 3, 4, 5], [1, 2, 3]), z: t([1], [1]) }
    const b = { y: t([0, 1, 2, 3, 4.5, 5], [1, 2, 3]), z: t([1.25], [1]) }
    expect(largestDifference(a, b, ['y', 'z'])).toEqual({
      output: 'y',
      absolute: 0.5,
      flatIndex: 4,
      index: [0, 1, 1],
      a: 4,
      b: 4.5,
    })
  })
  test('is undefined for numerically equal outputs (even when -0 and 0)', () => {
    expect(largestDifference({ y: t([0, 1], [2]) }, { y: t([-0, 1], [2]) }, ['y'])).toBeUndefined()
  })
  test('treats NaN against a number as an infinite difference, NaN against NaN as none', () => {
    expect(largestDifference({ y: t([NaN, 1], [2]) }, { y: t([0, 1], [2]) }, ['y'])?.absolute).toBe(Infinity)
    expect(largestDifference({ y: t([NaN], [1]) }, { y: t([NaN], [1]) }, ['y'])).toBeUndefined()
  })
  test('reports different sizes as an infinite difference without an index', () => {
    expect(largestDifference({ y: t([1], [1]) }, { y: t([1, 2], [2]) }, ['y'])).toMatchObject({
      absolute: Infinity,
      index: [],
    })
  })
})
