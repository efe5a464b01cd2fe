import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { HefRefusedError } from '../errors.js'
import { ARCFACE, MNIST } from '../hef/testdata/make-hef.js'
import { refuseOrJudge, verdictAtLoad } from './at-load.js'
import { PAIRINGS_SOURCE } from './pairings.js'

const arcface = new Uint8Array(readFileSync(ARCFACE))
const mnist = new Uint8Array(readFileSync(MNIST))

describe('verdictAtLoad', () => {
  test('judges the bytes being loaded against the runtime and the chip', () => {
    expect(verdictAtLoad(arcface, { hailort: '4.19.0', architecture: 'Hailo-8' })).toMatchObject({ level: 'validated', device: 'HAILO8', sdkVersion: '3.29.0' })
    const later = verdictAtLoad(arcface, { hailort: '4.21.0' })!
    expect(later).toMatchObject({ level: 'unvalidated-pairing', pairedHailort: '4.19.0' })
    expect(later).not.toHaveProperty('device')
    expect(later.reasons[0]!.message).toContain(PAIRINGS_SOURCE)
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
    expect(refused.message).toMatch(/periph_calculation_in_hailort .*\(HailoRT returns status 92, HAILO_HEF_NOT_SUPPORTED\)/)
    expect(refused.message).toMatch(/Recompile the HEF for this runtime and chip/)
  })
  test('returns any other verdict to keep on the model', () => {
    expect(refuseOrJudge(mnist, 'mnist.hef', { hailort: '4.20.0' })?.level).not.toBe('refused')
    expect(refuseOrJudge(arcface, 'arcface.hef', { hailort: '4.19.0' })?.level).toBe('validated')
  })
})
