import { describe, expect, test } from 'vitest'
import { UsageError } from '../errors.js'
import type { Tensor } from '../tensor/types.js'
import { compareTensors } from './compare-tensors.js'
import { applicableClassRows, classRowsProblem } from './top1.js'

const ramp = (shape: number[], shift = 0): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1)
  return { data: Float32Array.from({ length: n }, (_, i) => Math.sin(i + shift)), shape, dtype: 'float32' }
}

// A [1, 1, 480, 640] probability map was read as one row of 307 200 "classes" ("class 34868 … ranks #19").
describe('top-1 on outputs that are not classifiers', () => {
  test('a map is not a vector of classes; class vectors in any padding are', () => {
    expect(classRowsProblem([1, 1, 480, 640], 480 * 640)).toMatch(
      /^is not a vector of class scores: each sample spans 480 × 640 values/,
    )
    expect(classRowsProblem([2, 21, 8, 8], 2 * 21 * 64)).toMatch(/each batch row spans 21 × 8 × 8 values/)
    expect(classRowsProblem([1, 1, 1, 67], 67)).toBeUndefined()
    expect(classRowsProblem([1, 67, 1, 1], 67)).toBeUndefined()
    expect(classRowsProblem([4, 67], 4 * 67)).toBeUndefined()
    expect(applicableClassRows([1, 1, 6, 8], 48)).toBe(0)
    expect(applicableClassRows([4, 67], 4 * 67)).toBe(4)
  })

  test('asking top1 or topK of a map is refused, naming the output, its shape and why', () => {
    for (const tolerance of [{ top1: true }, { topK: 3 }]) {
      const compare = (): unknown =>
        compareTensors(ramp([1, 1, 6, 8]), ramp([1, 1, 6, 8], 1), tolerance, { name: 'prob_map' })
      expect(compare).toThrow(UsageError)
      expect(compare).toThrow(
        /but output "prob_map" of shape \[1, 1, 6, 8\] is not a vector of class scores: each sample spans 6 × 8 values \(a map or an image\).*perOutput: \{ <name>: \{ top1: false, cosine: 0\.99/,
      )
    }
  })

  test('without top1 asked, a map is compared with no class story', () => {
    const c = compareTensors(ramp([1, 1, 6, 8]), ramp([1, 1, 6, 8], 1), { cosine: 0.99 })
    expect(c.top1.rows).toBe(0)
    expect(c.top1.actual).toEqual([])
  })

  test('a single-score output keeps its own advice', () => {
    expect(() => compareTensors(ramp([3, 1]), ramp([3, 1]), { top1: true })).toThrow(
      /has a single value per row: top-1 needs at least 2 classes per row\. Use atol or steps for single-score/,
    )
  })
})
