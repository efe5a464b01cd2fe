import { describe, expect, test } from 'vitest'
import { identityModel, multiInputModel } from '../../../../test/support/onnx/index.js'
import { InvalidArgumentError } from '../../../errors.js'
import { openDevice } from '../../open.js'

// `load(model, { normalization })` is applied on the onnx device, never accepted and ignored.
describe("the onnx device's normalization load option", () => {
  const pixels = Float32Array.from({ length: 12 }, (_, i) => i * 20) // [1, 3, 2, 2]: 4 pixels per channel

  test('normalizes each channel of a float input before ONNX Runtime sees it, and leaves the caller tensor alone', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identityModel({ shape: [1, 3, 2, 2] }).bytes, {
      normalization: { mean: [0, 100, 200], std: [1, 2, 4] },
    })
    const given = { data: pixels.slice(), shape: [1, 3, 2, 2], dtype: 'float32' } as const
    const out = await model.infer(given)
    const expected = Array.from(
      pixels,
      (v, i) => (v - [0, 100, 200][Math.floor(i / 4)]!) / [1, 2, 4][Math.floor(i / 4)]!,
    )
    expect(Array.from(out.output!.data as Float32Array)).toEqual(expected)
    expect(Array.from(given.data)).toEqual(Array.from(pixels))
  })

  test('one value in an array applies to every channel', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identityModel({ shape: [1, 3, 2, 2] }).bytes, {
      normalization: { mean: [127.5], std: [127.5] },
    })
    const out = await model.infer(pixels)
    expect(Array.from(out.output!.data as Float32Array)).toEqual(
      Array.from(pixels, (v) => Math.fround((v - 127.5) / 127.5)),
    )
  })

  test('a bare number is refused with the array form to write instead', async () => {
    await using device = await openDevice('onnx')
    const load = device.load(identityModel({ shape: [1, 3, 2, 2] }).bytes, {
      normalization: { mean: 127.5, std: 127.5 } as never,
    })
    await expect(load).rejects.toThrow(InvalidArgumentError)
    await expect(load).rejects.toThrow(
      /Expected an array of numbers, one per channel, or one for every channel \(e\.g\. mean: \[127\.5\], std: \[127\.5\]\) for normalization\.mean but received 127\.5/,
    )
  })

  test('is refused for a model whose inputs take integers only, naming them', async () => {
    await using device = await openDevice('onnx')
    const load = device.load(identityModel({ dtype: 'uint8', shape: [1, 3, 2, 2] }).bytes, {
      normalization: { mean: [127.5], std: [127.5] },
    })
    await expect(load).rejects.toThrow(
      /normalization was given but the model has no float input to normalize \(its inputs \[input: uint8\]/,
    )
  })

  test('normalizes the float input of a mixed model and feeds its integer input unchanged', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(multiInputModel().bytes, { normalization: { mean: [1], std: [2] } })
    const out = await model.infer({
      image: { data: new Float32Array(48).fill(5), shape: [1, 3, 4, 4], dtype: 'float32' },
      mask: { data: new Uint8Array(16).fill(3), shape: [1, 1, 4, 4], dtype: 'uint8' },
    })
    // image (5 − 1) / 2 = 2, times the mask as given (3).
    expect(new Set(out.masked!.data as Float32Array)).toEqual(new Set([6]))
  })
})
