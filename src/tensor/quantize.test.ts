import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { makeTensor } from './dtype.js'
import { castToUnsigned, dequantize, isIdentityQuant, quantize, roundHalfEven } from './quantize.js'

const f32 = (values: number[], shape = [values.length]) => makeTensor('float32', shape, values)

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour like rint', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, -0, -2, -2])
  })
  it('rounds non-ties to the nearest integer', () => {
    expect([0.49, 0.51, 2.4999, -2.51, 7].map(roundHalfEven)).toEqual([0, 1, 2, -3, 7])
  })
})

describe('castToUnsigned', () => {
  // Values measured from a C program on x86-64 (gcc -O2): (uint8_t)rintf(x) and (uint16_t)rintf(x).
  it('wraps modulo 2^bits like an x86-64 C cast', () => {
    expect([300, -1, 256, 65539, Number.NaN, 3e9, -3e9].map((x) => castToUnsigned(x, 8))).toEqual([
      44, 255, 0, 3, 0, 0, 0,
    ])
    expect([300, -1, 65539].map((x) => castToUnsigned(x, 16))).toEqual([300, 65535, 3])
  })
  it('saturates negatives and NaN to 0 in aarch64 mode, and wraps the rest', () => {
    expect([300, -1, Number.NaN, 5e9].map((x) => castToUnsigned(x, 8, 'aarch64'))).toEqual([44, 0, 0, 255])
  })
})

