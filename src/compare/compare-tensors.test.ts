import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnknownNameError, UsageError } from '../errors.js'
import { makeTensor } from '../tensor/dtype.js'
import { compareTensors } from './compare-tensors.js'

const f32 = (values: number[], shape = [values.length]) => makeTensor('float32', shape, values)

describe('compareTensors: element-wise', () => {
  it('passes identical tensors with no tolerance (bit-exact by value)', () => {
    const c = compareTensors(f32([1, 2, 3]), f32([1, 2, 3]))
    expect(c.pass).toBe(true)
    expect(c).toMatchObject({ n: 3, mismatched: 0, mismatchKind: 'exact', meanAbs: 0, cosine: 1, snrDb: Infinity })
  })

  it('fails one differing element with no tolerance, naming the exact criterion', () => {
    const c = compareTensors(f32([1, 2, 3]), f32([1, 2.5, 3]))
    expect(c.pass).toBe(false)
    expect(c.failed).toEqual([{ criterion: 'exact', required: 0, measured: 1, bound: 'max' }])
  })

  it('applies |a − e| ≤ atol + rtol·|e| and counts the elements outside', () => {
    const c = compareTensors(f32([1.05, 10.5, 0, 4]), f32([1, 10, 0.2, 4]), { atol: 0.1, rtol: 0.01 })
    // bounds: 0.11, 0.2, 0.102, 0.14 → 10.5 vs 10 (0.5) and 0 vs 0.2 (0.2) are outside
    expect(c.mismatched).toBe(2)
    expect(c.mismatchKind).toBe('tolerance')
    expect(c.failed[0]).toMatchObject({ criterion: 'atol', required: 0.1, rtol: 0.01 })
    expect(c.failed[0]!.measured).toBeCloseTo(0.4, 6)
  })

  it('reports the greatest absolute and relative differences with their flat and multi-dim index', () => {
    const c = compareTensors(f32([0, 0, 1, 5, 2, 3], [2, 3]), f32([0, 0, 1, 2, 2, 3.1], [2, 3]), { atol: 0 })
    expect(c.maxAbs).toEqual({ flatIndex: 3, index: [1, 0], actual: 5, expected: 2, value: 3 })
    expect(c.maxRel?.flatIndex).toBe(3)
    expect(c.maxRel?.value).toBeCloseTo(1.5, 6)
    expect(c.meanAbs).toBeCloseTo((3 + Math.abs(Math.fround(3) - Math.fround(3.1))) / 6, 6)
  })

  it('gives an infinite relative error where expected is 0 and actual is not', () => {
    const c = compareTensors(f32([0.5]), f32([0]), { atol: 1 })
    expect(c.maxRel?.value).toBe(Infinity)
    expect(c.pass).toBe(true)
  })

  it('compares different dtypes by value and tolerates squeezed shapes', () => {
    const c = compareTensors(makeTensor('uint8', [1, 1, 1, 3], [1, 2, 3]), f32([1, 2, 3], [1, 3]))
    expect(c.pass).toBe(true)
    expect(c.actualShape).toEqual([1, 1, 1, 3])
  })

  it('compares int64 tensors', () => {
    const c = compareTensors(makeTensor('int64', [2], [1n, 5n]), makeTensor('int64', [2], [1n, 7n]), { atol: 1 })
    expect(c.maxAbs?.value).toBe(2)
    expect(c.pass).toBe(false)
  })
})

describe('compareTensors: NaN', () => {
  it('fails any NaN without equalNaN, even when every other criterion holds', () => {
    const c = compareTensors(f32([Number.NaN, 1]), f32([Number.NaN, 1]), { atol: 1 })
    expect(c.failed.map((f) => f.criterion)).toEqual(['nan'])
    expect(c.firstNaNMismatch?.index).toEqual([0])
    expect(c.minimumPassing.equalNaN).toBe(true)
  })
  it('excuses NaN at the same place on both sides with equalNaN', () => {
    const c = compareTensors(f32([Number.NaN, 1]), f32([Number.NaN, 1]), { atol: 0, equalNaN: true })
    expect(c.pass).toBe(true)
    expect(c.nanMismatched).toBe(0)
  })
  it('never excuses a NaN on one side only', () => {
    const c = compareTensors(f32([Number.NaN, 1]), f32([0, 1]), { atol: 1, equalNaN: true })
    expect(c.pass).toBe(false)
    expect(c.nanMismatched).toBe(1)
    expect(c.minimumPassing.equalNaN).toBe(false)
  })
  it('treats equal infinities as equal and different ones as an infinite error', () => {
    expect(compareTensors(f32([Infinity, -Infinity]), f32([Infinity, -Infinity])).pass).toBe(true)
    expect(compareTensors(f32([Infinity]), f32([1]), { atol: 1e30 }).maxAbs?.value).toBe(Infinity)
  })
})

