import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { makeTensor } from '../tensor/dtype.js'
import { aggregateComparisons } from './aggregate.js'
import { compareOutputs } from './compare-outputs.js'
import type { Tolerance } from './tolerance.js'

const logits = (top: number, n = 5, value = 1) => {
  const d = new Float32Array(n)
  d[top] = value
  return { y: makeTensor('float32', [1, n], d) }
}

/** 10 samples; in `disagree` of them the actual top-1 is class 1 instead of class 0. */
function dataset(disagree: number, tolerance: Tolerance) {
  return Array.from({ length: 10 }, (_, i) => compareOutputs(logits(i < disagree ? 1 : 0), logits(0), tolerance))
}

describe('aggregateComparisons', () => {
  it('top1: true needs every sample to agree', () => {
    const t = { top1: true }
    expect(aggregateComparisons(dataset(0, t), t).pass).toBe(true)
    const r = aggregateComparisons(dataset(1, t), t)
    expect(r.pass).toBe(false)
    expect(r.outputs.y!.failed).toEqual([{ criterion: 'top1', required: 1, measured: 0.9, bound: 'min' }])
    expect(r.outputs.y!.top1).toEqual({ rows: 10, agreeing: 9, fraction: 0.9 })
  })
  it('top1: 0.9 passes with 9 of 10 agreeing and fails with 8', () => {
    const t = { top1: 0.9 }
    expect(aggregateComparisons(dataset(1, t), t).pass).toBe(true)
    expect(aggregateComparisons(dataset(2, t), t).outputs.y!.minimumPassing.top1).toBe(0.8)
    expect(aggregateComparisons(dataset(2, t), t).pass).toBe(false)
  })
  it('suggests no topK when a sample needs every class (a topK of every class is refused)', () => {
    const t = { atol: 1 }
    // [1, 3] rows: the expected class 0 ranks 2nd in sample 0 and 3rd (last) in sample 1.
    const row = (values: number[]) => ({ y: makeTensor('float32', [1, 3], values) })
    const expected = row([1, 0.5, 0])
    const ranked2 = compareOutputs(row([0.5, 1, 0]), expected, t)
    const ranked3 = compareOutputs(row([0, 0.5, 1]), expected, t)
    expect(aggregateComparisons([ranked2, ranked2], t).outputs.y!.minimumPassing.topK).toBe(2)
    expect(aggregateComparisons([ranked2, ranked3], t).outputs.y!.minimumPassing.topK).toBeUndefined()
    expect(aggregateComparisons([ranked3, ranked2], t).outputs.y!.minimumPassing.topK).toBeUndefined()
  })
  it('topK fractions count the expected class within the actual top k', () => {
    const t = { topK: { k: 2, fraction: 1 } }
    expect(aggregateComparisons(dataset(5, t), t).pass).toBe(true)
    expect(aggregateComparisons(dataset(5, { topK: 1 }), { topK: 1 }).outputs.y!.failed[0]).toMatchObject({
      criterion: 'topK',
      measured: 0.5,
    })
  })
  it('element-wise criteria must hold in every sample, reporting the worst and which samples failed', () => {
    const t = { atol: 0.15 }
    const list = [0, 0.1, 0.3, 0.2].map((shift) =>
      compareOutputs({ y: makeTensor('float32', [1], [1 + shift]) }, { y: makeTensor('float32', [1], [1]) }, t),
    )
    const r = aggregateComparisons(list, t)
    expect(r.pass).toBe(false)
    expect(r.outputs.y!.failingSamples).toEqual([2, 3])
    expect(r.outputs.y!.failed[0]!.criterion).toBe('atol')
    expect(r.outputs.y!.failed[0]!.measured).toBeCloseTo(0.3, 6)
    expect(r.outputs.y!.worst.sample).toBe(2)
    expect(r.outputs.y!.minimumPassing.atol).toBeCloseTo(0.3, 6)
  })
  it('keeps the worst cosine across samples', () => {
    const t = { cosine: 0.99 }
    const list = [logits(0), logits(1)].map((a) => compareOutputs(a, logits(0), t))
    const r = aggregateComparisons(list, t)
    expect(r.outputs.y!.failed).toEqual([{ criterion: 'cosine', required: 0.99, measured: 0, bound: 'min' }])
    expect(r.outputs.y!.minimumPassing.cosine).toBe(0)
  })
  it('refuses an empty list and samples with different outputs', () => {
    expect(() => aggregateComparisons([])).toThrow(/at least one sample/)
    const a = compareOutputs(logits(0), logits(0))
    const b = compareOutputs({ z: logits(0).y }, { z: logits(0).y })
    expect(() => aggregateComparisons([a, b])).toThrow(InvalidArgumentError)
  })
})
