import { describe, expect, test } from 'vitest'
import { differenceHistogram } from './histogram.js'

const f32 = (...v: number[]) => ({ data: new Float32Array(v), shape: [v.length], dtype: 'float32' as const })

describe('differenceHistogram', () => {
  test('counts zeros apart and every other |difference| in one logarithmic bin', () => {
    const h = differenceHistogram([f32(0, 0, 0.05, -0.05, 1e-6, 2e-6)], 0.01)
    expect(h).toMatchObject({ zeros: 2, total: 6, allowed: 0.01 })
    expect(h.max).toBeCloseTo(0.05, 6)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4)
    expect(h.edges).toHaveLength(h.counts.length + 1)
    // Both 0.05 values share the top bin; its upper edge covers them.
    expect(h.counts[h.counts.length - 1]).toBe(2)
    expect(h.edges[h.edges.length - 1]!).toBeGreaterThanOrEqual(0.05)
    expect(h.edges[0]!).toBeLessThanOrEqual(1e-6)
  })

  test('identical outputs: only zeros, no bins', () => {
    expect(differenceHistogram([f32(0, 0, 0)])).toEqual({ edges: [], counts: [], zeros: 3, total: 3, max: 0 })
  })

  test('NaN is skipped, and tiny differences far below the largest join the first bin (size stays bounded)', () => {
    const h = differenceHistogram([f32(NaN, 1e-30, 1)])
    expect(h.total).toBe(2)
    expect(h.counts.length).toBeLessThanOrEqual(17)
    expect(h.counts[0]).toBe(1)
  })
})