describe('quantize', () => {
  it('rounds half to even: 0.5 → 0, 1.5 → 2, 2.5 → 2', () => {
    const q = quantize(f32([0.5, 1.5, 2.5, 3.5]), { scale: 1, zeroPoint: 0 }, 'uint8')
    expect([...q.data]).toEqual([0, 2, 2, 4])
    const q2 = quantize(f32([0.25, 0.75, 1.25]), { scale: 0.5, zeroPoint: 0 }, 'uint8')
    expect([...q2.data]).toEqual([0, 2, 2])
  })

  it('clips to [min, max] before dividing when the quantization is not the identity', () => {
    const q = quantize(f32([-5, 0, 1, 2, 9]), { scale: 0.5, zeroPoint: 2, min: -1, max: 2 }, 'uint8')
    expect([...q.data]).toEqual([0, 2, 4, 6, 6])
  })

  it('clips to the range the raw type holds when limvals are unknown', () => {
    const q = quantize(f32([-100, 1000]), { scale: 0.1, zeroPoint: 10 }, 'uint8')
    expect([...q.data]).toEqual([0, 255])
  })

  it('does not clip under identity quantization: 300 wraps to 44, -1 to 255, pixels in 0–1 become 0 or 1', () => {
    const q = quantize(f32([300, -1, 0.4, 0.5, 0.6, 1]), { scale: 1, zeroPoint: 0, min: 0, max: 255 }, 'uint8')
    expect([...q.data]).toEqual([44, 255, 0, 0, 1, 1])
    const arm = quantize(f32([300, -1]), { scale: 1, zeroPoint: 0 }, 'uint8', { castMode: 'aarch64' })
    expect([...arm.data]).toEqual([44, 0])
  })

  it('gives the same codes as the same arithmetic compiled in C (float32 steps)', () => {
    // x, q measured with scale 0.0374, zp 17, limvals [-0.6, 8.9] from gcc -O2 on x86-64.
    const xs = [2.86904144, 6.67977428, 3.9259119, 0.147098303, -1.89773464]
    const quant = { scale: 0.0374, zeroPoint: 17, min: -0.6, max: 8.9 }
    const q = quantize(f32(xs), quant, 'uint8')
    expect([...q.data]).toEqual([94, 196, 122, 21, 1])
    const d = dequantize(q, quant)
    expect([...d.data]).toEqual([2.87980008, 6.69460011, 3.92700005, 0.149599999, -0.598399997].map(Math.fround))
  })

  it('quantizes to uint16', () => {
    const q = quantize(f32([0, 1, 100]), { scale: 0.01, zeroPoint: 0, min: 0, max: 100 }, 'uint16')
    expect(q.dtype).toBe('uint16')
    expect([...q.data]).toEqual([0, 100, 10000])
  })

  it('applies per-channel parameters along the given axis', () => {
    // NHWC [1, 2, 1, 2]: channel 0 scale 1, channel 1 scale 0.5
    const quant = {
      scale: 1,
      zeroPoint: 0,
      perChannel: {
        axis: 3,
        params: [
          { scale: 2, zeroPoint: 0 },
          { scale: 0.5, zeroPoint: 1 },
        ],
      },
    }
    const q = quantize(f32([4, 4, 8, 1], [1, 2, 1, 2]), quant, 'uint8')
    expect([...q.data]).toEqual([2, 9, 4, 3])
    expect([...dequantize(q, quant).data]).toEqual([4, 4, 8, 1])
    // NCHW-style axis 1 with inner blocks of 2
    const q2 = quantize(
      f32([1, 2, 1, 2], [1, 2, 2]),
      {
        scale: 1,
        zeroPoint: 0,
        perChannel: {
          axis: 1,
          params: [
            { scale: 1, zeroPoint: 0 },
            { scale: 0.5, zeroPoint: 0 },
          ],
        },
      },
      'uint8',
    )
    expect([...q2.data]).toEqual([1, 2, 2, 4])
  })

  it('refuses a per-channel parameter count that does not match the axis', () => {
    const quant = { scale: 1, zeroPoint: 0, perChannel: { axis: 1, params: [{ scale: 1, zeroPoint: 0 }] } }
    expect(() => quantize(f32([1, 2], [1, 2]), quant, 'uint8')).toThrow(
      /Expected 2 per-channel quantization parameters/,
    )
    expect(() => quantize(f32([1, 2], [1, 2]), { ...quant, perChannel: { axis: 5, params: [] } }, 'uint8')).toThrow(
      /perChannel.axis/,
    )
  })

  it('refuses other target dtypes, non-float tensors and bad parameters', () => {
    expect(() => quantize(f32([1]), { scale: 1, zeroPoint: 0 }, 'int8' as 'uint8')).toThrow(/'uint8' or 'uint16'/)
    expect(() => quantize(makeTensor('uint8', [1]), { scale: 1, zeroPoint: 0 }, 'uint8')).toThrow(InvalidArgumentError)
    expect(() => quantize(f32([1]), { scale: 0, zeroPoint: 0 }, 'uint8')).toThrow(/quant.scale/)
    expect(() => quantize(f32([1]), { scale: Number.NaN, zeroPoint: 0 }, 'uint8')).toThrow(/quant.scale/)
    expect(() => quantize(f32([1]), { scale: 1, zeroPoint: 0, min: 2, max: 1 }, 'uint8')).toThrow(/min ≤/)
    expect(() => quantize(f32([1]), { scale: 1, zeroPoint: 0 }, 'uint8', { castMode: 'arm' as 'wrap' })).toThrow(
      /castMode/,
    )
  })
})

describe('dequantize', () => {
  it('computes (q − zeroPoint) · scale in float32', () => {
    const d = dequantize(makeTensor('uint8', [3], [128, 130, 0]), { scale: 0.1, zeroPoint: 128 })
    expect(d.dtype).toBe('float32')
    expect([...d.data]).toEqual([
      0,
      Math.fround(Math.fround(2) * Math.fround(0.1)),
      Math.fround(-128 * Math.fround(0.1)),
    ])
  })
  it('just converts under identity quantization', () => {
    expect([...dequantize(makeTensor('uint16', [2], [7, 65535]), { scale: 1, zeroPoint: 0 }).data]).toEqual([7, 65535])
  })
  it('refuses float input', () => {
    expect(() => dequantize(f32([1]), { scale: 1, zeroPoint: 0 })).toThrow(/uint8 or uint16/)
  })
})

describe('isIdentityQuant', () => {
  it('compares in float32 as HailoRT does', () => {
    expect(isIdentityQuant({ scale: 1, zeroPoint: 0 })).toBe(true)
    expect(isIdentityQuant({ scale: 1 + 1e-12, zeroPoint: 0 })).toBe(true)
    expect(isIdentityQuant({ scale: 1, zeroPoint: 1 })).toBe(false)
  })
})