describe('compareTensors: quantization steps', () => {
  it('measures the error in steps of the output scale', () => {
    const c = compareTensors(f32([0.2, 0.5]), f32([0.1, 0.5]), { steps: 1 }, { quant: { scale: 0.05, zeroPoint: 0 } })
    expect(c.maxSteps?.value).toBeCloseTo(2, 5)
    expect(c.failed[0]).toMatchObject({ criterion: 'steps', required: 1 })
    expect(c.minimumPassing.steps).toBeCloseTo(2, 5)
  })
  it('uses each channel’s own scale for per-channel quantization', () => {
    const quant = {
      scale: 1,
      zeroPoint: 0,
      perChannel: {
        axis: 1,
        params: [
          { scale: 1, zeroPoint: 0 },
          { scale: 0.1, zeroPoint: 0 },
        ],
      },
    }
    const c = compareTensors(f32([1, 1.5], [1, 2]), f32([0, 1], [1, 2]), { steps: 5 }, { quant })
    expect(c.maxSteps?.flatIndex).toBe(1)
    expect(c.maxSteps?.value).toBeCloseTo(5, 5)
  })
  it('refuses steps without a quantization, saying what to give', () => {
    expect(() => compareTensors(f32([1]), f32([1]), { steps: 1 })).toThrow(UsageError)
    expect(() => compareTensors(f32([1]), f32([1]), { steps: 1 }, { name: 'logits' })).toThrow(
      /output "logits".*Give the output quantization/,
    )
  })
})

describe('compareTensors: similarity and classes', () => {
  it('computes cosine and SNR and judges minimums', () => {
    const c = compareTensors(f32([1, 0]), f32([1, 1]), { cosine: 0.9, snrDb: 10 })
    expect(c.cosine).toBeCloseTo(Math.SQRT1_2, 10)
    expect(c.snrDb).toBeCloseTo(10 * Math.log10(2), 10)
    expect(c.failed.map((f) => f.criterion)).toEqual(['cosine', 'snrDb'])
  })
  it('defines cosine for zero vectors', () => {
    expect(compareTensors(f32([0, 0]), f32([0, 0])).cosine).toBe(1)
    expect(compareTensors(f32([0, 0]), f32([1, 0]), { atol: 5 }).cosine).toBe(0)
  })
  it('compares top-1 per batch row and ranks the expected class among the actual ones', () => {
    const actual = f32([0.1, 0.9, 0.0, 0.5, 0.3, 0.2], [2, 3])
    const expected = f32([0.2, 0.8, 0.0, 0.1, 0.2, 0.7], [2, 3])
    const c = compareTensors(actual, expected, { top1: true })
    expect(c.top1).toEqual({ rows: 2, agreeing: 1, actual: [1, 0], expected: [1, 2], expectedRankInActual: [1, 3] })
    expect(c.failed).toEqual([{ criterion: 'top1', required: 1, measured: 0.5, bound: 'min' }])
    expect(compareTensors(actual, expected, { top1: 0.5 }).pass).toBe(true)
    expect(compareTensors(actual, expected, { topK: 2 }).failed[0]).toMatchObject({
      criterion: 'topK',
      k: 2,
      measured: 0.5,
    })
    // Row 2 needs all 3 classes: no topK below the class count passes, so none is suggested.
    expect(c.minimumPassing.topK).toBeUndefined()
    const second = f32([0.1, 0.9, 0.0, 0.5, 0.2, 0.3], [2, 3]) // row 2's expected class ranks 2nd
    expect(compareTensors(second, expected, {}).minimumPassing.topK).toBe(2)
  })
  it('refuses a topK of every class by name: every class is among the top k, so it could never fail', () => {
    const actual = f32([0.1, 0.9, 0.0, 0.5, 0.3, 0.2], [2, 3])
    const expected = f32([0.2, 0.8, 0.0, 0.1, 0.2, 0.7], [2, 3])
    for (const topK of [3, 4, { k: 3, fraction: 0.5 }]) {
      expect(() => compareTensors(actual, expected, { topK }, { name: 'logits' })).toThrow(
        expect.objectContaining({ code: 'E_TOPK_EVERY_CLASS' }),
      )
    }
    expect(() => compareTensors(actual, expected, { topK: 3 }, { name: 'logits' })).toThrow(
      'tolerance.topK (k = 3) asks for the reference\'s class among the model\'s top 3, but output "logits" has 3 classes ' +
        'per row: every class is among them, so it could never fail. Give k below 3, typically 5 (top-5), or use top1.',
    )
    expect(compareTensors(actual, expected, { topK: 2 }).pass).toBe(false)
  })
  it('reads a [1, 1, 1, 67] classifier output as one row', () => {
    const data = new Float32Array(67)
    data[17] = 1
    const c = compareTensors(makeTensor('float32', [1, 1, 1, 67], data), makeTensor('float32', [1, 67], data.slice()), {
      top1: true,
    })
    expect(c.top1.rows).toBe(1)
    expect(c.top1.actual).toEqual([17])
  })
})

