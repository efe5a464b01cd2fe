import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { compareTensors } from '../../src/compare/compare-tensors.js'
import type { ToleranceCriteria } from '../../src/compare/tolerance.js'
import { makeTensor } from '../../src/tensor/dtype.js'
import { formatAtLeast, formatAtMost } from './numbers.js'
import { formatMinimumPassing } from './parity.js'

/**
 * Read "Would pass with: { atol: 0.0501 (with rtol 0.001), cosine: 0.99, … }" back into a tolerance,
 * exactly as printed: every key that is printed is pasted back (a user would paste all of it).
 */
function parseSuggestion(text: string): ToleranceCriteria {
  const body = /^\{ (.*) \}(?: \([^)]*\))?$/.exec(text)?.[1] ?? ''
  const t: Record<string, unknown> = {}
  for (const part of body.split(', ')) {
    const m = /^(\w+): (.+?)(?: \(with rtol ([^)]+)\))?$/.exec(part)
    if (m === null) throw new Error(`unparseable part ${JSON.stringify(part)} in ${text}`)
    t[m[1]!] = m[2] === 'true' ? true : Number(m[2])
    if (m[3] !== undefined) t.rtol = Number(m[3])
  }
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
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 8 }),
        (v, digits) => {
          expect(Number(formatAtLeast(v, digits))).toBeGreaterThanOrEqual(v)
          expect(Number(formatAtMost(v, digits))).toBeLessThanOrEqual(v)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('formatMinimumPassing', () => {
  test('prints a tolerance that passes when pasted back (random pairs)', () => {
    const value = fc.float({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })
    const pair = fc
      .integer({ min: 2, max: 24 })
      .chain((n) =>
        fc.tuple(
          fc.array(value, { minLength: n, maxLength: n }),
          fc.array(fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n }),
        ),
      )
    const rtol = fc.constantFrom(undefined, 0, 1e-3, 0.0123457)
    fc.assert(
      fc.property(pair, rtol, fc.constantFrom(1e-4, 0.01, 1), ([expected, noise], r, scale) => {
        const n = expected.length
        const e = makeTensor('float32', [1, n], expected)
        const a = makeTensor(
          'float32',
          [1, n],
          expected.map((x, i) => x + noise[i]! * scale),
        )
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

describe('formatMinimumPassing prints only bounds that constrain and that the output accepts', () => {
  const suggestionFor = (a: number[], e: number[], shape: number[]) => {
    const m = compareTensors(makeTensor('float32', shape, a), makeTensor('float32', shape, e), {}).minimumPassing
    return formatMinimumPassing(m, {})
  }
  test('a single-score output gets no top1 / topK (they would be refused when pasted back)', () => {
    const text = suggestionFor([0.2, 0.9], [0.3, 0.8], [2, 1])
    expect(text).not.toMatch(/top1|topK/)
    expect(() =>
      compareTensors(
        makeTensor('float32', [2, 1], [0.2, 0.9]),
        makeTensor('float32', [2, 1], [0.3, 0.8]),
        parseSuggestion(text),
      ),
    ).not.toThrow()
  })
  test('no "top1: 0" when no row agrees, and no "snrDb: -Infinity" when the reference is all zeros', () => {
    const text = suggestionFor([1, 0, 0, 1], [0, 0, 0, 0], [2, 2])
    expect(text).not.toMatch(/top1: 0(?![.\d])/)
    expect(text).not.toMatch(/-Infinity|NaN/)
    const disagree = suggestionFor([1, 0, 0, 1], [0, 1, 1, 0], [2, 2])
    expect(disagree).not.toMatch(/top1: 0(?![.\d])/)
  })
  test('an opposed output: no cosine ≤ 0 or SNR ≤ 0 dB, which the tolerance refuses, and the rest pastes back', () => {
    const text = suggestionFor([-1, -2, -3, -4], [1, 2, 3, 4], [1, 4])
    expect(text).toBe('{ atol: 8 }') // cosine −1, SNR −6.5 dB, and top-4 of 4 classes: left out
    const pasted = parseSuggestion(text)
    expect(
      compareTensors(
        makeTensor('float32', [1, 4], [-1, -2, -3, -4]),
        makeTensor('float32', [1, 4], [1, 2, 3, 4]),
        pasted,
      ).pass,
    ).toBe(true)
  })
  test('an infinity facing a finite value: no atol (Infinity is refused), and the line says why', () => {
    const text = suggestionFor([Infinity, 1], [3, 1], [1, 2])
    expect(text).toBe('{ top1: 1, topK: 1 } (no atol: an infinity faces a different value)')
  })
  test('identical outputs: every printed bound passes when pasted back', () => {
    const text = suggestionFor([1, 2, 3, 4], [1, 2, 3, 4], [1, 4])
    const pasted = parseSuggestion(text)
    expect(
      compareTensors(makeTensor('float32', [1, 4], [1, 2, 3, 4]), makeTensor('float32', [1, 4], [1, 2, 3, 4]), pasted)
        .pass,
    ).toBe(true)
  })
  test('identical outputs: no "snrDb: Infinity" (only exact equality meets it), and the line says why', () => {
    const text = suggestionFor([1, 2, 3, 4], [1, 2, 3, 4], [1, 4])
    expect(text).not.toMatch(/Infinity/)
    expect(text).toMatch(/identical: any snrDb passes/)
  })
})
