import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import { checkPerOutputNames, criteriaFor, isEmptyCriteria, validateTolerance } from './tolerance.js'

describe('validateTolerance', () => {
  it('accepts every documented criterion', () => {
    const t = {
      atol: 1e-3,
      rtol: 0,
      steps: 2,
      cosine: 0.99,
      snrDb: 30,
      top1: 0.98,
      topK: { k: 5, fraction: 0.9 },
      equalNaN: true,
      perOutput: { 'net/out': { atol: Infinity, top1: false, topK: 3 } },
    }
    expect(validateTolerance(t)).toBe(t)
  })

  it('refuses an unknown key, naming it and listing the valid ones', () => {
    expect(() => validateTolerance({ tolerence: 1 })).toThrow(UnknownNameError)
    expect(() => validateTolerance({ tolerence: 1 })).toThrow(/"tolerence".*valid keys are: atol, rtol, steps, cosine/)
  })

  it('refuses an unknown key inside perOutput and inside topK', () => {
    expect(() => validateTolerance({ perOutput: { y: { atoll: 1 } } })).toThrow(/"atoll" in tolerance.perOutput\["y"\]/)
    expect(() => validateTolerance({ perOutput: { y: { perOutput: {} } } })).toThrow(UnknownNameError)
    expect(() => validateTolerance({ topK: { k: 2, fraction: 1, n: 3 } })).toThrow(/"n" in tolerance.topK/)
  })

  it('refuses negative and NaN bounds', () => {
    expect(() => validateTolerance({ atol: -1 })).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ rtol: Number.NaN })).toThrow(/tolerance.rtol/)
    expect(() => validateTolerance({ steps: -0.5 })).toThrow(/a number ≥ 0.*received -0.5/)
    expect(() => validateTolerance({ atol: '1e-3' })).toThrow(/of type string/)
  })

  it('refuses a cosine outside [-1, 1] and a non-number SNR', () => {
    expect(() => validateTolerance({ cosine: 1.01 })).toThrow(/cosine similarity in \[-1, 1\]/)
    expect(() => validateTolerance({ cosine: -2 })).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ snrDb: Number.NaN })).toThrow(/snrDb/)
  })

  it('refuses fractions outside (0, 1] and bad k', () => {
    expect(() => validateTolerance({ top1: 0 })).toThrow(/fraction in \(0, 1\]/)
    expect(() => validateTolerance({ top1: 1.5 })).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ topK: 0 })).toThrow(/integer k ≥ 1/)
    expect(() => validateTolerance({ topK: 2.5 })).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ topK: { k: 0, fraction: 1 } })).toThrow(/topK.k/)
    expect(() => validateTolerance({ topK: { k: 1 } })).toThrow(/topK.fraction/)
  })

  it('refuses a tolerance that is not an object', () => {
    expect(() => validateTolerance(0.01)).toThrow(/Expected an object .* for tolerance but received 0.01/)
    expect(() => validateTolerance(null)).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ perOutput: [] })).toThrow(/perOutput/)
    expect(() => validateTolerance({ equalNaN: 1 })).toThrow(/equalNaN/)
  })
})

describe('criteriaFor', () => {
  it('overlays the per-output criteria on the default, key by key', () => {
    const t = { cosine: 0.99, top1: true, perOutput: { boxes: { atol: 1, top1: false } } }
    expect(criteriaFor(t, 'boxes')).toEqual({ cosine: 0.99, atol: 1, top1: false })
    expect(criteriaFor(t, 'scores')).toEqual({ cosine: 0.99, top1: true })
  })
})

describe('checkPerOutputNames', () => {
  it('names an output the model does not have and lists those it has', () => {
    expect(() => checkPerOutputNames({ perOutput: { logit: {} } }, ['logits', 'boxes'])).toThrow(
      /"logit", which is not an output of the model; its outputs are: "logits", "boxes"/,
    )
    expect(() => checkPerOutputNames({ perOutput: { logits: {} } }, ['logits'])).not.toThrow()
  })
})

describe('isEmptyCriteria', () => {
  it('is true with no criterion, equalNaN alone or top1: false', () => {
    expect(isEmptyCriteria({})).toBe(true)
    expect(isEmptyCriteria({ equalNaN: true, top1: false })).toBe(true)
    expect(isEmptyCriteria({ atol: 0 })).toBe(false)
  })
})
