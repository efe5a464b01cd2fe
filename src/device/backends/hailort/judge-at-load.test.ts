import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { verdictAtLoad } from '../../../hailort-compat/at-load.js'
import { HefRefusedError, NativeCallError } from '../../../errors.js'
import { ARCFACE, MNIST } from '../../../hef/test-support/make-hef.js'
import { refusalFromRuntime, verdictAfterLoad } from './judge-at-load.js'

const refused = verdictAtLoad(new Uint8Array(readFileSync(MNIST)), { hailort: '4.23.0' })!
const validated = verdictAtLoad(new Uint8Array(readFileSync(ARCFACE)), { hailort: '4.19.0' })!
const native = (operation: string, status = 92) =>
  new NativeCallError(operation, `${operation} failed`, { status, statusName: 'HAILO_HEF_NOT_SUPPORTED' })

describe('refusalFromRuntime (HailoRT has the last word)', () => {
  it('a predicted refusal that HailoRT confirms while reading or configuring the HEF becomes HefRefusedError with its status', () => {
    for (const operation of ['hailo_create_hef_file', 'hailo_create_hef_buffer', 'hailo_configure_vdevice']) {
      const cause = native(operation)
      const error = refusalFromRuntime('mnist.hef', refused, cause)
      expect(error).toBeInstanceOf(HefRefusedError)
      expect((error as HefRefusedError).runtime).toEqual({
        operation,
        status: 92,
        statusName: 'HAILO_HEF_NOT_SUPPORTED',
      })
      expect((error as HefRefusedError).cause).toBe(cause)
    }
  })
  it("leaves every other failure as it is: no prediction, a validated HEF, a later call, an error that is not HailoRT's", () => {
    const create = native('hailo_create_hef_file')
    expect(refusalFromRuntime('m.hef', undefined, create)).toBe(create)
    expect(refusalFromRuntime('m.hef', validated, create)).toBe(create)
    const later = native('hailo_create_input_vstreams', 4)
    expect(refusalFromRuntime('m.hef', refused, later)).toBe(later)
    const plain = new Error('boom')
    expect(refusalFromRuntime('m.hef', refused, plain)).toBe(plain)
  })
})

describe('verdictAfterLoad', () => {
  it('a HEF HailoRT loaded against our prediction keeps the disagreement; other verdicts are kept as they are', () => {
    expect(verdictAfterLoad(refused)).toMatchObject({
      level: 'unvalidated-pairing',
      disagreement: { predicted: [{ code: 'periph-calculation-missing' }] },
    })
    expect(verdictAfterLoad(validated)).toBe(validated)
    expect(verdictAfterLoad(undefined)).toBeUndefined()
  })
})