describe('compareTensors: per-output tolerance', () => {
  it('overlays perOutput[name] over the default', () => {
    const t = { atol: 0.01, perOutput: { boxes: { atol: 1 } } }
    expect(compareTensors(f32([1]), f32([1.5]), t, { name: 'boxes' }).pass).toBe(true)
    expect(compareTensors(f32([1]), f32([1.5]), t, { name: 'scores' }).pass).toBe(false)
    expect(compareTensors(f32([1]), f32([1.5]), t).pass).toBe(false)
  })
})

describe('compareTensors: bad input', () => {
  it('refuses tensors of different shapes, naming both', () => {
    expect(() => compareTensors(f32([1, 2, 3, 4], [2, 2]), f32([1, 2, 3, 4], [4]))).toThrow(
      /actual is \[2, 2\].*expected is \[4\]/,
    )
    expect(() => compareTensors(f32([1, 2]), f32([1, 2, 3]))).toThrow(InvalidArgumentError)
  })
  it('refuses something that is not a tensor or whose data does not fit its shape', () => {
    expect(() => compareTensors({} as never, f32([1]))).toThrow(/a tensor \{ data, shape, dtype \} for actual/)
    expect(() => compareTensors({ data: new Float32Array(3), shape: [2], dtype: 'float32' }, f32([1, 2]))).toThrow(
      /Expected 2 elements in actual/,
    )
  })
  it('refuses an invalid tolerance before comparing', () => {
    expect(() => compareTensors(f32([1]), f32([1]), { atoll: 1 } as never)).toThrow(UnknownNameError)
  })
  it('compares empty tensors as passing', () => {
    const c = compareTensors(f32([], [0]), f32([], [0]), { atol: 0, top1: true })
    expect(c.pass).toBe(true)
    expect(c.maxAbs).toBeUndefined()
  })
})

describe('compareTensors: minimum passing atol without an element-wise criterion', () => {
  it('is the greatest absolute difference', () => {
    const c = compareTensors(f32([1, 2, 3]), f32([1, 2.5, 3]), { cosine: 0.5 })
    expect(c.minimumPassing.atol).toBe(0.5)
  })
})

