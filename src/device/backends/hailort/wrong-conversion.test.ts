import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../../tensor/types.js'
import './register.js'
import { useDoubleChip } from './test-support/double-suite.js'

// The double's `convert` fault converts float32 host input the wrong way, as a host bug would; the
// raw (uint8) path is untouched, so the two format paths of one model disagree only under the fault.
const { double, arcface, open } = useDoubleChip()
const OUT = 'arcface_mobilefacenet/fc1'
const SIZE = 112 * 112 * 3
const bytes = (t: Tensor | undefined) => Buffer.from(t!.data.buffer, t!.data.byteOffset, t!.data.byteLength)

/** Seeded pixels 0–255, with some 0 and 1 among them. */
function pixels(seed: number): Uint8Array {
  const data = new Uint8Array(SIZE)
  let s = seed >>> 0
  for (let i = 0; i < SIZE; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    data[i] = s >>> 24
  }
  return data
}
const asUint8 = (data: Uint8Array): Tensor => ({ data, shape: [1, 112, 112, 3], dtype: 'uint8' })
const asFloat = (data: Uint8Array): Tensor => ({
  data: Float32Array.from(data),
  shape: [1, 112, 112, 3],
  dtype: 'float32',
})
/** The float32 path's output for a raw output, dequantized in float32 as HailoRT does. */
const dequantized = (t: Tensor): Float32Array =>
  Float32Array.from(t.data as Uint8Array, (q) => (q - 144) * Math.fround(0.01673891767859459))

describe('the double converts float32 input the wrong way under convert=…', () => {
  it('agrees across the float32 and raw paths when healthy', async () => {
    await using device = await open()
    const raw = await device.load(arcface, { format: 'raw' })
    const float = await device.load(arcface, { format: 'float32' })
    for (const seed of [1, 2, 3]) {
      const rawOut = (await raw.infer(asUint8(pixels(seed))))[OUT]!
      const floatOut = (await float.infer(asFloat(pixels(seed))))[OUT]!
      expect(floatOut.data).toEqual(dequantized(rawOut))
    }
  })

  it('convert=unit takes pixels 0–255 as 0–1: every pixel above 0 reaches the chip as 255', async () => {
    await using device = await open()
    const raw = await device.load(arcface, { format: 'raw' })
    const float = await device.load(arcface, { format: 'float32' })
    const x = pixels(7)
    const healthy = bytes((await float.infer(asFloat(x)))[OUT])
    double.setFaults('convert=unit')
    expect(bytes((await float.infer(asFloat(x)))[OUT])).not.toEqual(healthy)
    // What the bug sends is exactly the saturated frame, fed on the (untouched) raw path.
    const saturated = x.map((v) => (v === 0 ? 0 : 255))
    const viaRaw = (await raw.infer(asUint8(saturated)))[OUT]!
    expect((await float.infer(asFloat(x)))[OUT]!.data).toEqual(dequantized(viaRaw))
  })

  it("convert=bytes sends the float buffer's first bytes as the frame", async () => {
    await using device = await open()
    const raw = await device.load(arcface, { format: 'raw' })
    const float = await device.load(arcface, { format: 'float32' })
    const x = asFloat(pixels(9))
    const healthy = bytes((await float.infer(x))[OUT])
    double.setFaults('convert=bytes')
    const wrongOut = (await float.infer(x))[OUT]!
    expect(bytes(wrongOut)).not.toEqual(healthy)
    const reinterpreted = new Uint8Array(x.data.buffer, 0, SIZE).slice()
    const viaRaw = (await raw.infer(asUint8(reinterpreted)))[OUT]!
    expect(wrongOut.data).toEqual(dequantized(viaRaw))
  })

  it('leaves the raw path untouched', async () => {
    await using device = await open()
    const raw = await device.load(arcface, { format: 'raw' })
    const x = asUint8(pixels(11))
    const healthy = bytes((await raw.infer(x))[OUT])
    for (const how of ['unit', 'bytes']) {
      double.setFaults(`convert=${how}`)
      expect(bytes((await raw.infer(x))[OUT])).toEqual(healthy)
    }
  })

  it('refuses a conversion it does not know', () => {
    expect(() => double.setFaults('convert=sideways')).toThrow(/refused the fault spec/)
  })
})
