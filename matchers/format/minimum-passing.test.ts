import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compareTensors } from '../../src/compare/compare-tensors.js'
import type { ToleranceCriteria } from '../../src/compare/tolerance.js'
import { makeTensor } from '../../src/tensor/dtype.js'
import { formatAtLeast, formatAtMost } from './numbers.js'
import { formatMinimumPassing } from './parity.js'

/** Read "Would pass with: { atol: 0.0501 (with rtol 0.001), cosine: 0.99, … }" back into a tolerance. */
function parseSuggestion(text: string): ToleranceCriteria {
  const value = (key: string): number | undefined => {
    const m = new RegExp(`\\b${key}: (-?Infinity|NaN|-?[\\d.]+(?:e-?\\d+)?)`).exec(text)
    return m === null ? undefined : Number(m[1])
  }
  const rtol = /\(with rtol ([^)]+)\)/.exec(text)
  const t: Record<string, number | boolean> = { atol: value('atol')!, topK: value('topK')! }
  if (rtol !== null) t.rtol = Number(rtol[1])
  const steps = value('steps')
  if (steps !== undefined) t.steps = steps
  const cosine = value('cosine')
  if (cosine !== undefined && !Number.isNaN(cosine)) t.cosine = cosine
  const snrDb = value('snrDb')
  if (snrDb !== undefined && Number.isFinite(snrDb)) t.snrDb = snrDb
  const top1 = value('top1')
  if (top1 !== undefined && top1 > 0) t.top1 = top1
  if (text.includes('equalNaN: true')) t.equalNaN = true
  return t as ToleranceCriteria
}

describe('formatAtLeast / formatAtMost', () => {
  test('round toward the side that still passes', () => {
    expect(formatAtLeast(0.05004)).toBe('0.0501')
    expect(formatAtLeast(0.05)).toBe('0.05')
    expect(formatAtLeast(1.2341e-7)).toBe('1.24e-7')
    expect(formatAtMost(0.9999996, 6)).toBe('0.999999')
    expect(formatAtMost(-3.456)).toBe('-3.46')
    expect(formatAtMost(Infinity)).toBe('Infinity')
  })
  test('never land on the wrong side of the value, at any magnitude', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 8 }), (v, digits) => {
      expect(Number(formatAtLeast(v, digits))).toBeGreaterThanOrEqual(v)
      expect(Number(formatAtMost(v, digits))).toBeLessThanOrEqual(v)
    }), { numRuns: 500 })
  })
})

describe('formatMinimumPassing', () => {
  test('prints a tolerance that passes when pasted back (random pairs)', () => {
    const value = fc.float({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })
    const pair = fc.integer({ min: 2, max: 24 }).chain((n) =>
      fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n })))
    const rtol = fc.constantFrom(undefined, 0, 1e-3, 0.0123457)
    fc.assert(
      fc.property(pair, rtol, fc.constantFrom(1e-4, 0.01, 1), ([expected, noise], r, scale) => {
        const n = expected.length
        const e = makeTensor('float32', [1, n], expected)
        const a = makeTensor('float32', [1, n], expected.map((x, i) => x + noise[i]! * scale))
        const given: ToleranceCriteria = r === undefined ? {} : { rtol: r }
        const m = compareTensors(a, e, given).minimumPassing
        const text = formatMinimumPassing(m, given)
        const suggestion = parseSuggestion(text)
        const c = compareTensors(a, e, suggestion)
        expect(c.failed, `${text} → ${JSON.stringify(suggestion)}`).toEqual([])
        expect(c.pass).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