describe('compareTensors: infinities', () => {
  const Inf = Number.POSITIVE_INFINITY

  it('passes identical tensors holding ±Infinity under cosine and snrDb (equal infinities are left out of the sums)', () => {
    const c = compareTensors(f32([Inf, 1, -Inf, 2]), f32([Inf, 1, -Inf, 2]), { cosine: 0.99, snrDb: 40 })
    expect(c.pass).toBe(true)
    expect(c.cosine).toBeCloseTo(1, 12)
    expect(c.snrDb).toBe(Infinity)
    expect(c.minimumPassing.cosine).toBeCloseTo(1, 12)
  })

  it('passes a tensor that is only an infinity, compared with itself', () => {
    expect(compareTensors(f32([Inf]), f32([Inf]), { cosine: 0.99 }).pass).toBe(true)
  })

  it('fails +Infinity against −Infinity on cosine and snrDb with numbers, not NaN', () => {
    const c = compareTensors(f32([Inf, 1]), f32([-Inf, 1]), { cosine: 0.99, snrDb: 40 })
    expect(c.pass).toBe(false)
    expect(c.failed.map((f) => f.criterion)).toEqual(['cosine', 'snrDb'])
    expect(c.cosine).toBe(-Infinity)
    expect(c.snrDb).toBe(-Infinity)
    for (const f of c.failed) expect(Number.isNaN(f.measured)).toBe(false)
    // No valid bound passes: the minimum passing numbers are below every cosine in (0, 1] and every SNR.
    expect(compareTensors(f32([Inf, 1]), f32([-Inf, 1]), { cosine: Number.MIN_VALUE }).pass).toBe(false)
    expect(c.minimumPassing.cosine).toBe(-Infinity)
  })

  it('fails an infinity against a finite value on cosine, snrDb and atol', () => {
    const c = compareTensors(f32([Inf, 1, 2]), f32([3, 1, 2]), { cosine: 0.5, snrDb: 1, atol: 1e6 })
    expect(c.pass).toBe(false)
    expect(c.failed.map((f) => f.criterion)).toEqual(['atol', 'cosine', 'snrDb'])
    expect(c.cosine).toBe(-Infinity)
    expect(c.snrDb).toBe(-Infinity)
    expect(compareTensors(f32([1, 2]), f32([-Inf, 2]), { cosine: 0.5 }).pass).toBe(false)
  })

  it('keeps the NaN rule next to infinities: NaN fails unless equalNaN and NaN on both sides', () => {
    expect(compareTensors(f32([Inf, Number.NaN]), f32([Inf, Number.NaN]), { cosine: 0.99 }).pass).toBe(false)
    const c = compareTensors(f32([Inf, Number.NaN, 1]), f32([Inf, Number.NaN, 1]), { cosine: 0.99, equalNaN: true })
    expect(c.pass).toBe(true)
    expect(c.cosine).toBeCloseTo(1, 12)
  })
})

describe('compareTensors: top-1 on single-value rows', () => {
  it('refuses top1 on an [N, 1] output: a single score per row has no class to agree on', () => {
    const run = () => compareTensors(f32([0.9, 0.1, 0.4], [3, 1]), f32([0.1, 0.9, 0.6], [3, 1]), { top1: true })
    expect(run).toThrow(UsageError)
    expect(run).toThrow(/at least 2 classes per row.*atol or steps/)
  })

  it('refuses topK on a single-element output, naming the output', () => {
    expect(() => compareTensors(f32([0.9], [1, 1]), f32([0.1], [1, 1]), { topK: 3 }, { name: 'score' })).toThrow(
      /tolerance\.topK.*output "score".*at least 2 classes/,
    )
  })

  it('reports top-1 as not applicable (0 rows) on [N, 1] when top1 is not asked, and still judges atol', () => {
    const c = compareTensors(f32([0.9, 0.1], [2, 1]), f32([0.1, 0.9], [2, 1]), { atol: 0.05 })
    expect(c.pass).toBe(false)
    expect(c.top1.rows).toBe(0)
    // Nothing to suggest for top1 / topK: pasted back, they would be refused on this output.
    expect(c.minimumPassing.top1).toBeUndefined()
    expect(c.minimumPassing.topK).toBeUndefined()
  })

  it('lets a per-output top1: false switch the check off for the single-score output', () => {
    const t = { top1: true, perOutput: { score: { top1: false, atol: 0.5 } } }
    expect(compareTensors(f32([0.9, 0.1], [2, 1]), f32([0.8, 0.2], [2, 1]), t, { name: 'score' }).pass).toBe(true)
  })

  it('still compares top-1 on two classes per row', () => {
    const c = compareTensors(f32([0.9, 0.1, 0.2, 0.8], [2, 2]), f32([0.6, 0.4, 0.7, 0.3], [2, 2]), { top1: true })
    expect(c.top1).toMatchObject({ rows: 2, agreeing: 1 })
    expect(c.pass).toBe(false)
  })
})
