import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { HefRefusedError } from '../errors.js'
import { hefRefusedError } from './refusal.js'
import { ARCFACE, MNIST } from '../hef/test-support/make-hef.js'
import { acceptedDespitePrediction, PREDICTION_DISAGREES, refuseOrJudge, verdictAtLoad } from './at-load.js'
import { PAIRINGS_SOURCE } from './pairings.js'
import { describeReason } from './words.js'

const arcface = new Uint8Array(readFileSync(ARCFACE))
const mnist = new Uint8Array(readFileSync(MNIST))

describe('verdictAtLoad', () => {
  test('judges the bytes being loaded against the runtime and the chip', () => {
    expect(verdictAtLoad(arcface, { hailort: '4.19.0', architecture: 'Hailo-8' })).toMatchObject({
      level: 'validated',
      device: 'HAILO8',
      sdkVersion: '3.29.0',
    })
    const later = verdictAtLoad(arcface, { hailort: '4.21.0' })!
    expect(later).toMatchObject({ level: 'unvalidated-pairing', pairedHailort: '4.19.0' })
    expect(later).not.toHaveProperty('device')
    expect(later.reasons[0]).toEqual({
      code: 'unvalidated-pairing',
      sdkVersion: '3.29.0',
      paired: '4.19.0',
      hailort: '4.21.0',
      source: PAIRINGS_SOURCE,
    })
    expect(describeReason(later.reasons[0]!)).toContain(PAIRINGS_SOURCE)
  })
  test('gives no verdict for what it cannot judge: not a HEF, a HEF the reader rejects, an unknown runtime version', () => {
    expect(verdictAtLoad(new TextEncoder().encode('HAILORT-DOUBLE-HEF 1\n'), { hailort: '4.21.0' })).toBeUndefined()
    const truncated = arcface.slice(0, 200)
    expect(verdictAtLoad(truncated, { hailort: '4.21.0' })).toBeUndefined()
    expect(verdictAtLoad(arcface, { hailort: 'unknown' })).toBeUndefined()
    expect(verdictAtLoad(undefined as unknown as Uint8Array, { hailort: '4.21.0' })).toBeUndefined()
  })
})

describe('refuseOrJudge', () => {
  test('refuses mnist.hef on HailoRT 4.23 with the reason and the status HailoRT returns', () => {
    let error: unknown
    try {
      refuseOrJudge(mnist, 'models/mnist.hef', { hailort: '4.23.0', architecture: 'Hailo-8' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HefRefusedError)
    const refused = error as HefRefusedError
    expect(refused.code).toBe('E_HEF_REFUSED')
    expect(refused.verdict.level).toBe('refused')
    expect(refused.message.split('\n')[0]).toBe('models/mnist.hef will not load on HailoRT 4.23.0 on a HAILO8:')
    expect(refused.message).toMatch(
      /periph_calculation_in_hailort .*\(HailoRT returns status 92, HAILO_HEF_NOT_SUPPORTED\)/,
    )
    expect(refused.message).toMatch(/Recompile the HEF for this runtime and chip/)
  })
  test('returns any other verdict to keep on the model', () => {
    expect(refuseOrJudge(mnist, 'mnist.hef', { hailort: '4.20.0' })?.level).not.toBe('refused')
    expect(refuseOrJudge(arcface, 'arcface.hef', { hailort: '4.19.0' })?.level).toBe('validated')
  })
})

describe('acceptedDespitePrediction', () => {
  test('a predicted refusal that HailoRT did not make: the refusals move to disagreement, the first reason asks for a report, the level is never validated', () => {
    const predicted = verdictAtLoad(mnist, { hailort: '4.23.0', architecture: 'Hailo-8' })!
    expect(predicted.level).toBe('refused')
    const kept = acceptedDespitePrediction(predicted)
    expect(kept.level).toBe('unvalidated-pairing')
    expect(kept.disagreement?.predicted.map((r) => r.code)).toEqual(['periph-calculation-missing'])
    expect(kept.reasons[0]).toMatchObject({ code: PREDICTION_DISAGREES })
    expect(kept.reasons[0]).toEqual({
      code: PREDICTION_DISAGREES,
      hailort: '4.23.0',
      predicted: ['periph-calculation-missing'],
    })
    expect(describeReason(kept.reasons[0]!)).toMatch(
      /predicted refusal by HailoRT 4\.23\.0 \(periph-calculation-missing\), but it loaded: please report/,
    )
    expect(kept.reasons.slice(1).every((r) => r.status === undefined)).toBe(true)
  })
  test('keeps a newer-than-runtime finding as the level', () => {
    const predicted = {
      level: 'refused' as const,
      hailort: '4.18.0',
      sdkVersion: '3.31.0',
      pairedHailort: '4.21.0',
      reasons: [
        {
          code: 'header-version' as const,
          headerVersion: 3,
          runtime: '4.18',
          readable: [0, 1],
          status: { number: 26, name: 'HAILO_INVALID_HEF' },
        },
        { code: 'hef-newer-than-runtime' as const, sdkVersion: '3.31.0', paired: '4.21.0', hailort: '4.18.0' },
      ],
    }
    expect(acceptedDespitePrediction(predicted).level).toBe('hef-newer-than-runtime')
  })
  test('any other verdict is returned unchanged', () => {
    const validated = verdictAtLoad(arcface, { hailort: '4.19.0' })!
    expect(acceptedDespitePrediction(validated)).toBe(validated)
  })
})

describe("HefRefusedError with HailoRT's own refusal", () => {
  test("names HailoRT's call and status first, then our predicted reasons, and keeps the native error as the cause", () => {
    const predicted = verdictAtLoad(mnist, { hailort: '4.23.0' })!
    const cause = new Error('native')
    const error = hefRefusedError('mnist.hef', predicted, {
      operation: 'hailo_create_hef_file',
      status: 92,
      statusName: 'HAILO_HEF_NOT_SUPPORTED',
      cause,
    })
    expect(error.runtime).toEqual({
      operation: 'hailo_create_hef_file',
      status: 92,
      statusName: 'HAILO_HEF_NOT_SUPPORTED',
    })
    expect(error.cause).toBe(cause)
    expect(error.message.split('\n').slice(0, 3)).toEqual([
      'mnist.hef will not load on HailoRT 4.23.0: HailoRT refused it (hailo_create_hef_file returned status 92, HAILO_HEF_NOT_SUPPORTED).',
      'Predicted by the compatibility table:',
      expect.stringMatching(/^- the HEF has the periph_calculation_in_hailort feature disabled/),
    ])
  })
})
