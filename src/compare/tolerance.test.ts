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
      perOutput: { 'net/out': { atol: 0.5, top1: false, topK: 3 } },
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
    expect(() => validateTolerance({ steps: -0.5 })).toThrow(/a finite number ≥ 0 of quantization steps.*received -0.5/)
    expect(() => validateTolerance({ atol: '1e-3' })).toThrow(/of type string/)
  })

  it('refuses a cosine outside (0, 1] and a non-number SNR', () => {
    expect(() => validateTolerance({ cosine: 1.01 })).toThrow(/cosine similarity in \(0, 1\]/)
    expect(() => validateTolerance({ cosine: -2 })).toThrow(InvalidArgumentError)
    expect(() => validateTolerance({ snrDb: Number.NaN })).toThrow(/snrDb/)
  })

  // Under these bounds an unrelated output passes: a check that could never fail must not be accepted.
  it('refuses bounds under which no output could fail, saying the accepted range and a typical value', () => {
    expect(() => validateTolerance({ cosine: -1 })).toThrow(
      'Expected a minimum cosine similarity in (0, 1], typically 0.99, or 0.999 and more for a float rewrite (a bound ' +
        '≤ 0 accepts an output at right angles to the reference or all zeros, and −1 every output) for ' +
        'tolerance.cosine but received -1',
    )
    expect(() => validateTolerance({ snrDb: -Infinity })).toThrow(
      /^Expected a minimum SNR in dB above 0, typically 20 or more \(20 dB: .* for tolerance.snrDb but received -Infinity/,
    )
    for (const key of ['atol', 'rtol', 'steps']) {
      expect(() => validateTolerance({ [key]: Infinity })).toThrow(
        new RegExp(
          `Infinity accepts every difference, so it would check nothing: leave the key out instead\\) for tolerance.${key} but received Infinity`,
        ),
      )
    }
    expect(() => validateTolerance({ perOutput: { y: { atol: Infinity } } })).toThrow(/tolerance.perOutput\["y"\].atol/)
  })

  // Outputs at right angles to the reference, or all zeros, are never "within tolerance" of it.
  it('refuses a cosine in (-1, 0] and an SNR in (-Infinity, 0] dB: an all-zero output would pass them', () => {
    for (const cosine of [-0.5, -Number.MIN_VALUE, 0])
      expect(() => validateTolerance({ cosine })).toThrow(InvalidArgumentError)
    for (const snrDb of [-20, 0]) expect(() => validateTolerance({ snrDb })).toThrow(/an output of all zeros/)
    expect(validateTolerance({ cosine: Number.MIN_VALUE, snrDb: Infinity })).toEqual({
      cosine: Number.MIN_VALUE,
      snrDb: Infinity,
    })
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
