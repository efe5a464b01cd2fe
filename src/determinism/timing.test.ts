import { describe, expect, test } from 'vitest'
import { MAX_TIMING_SAMPLES, quantile, TimingSampler } from './timing.js'

describe('TimingSampler', () => {
  test('gives median, p95, min, max and total', () => {
    const s = new TimingSampler(100)
    for (let i = 1; i <= 100; i++) s.add(i)
    const t = s.summary()
    expect(t.medianMs).toBeCloseTo(50.5)
    expect(t.p95Ms).toBeCloseTo(95.05)
    expect(t).toMatchObject({ minMs: 1, maxMs: 100, totalMs: 5050, runs: 100 })
  })
  test('keeps bounded samples for many runs and still estimates the median', () => {
    const n = MAX_TIMING_SAMPLES * 4
    const s = new TimingSampler(n, 7)
    for (let i = 0; i < n; i++) s.add(i % 100)
    const t = s.summary()
    expect(t.runs).toBe(n)
    expect(Math.abs(t.medianMs - 49.5)).toBeLessThan(5)
  })
  test('is all zeros with no runs', () => {
    expect(new TimingSampler(0).summary()).toMatchObject({ medianMs: 0, runs: 0 })
  })
})

test('quantile interpolates linearly', () => {
  expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
  expect(quantile([], 0.5)).toBeNaN()
})
