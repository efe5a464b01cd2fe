import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dequantize, quantize } from '../../../tensor/quantize.js'
import type { Tensor } from '../../../tensor/types.js'
import { parseDeviceSpec } from '../../spec.js'
import './register.js'
import { HailoDevice } from './hailo-device.js'
import { doubleEnv, doubleLibrary, scratchDir, setEnv, writeModel } from './test-support/double.js'

const double = doubleLibrary('4.23.0')
const dir = scratchDir()
const IN = 'prop/in'
const OUT = 'prop/out'
const inputQuant = { zp: 128, scale: 0.0078125, min: -1, max: 0.9921875 }
const perChannel = [
  { zp: 3, scale: 0.25, min: -0.75, max: 63 },
  { zp: 200, scale: 0.001, min: -0.2, max: 0.055 },
]
const path = writeModel(dir, 'prop.hef', {
  groups: [
    {
      name: 'prop',
      vstreams: [
        { direction: 'in', name: IN, shape: [8, 8, 3], quant: inputQuant },
        { direction: 'out', name: OUT, shape: [4, 4, 2], perChannel },
      ],
    },
  ],
})
let restore: () => void
beforeAll(() => {
  restore = setEnv(doubleEnv(double, dir))
})
afterAll(() => restore())

/** Seeded floats in [lo, hi], past the input's limvals on purpose so clipping is exercised. */
function floats(seed: number, lo: number, hi: number): Float32Array {
  const data = new Float32Array(8 * 8 * 3)
  let s = seed >>> 0
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    data[i] = lo + ((s >>> 8) / 2 ** 24) * (hi - lo)
  }
  return data
}

describe('the float32 and raw vstream paths', () => {
  it('agree within one quantization step for any input, and the double converts exactly like src/tensor', async () => {
    await using device = await HailoDevice.open(parseDeviceSpec('hailo'), { lockTimeoutMs: 2000 })
    const raw = await device.load(path, { format: 'raw' })
    const float = await device.load(path, { format: 'float32' })
    const inQ = raw.inputs[0]!.quant!
    const outQ = raw.outputs[0]!.quant!
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: -3, max: 0, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        async (seed, lo, hi) => {
          const x: Tensor = { data: floats(seed, lo, hi), shape: [1, 8, 8, 3], dtype: 'float32' }
          const q = quantize(x, inQ, 'uint8') // what HailoRT would send for x
          const qOut = (await raw.infer(q))[OUT]!
          const fOut = (await float.infer(x))[OUT]!
          const f = fOut.data as Float32Array
          const expected = dequantize(qOut, outQ).data
          for (let i = 0; i < f.length; i++) {
            const p = outQ.perChannel!.params[i % 2]!
            expect(Math.abs(f[i]! / p.scale + p.zeroPoint - (qOut.data[i] as number))).toBeLessThanOrEqual(1)
            expect(f[i]).toBe(expected[i])
          }
        },
      ),
      { numRuns: 30, seed: 42 },
    )
  })
})
