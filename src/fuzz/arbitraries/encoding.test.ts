import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../../errors.js'
import type { TensorInfo } from '../../tensor/types.js'
import { applicableEncodings, encode, encoding } from './encoding.js'

const codes: TensorInfo = {
  name: 'image',
  shape: [1, 4, 4, 3],
  dtype: 'uint8',
  layout: 'NHWC',
  quant: { scale: 1, zeroPoint: 0 },
}
const pixelFloats: TensorInfo = { ...codes, dtype: 'float32' }
const floats: TensorInfo = { name: 'x', shape: [1, 3, 4, 4], dtype: 'float32', layout: 'NCHW' }
const pixels = { seed: 3, kind: 'uniform' as const, shapes: { image: [1, 4, 4, 3] } }

describe('encoding', () => {
  test('offers float32 0–255 only to inputs that take pixels as floats, and 0–1 floats only where pixels are expected', () => {
    expect(applicableEncodings([codes])).toEqual(['uint8', 'float32-unit', 'nan', 'wrong-size', 'wrong-dtype'])
    expect(applicableEncodings([pixelFloats])).toEqual([
      'uint8',
      'float32',
      'float32-unit',
      'nan',
      'wrong-size',
      'wrong-dtype',
    ])
    expect(applicableEncodings([floats])).toEqual(['uint8', 'nan', 'wrong-size', 'wrong-dtype'])
  })

  test('the same pixels as uint8 and as float32 0–255 hold the same values', () => {
    const u8 = encode([pixelFloats], { pixels, encoding: 'uint8' }).image!
    const f32 = encode([pixelFloats], { pixels, encoding: 'float32' }).image!
    expect(u8.dtype).toBe('uint8')
    expect(f32.dtype).toBe('float32')
    expect(Array.from(f32.data as Float32Array)).toEqual(Array.from(u8.data as Uint8Array))
  })

  test('each must-refuse encoding is what its name says', () => {
    const unit = encode([codes], { pixels, encoding: 'float32-unit' }).image!
    expect(unit.dtype).toBe('float32')
    for (const v of unit.data as Float32Array) {
      expect(v).toBeGreaterThan(0)
      expect(v).toBeLessThan(1)
    }
    expect((encode([codes], { pixels, encoding: 'nan' }).image!.data as Float32Array).some(Number.isNaN)).toBe(true)
    expect(encode([codes], { pixels, encoding: 'wrong-size' }).image!.shape).toEqual([1, 4, 4, 4])
    expect(encode([codes], { pixels, encoding: 'wrong-dtype' }).image!.dtype).toBe('int32')
  })

  test('shrinks toward uint8 and a constant mid-range image', () => {
    const [shrunk] = fc.check(
      fc.property(encoding({ inputs: [codes] }), () => false),
      { seed: 4 },
    ).counterexample!
    expect(shrunk).toEqual({
      pixels: { seed: 0, kind: 'constant', shapes: { image: [1, 4, 4, 3] } },
      encoding: 'uint8',
    })
  })

  test.each([
    ['an encoding that does not apply', { encodings: ['float32'] }, /"float32", which does not apply/],
    ['an unknown encoding', { encodings: ['base64'] }, /"base64", which is not an encoding/],
    ['an unknown key', { normalisation: {} }, /normalisation/],
    ['a normalization without std', { normalization: { mean: [1] } }, /normalization.std/],
  ])('refuses %s when built', (_what, constraints, message) => {
    expect(() => encoding({ inputs: [codes] }, constraints as never)).toThrow(InvalidArgumentError)
    expect(() => encoding({ inputs: [codes] }, constraints as never)).toThrow(message)
  })
})
