import { describe, expect, test } from 'vitest'
import type { CompatVerdict } from '../hailort-compat/verdict.js'
import { environmentOf } from './environment.js'

const verdict: CompatVerdict = {
  level: 'unvalidated-pairing',
  hailort: '4.21.0',
  sdkVersion: '3.29.0',
  pairedHailort: '4.19.0',
  reasons: [
    { code: 'unvalidated-pairing', sdkVersion: '3.29.0', paired: '4.19.0', hailort: '4.21.0', source: 'changelog' },
  ],
}
const device = {
  info: async () => ({ kind: 'hailo', spec: 'hailo', description: 'Hailo-8', versions: { hailort: '4.21.0' } }),
}

describe('environmentOf', () => {
  test("carries the model's compatibility verdict beside the device it was judged on", async () => {
    const env = await environmentOf({ id: 'hailo:m.hef#1', source: 'm.hef', compatibility: verdict, device })
    expect(env.compatibility).toEqual(verdict)
    expect(env.device?.versions.hailort).toBe('4.21.0')
    expect(env.model).toEqual({ id: 'hailo:m.hef#1', source: 'm.hef' })
  })
  test('has no compatibility for a model without one, or with something else under that name', async () => {
    expect(await environmentOf({ id: 'onnx:m.onnx#1', device })).not.toHaveProperty('compatibility')
    expect(await environmentOf({ compatibility: 'fine' })).not.toHaveProperty('compatibility')
    expect(await environmentOf({ compatibility: { level: 'validated' } })).not.toHaveProperty('compatibility')
  })
  test('a device whose info fails is reported as such, the verdict kept', async () => {
    const env = await environmentOf({
      compatibility: verdict,
      device: {
        info: async () => {
          throw new Error('chip gone')
        },
      },
    })
    expect(env).toMatchObject({ deviceError: 'chip gone', compatibility: verdict })
  })
  test('anything that is not an object gives the bare fingerprint', async () => {
    expect(await environmentOf(null)).toEqual({ node: process.version, platform: process.platform, arch: process.arch })
  })
})
