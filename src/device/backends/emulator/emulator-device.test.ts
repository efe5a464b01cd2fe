import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { InputMismatchError, InvalidArgumentError, UnknownNameError } from '../../../errors.js'
import { classifierModel, identityModel, multiInputModel } from '../../../../test/support/onnx/index.js'
import { dequantize, quantize } from '../../../tensor/quantize.js'
import { openDevice } from '../../open.js'
import type { Device } from '../../types.js'
import type { QuantParams } from '../../../tensor/types.js'

let emulator: Device
let onnx: Device
beforeAll(async () => {
  emulator = await openDevice('emulator')
  onnx = await openDevice('onnx')
})
afterAll(async () => {
  await emulator.dispose()
  await onnx.dispose()
})

const image = identityModel({ dtype: 'float32', shape: [1, 3, 2, 2] }).bytes
const pixels = new Uint8Array([0, 10, 200, 255, 1, 2, 3, 4, 100, 101, 102, 250])

describe('emulator device', () => {
  test('declares float inputs as uint8 raw pixels with identity quantization, outputs with their quantization', async () => {
    await using model = await emulator.load(image)
    expect(model.inputs).toEqual([
      { name: 'input', shape: [1, 3, 2, 2], dtype: 'uint8', layout: 'NCHW', quant: { scale: 1, zeroPoint: 0 } },
    ])
    const [out] = model.outputs
    expect(out).toMatchObject({ name: 'output', dtype: 'float32', shape: [1, 3, 2, 2] })
    expect(out!.quant!.scale).toBeGreaterThan(0)
  })

  test("format 'raw' returns uint8 codes; 'float32' returns exactly their dequantized values", async () => {
    const outputQuant = { output: { scale: 2, zeroPoint: 3 } }
    await using raw = await emulator.load(image, { format: 'raw', outputQuant })
    await using float = await emulator.load(image, { format: 'float32', outputQuant })
    expect(raw.outputs[0]!.dtype).toBe('uint8')
    const r = (await raw.infer(pixels)).output!
    const f = (await float.infer(pixels)).output!
    // HailoRT's arithmetic: clip to the representable range, then rint(x / 2 + 3).
    const expected = quantize(
      { data: Float32Array.from(pixels), shape: [1, 3, 2, 2], dtype: 'float32' },
      outputQuant.output,
      'uint8',
    )
    expect(Array.from(r.data as Uint8Array)).toEqual(Array.from(expected.data))
    expect(Array.from(f.data as Float32Array)).toEqual(Array.from(dequantize(r, outputQuant.output).data))
    expect(r.dtype).toBe('uint8')
    expect(f.dtype).toBe('float32')
  })

  test('applies the .alls-style normalization per channel after dequantizing the input', async () => {
    const normalization = { mean: [10, 20, 30], std: [2, 4, 0.5] }
    const outputQuant = { output: { scale: 1 / 32, zeroPoint: 128 } }
    await using model = await emulator.load(image, { format: 'float32', normalization, outputQuant })
    const out = (await model.infer(new Uint8Array([10, 12, 14, 16, 20, 24, 28, 32, 30, 30.5, 31, 31]))).output!
    expect(Array.from(out.data as Float32Array)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 2, 2])
  })

  test('an input quantization other than the identity is dequantized before the model sees it', async () => {
    await using model = await emulator.load(image, {
      inputQuant: { input: { scale: 0.5, zeroPoint: 100 } },
      outputQuant: { output: { scale: 0.25, zeroPoint: 128 } },
    })
    expect(model.inputs[0]!.quant).toEqual({ scale: 0.5, zeroPoint: 100 })
    const out = (await model.infer(new Uint8Array([100, 102, 98, 100, 100, 100, 100, 100, 100, 100, 100, 110]))).output!
    expect(Array.from(out.data as Float32Array).slice(0, 3)).toEqual([0, 1, -1])
    expect(out.data[11]).toBe(5)
  })

  test('refuses float pixels for a uint8 input instead of casting them silently', async () => {
    await using model = await emulator.load(image)
    await expect(model.infer(new Float32Array(12).fill(0.5))).rejects.toBeInstanceOf(InputMismatchError)
  })

  test('keeps integer inputs as they are and quantizes only float outputs', async () => {
    await using model = await emulator.load(multiInputModel().bytes, { format: 'raw' })
    expect(model.inputs.map((i) => [i.name, i.dtype, i.quant])).toEqual([
      ['image', 'uint8', { scale: 1, zeroPoint: 0 }],
      ['mask', 'uint8', { scale: 1, zeroPoint: 0 }],
    ])
    expect(model.outputs.map((o) => o.dtype)).toEqual(['uint8', 'uint8'])
    const out = await model.infer({ image: new Uint8Array(48).fill(7), mask: new Uint8Array(16).fill(1) })
    const q = model.outputs[0]!.quant!
    expect(Math.abs(dequantize(out.masked!, q).data[0]! - 7)).toBeLessThanOrEqual(q.scale / 2)
  })

  test('stays within one quantization step of ONNX Runtime on the same pixels', async () => {
    const bytes = classifierModel({ classes: 10, features: 16, seed: 4 }).bytes
    await using emu = await emulator.load(bytes)
    await using ref = await onnx.load(bytes)
    for (let k = 0; k < 4; k++) {
      const x = new Uint8Array(16).map((_, i) => (i * 37 + k * 101) % 256)
      const e = (await emu.infer(x)).logits!.data as Float32Array
      const r = (await ref.infer(Float32Array.from(x))).logits!.data as Float32Array
      const q = emu.outputs[0]!.quant as QuantParams
      const lo = (0 - q.zeroPoint) * q.scale
      const hi = (255 - q.zeroPoint) * q.scale
      e.forEach((v, i) => {
        const clipped = Math.min(hi, Math.max(lo, r[i]!))
        expect(Math.abs(v - clipped)).toBeLessThanOrEqual(q.scale / 2 + 1e-5)
      })
    }
  })

  test('calibrates output quantization from its seed: same seed same parameters', async () => {
    const bytes = classifierModel({ classes: 10, seed: 2 }).bytes
    await using a = await emulator.load(bytes)
    await using b = await emulator.load(bytes, { calibrationSeed: 0 })
    await using c = await emulator.load(bytes, { calibrationSeed: 12345 })
    expect(b.outputs).toEqual(a.outputs)
    expect(c.outputs[0]!.quant).not.toEqual(a.outputs[0]!.quant)
    // Zero is exactly representable, as Hailo's quantizer keeps it.
    const q = a.outputs[0]!.quant!
    expect(Number.isInteger(q.zeroPoint)).toBe(true)
    expect(q.zeroPoint).toBeGreaterThanOrEqual(0)
    expect(q.zeroPoint).toBeLessThanOrEqual(255)
  })

  test('refuses quantization or normalization that does not fit the model', async () => {
    await expect(emulator.load(image, { outputQuant: { logits: { scale: 1, zeroPoint: 0 } } })).rejects.toThrow(
      UnknownNameError,
    )
    await expect(emulator.load(image, { inputQuant: { x: { scale: 1, zeroPoint: 0 } } })).rejects.toThrow(
      /inputQuant names input "x".*Its inputs: input/,
    )
    await expect(emulator.load(image, { normalization: { mean: [1, 2], std: [1, 1] } })).rejects.toThrow(
      InvalidArgumentError,
    )
    const uint8Only = identityModel({ dtype: 'uint8', shape: [1, 4] }).bytes
    await expect(emulator.load(uint8Only, { normalization: { mean: [1], std: [1] } })).rejects.toThrow(
      /no float input to normalize/,
    )
  })

  test('info() says what it emulates and how it calibrates', async () => {
    const info = await emulator.info()
    expect(info.kind).toBe('emulator')
    expect(info.description).toMatch(/uint8 inputs/)
    expect(info.versions.onnxruntime).toBe('1.30.0')
  })
})
