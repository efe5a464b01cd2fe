import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { argmax, rankOf, softmax, topK } from './classify.js'
import { makeTensor } from './dtype.js'

describe('argmax', () => {
  it('returns the first index of the largest value', () => {
    expect(argmax([0.1, 0.7, 0.7, 0.2])).toBe(1)
    expect(argmax(makeTensor('uint8', [1, 1, 1, 4], [3, 9, 1, 9]))).toBe(1)
    expect(argmax(new Float32Array([-3, -1, -2]))).toBe(1)
  })
  it('treats NaN as the largest, as numpy does', () => {
    expect(argmax([1, Number.NaN, 5])).toBe(1)
    expect(argmax([Number.NaN, 5])).toBe(0)
  })
  it('reads int64 tensors', () => {
    expect(argmax(makeTensor('int64', [3], [1n, 7n, 2n]))).toBe(1)
  })
  it('refuses empty and non-numeric input', () => {
    expect(() => argmax([])).toThrow(/at least one element/)
    expect(() => argmax({} as never)).toThrow(InvalidArgumentError)
  })
})

describe('topK', () => {
  it('returns the k largest, largest first, ties by lower index', () => {
    expect(topK([0.1, 0.7, 0.2, 0.7], 3)).toEqual([
      { index: 1, value: 0.7 },
      { index: 3, value: 0.7 },
      { index: 2, value: 0.2 },
    ])
  })
  it('returns everything when k exceeds the length, NaN last', () => {
    expect(topK([1, Number.NaN, 2], 5).map((c) => c.index)).toEqual([2, 0, 1])
  })
  it('refuses a k that is not an integer ≥ 1', () => {
    expect(() => topK([1], 0)).toThrow(/integer ≥ 1 for k/)
    expect(() => topK([1], 1.5)).toThrow(InvalidArgumentError)
  })
  it('agrees with rankOf', () => {
    const v = [3, 1, 3, 2, 5]
    const order = topK(v, 5).map((c) => c.index)
    order.forEach((index, r) => expect(rankOf(v, 0, v.length, index)).toBe(r + 1))
  })
})

describe('softmax', () => {
  it('sums to one per row and keeps the order', () => {
    const s = softmax(makeTensor('float32', [2, 3], [1, 2, 3, 0, 0, 0]))
    expect(s.data[0]! + s.data[1]! + s.data[2]!).toBeCloseTo(1, 6)
    expect(s.data[2]).toBeGreaterThan(s.data[1]!)
    expect(s.data[3]).toBeCloseTo(1 / 3, 6)
  })
  it('is stable for huge logits', () => {
    const s = softmax(makeTensor('float32', [3], [1000, 1000, 1000]))
    expect([...s.data].every((v) => Math.abs(v - 1 / 3) < 1e-6)).toBe(true)
    expect(softmax(makeTensor('float64', [2], [-1e308, 1e308])).data[1]).toBe(1)
  })
})
