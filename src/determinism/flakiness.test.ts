import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { binomialCdf, flakinessBound } from './flakiness.js'

describe('flakinessBound', () => {
  test('with no differing run gives the rule-of-three upper bound', () => {
    const b = flakinessBound(0, 50)
    expect(b.lower).toBe(0)
    expect(b.upper).toBeCloseTo(1 - 0.05 ** (1 / 50), 12)
    expect(1 / b.upper).toBeGreaterThan(16)
    expect(1 / b.upper).toBeLessThan(18) // ≈ n / 3
  })
  test('with one differing run of 12 bounds the rate from below (Clopper–Pearson)', () => {
    const b = flakinessBound(1, 12)
    expect(b.estimate).toBeCloseTo(1 / 12)
    expect(b.lower).toBeCloseTo(1 - 0.95 ** (1 / 12), 8) // exact for k = 1
    expect(b.upper).toBeGreaterThan(0.3)
    expect(b.upper).toBeLessThan(0.4)
  })
  test('matches known Clopper–Pearson values', () => {
    // one-sided 95 % bounds for 5 of 20: lower 0.1041, upper 0.4556 (scipy beta.ppf)
    const b = flakinessBound(5, 20)
    expect(b.lower).toBeCloseTo(0.1041, 3)
    expect(b.upper).toBeCloseTo(0.4556, 3)
  })
  test('when every run differs the lower bound is alpha^(1/n) and the upper is 1', () => {
    const b = flakinessBound(10, 10)
    expect(b.lower).toBeCloseTo(0.05 ** 0.1, 10)
    expect(b.upper).toBe(1)
  })
  test('stays finite for large n', () => {
    const b = flakinessBound(3, 100_000)
    expect(b.lower).toBeGreaterThan(0)
    expect(b.upper).toBeLessThan(1e-4)
  })
  test('refuses impossible counts', () => {
    expect(() => flakinessBound(5, 4)).toThrow(InvalidArgumentError)
    expect(() => flakinessBound(-1, 4)).toThrow(/differing/)
    expect(() => flakinessBound(0, 0)).toThrow(/runs/)
    expect(() => flakinessBound(0, 1.5)).toThrow(/integer/)
  })
})

describe('binomialCdf', () => {
  test('sums the binomial probabilities', () => {
    expect(binomialCdf(0, 3, 0.5)).toBeCloseTo(0.125)
    expect(binomialCdf(1, 3, 0.5)).toBeCloseTo(0.5)
    expect(binomialCdf(3, 3, 0.5)).toBe(1)
    expect(binomialCdf(-1, 3, 0.5)).toBe(0)
  })
})
