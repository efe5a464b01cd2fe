import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeTensor } from '../tensor/dtype.js'
import { compareTensors } from './compare-tensors.js'

// Finite float32 values of moderate size, so sums do not overflow.
const value = fc.float({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true })
const pair = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })),
  )
const toTensor = (v: number[]) => makeTensor('float32', [v.length], v)
const rtol = fc.constantFrom(0, 1e-3, 0.01, 0.3)

describe('compareTensors properties', () => {
  it('minimumPassing.atol passes with the same rtol, and anything smaller fails', () => {
    fc.assert(
      fc.property(pair, rtol, ([a, e], r) => {
        const first = compareTensors(toTensor(a), toTensor(e), { atol: 0, rtol: r })
        const atol = first.minimumPassing.atol
        expect(compareTensors(toTensor(a), toTensor(e), { atol, rtol: r }).pass).toBe(true)
        if (atol > 0) {
          const stricter = atol * (1 - 1e-9) - Number.MIN_VALUE
          expect(compareTensors(toTensor(a), toTensor(e), { atol: Math.max(0, stricter), rtol: r }).pass).toBe(false)
        }
      }),
      { seed: 20261123, numRuns: 300 },
    )
  })

  it('minimum steps, cosine and SNR pass, and stricter bounds fail', () => {
    fc.assert(
      fc.property(pair, fc.constantFrom(0.5, 0.0374, 2), ([a, e], scale) => {
        const quant = { scale, zeroPoint: 0 }
        const min = compareTensors(toTensor(a), toTensor(e), { atol: 0 }, { quant }).minimumPassing
        const at = (t: object) => compareTensors(toTensor(a), toTensor(e), t, { quant }).pass
        // A cosine ≤ 0 or an SNR ≤ 0 dB checks nothing and is refused: only bounds the tolerance accepts.
        const cosine = min.cosine > 0 ? { cosine: min.cosine } : {}
        const snrDb = min.snrDb > 0 ? { snrDb: min.snrDb } : {}
        expect(at({ steps: min.steps, ...cosine, ...snrDb })).toBe(true)
        if (min.steps! > 0) expect(at({ steps: min.steps! * (1 - 1e-9) })).toBe(false)
        if (min.cosine > 0)
          expect(at({ cosine: Math.min(1, min.cosine + 1e-9) })).toBe(min.cosine + 1e-9 > 1 && min.cosine === 1)
        if (Number.isFinite(min.snrDb) && min.snrDb > 0) expect(at({ snrDb: min.snrDb + 1e-9 })).toBe(false)
      }),
      { seed: 7, numRuns: 300 },
    )
  })

  it('mismatched counts exactly the elements outside atol + rtol·|e|', () => {
    fc.assert(
      fc.property(pair, rtol, fc.float({ min: 0, max: 10, noNaN: true }), ([a, e], r, atol) => {
        const c = compareTensors(toTensor(a), toTensor(e), { atol, rtol: r })
        const fa = Float32Array.from(a)
        const fe = Float32Array.from(e)
        let k = 0
        for (let i = 0; i < fa.length; i++) if (Math.abs(fa[i]! - fe[i]!) > atol + r * Math.abs(fe[i]!)) k++
        expect(c.mismatched).toBe(k)
        expect(c.pass).toBe(k === 0)
      }),
      { seed: 42, numRuns: 200 },
    )
  })
})
