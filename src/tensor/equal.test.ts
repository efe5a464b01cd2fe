import { describe, expect, it } from 'vitest'
import { makeTensor } from './dtype.js'
import { tensorsEqualBytes } from './equal.js'

describe('tensorsEqualBytes', () => {
  it('is true for identical bytes, dtype and shape', () => {
    expect(tensorsEqualBytes(makeTensor('uint8', [2], [1, 2]), makeTensor('uint8', [2], [1, 2]))).toBe(true)
  })
  it('compares views over a larger buffer by their own bytes only', () => {
    const buf = new Uint8Array([9, 1, 2, 9])
    const view = makeTensor('uint8', [2], buf.subarray(1, 3))
    expect(tensorsEqualBytes(view, makeTensor('uint8', [2], [1, 2]))).toBe(true)
  })
  it('is false when one byte, the dtype or the shape differs', () => {
    const a = makeTensor('float32', [2, 2], [1, 2, 3, 4])
    expect(tensorsEqualBytes(a, makeTensor('float32', [2, 2], [1, 2, 3, 4.000001]))).toBe(false)
    expect(tensorsEqualBytes(a, makeTensor('float32', [4], [1, 2, 3, 4]))).toBe(false)
    expect(tensorsEqualBytes(makeTensor('uint8', [2]), makeTensor('int8', [2]))).toBe(false)
  })
  it('tells -0 from +0 and equal NaNs apart by bytes', () => {
    expect(tensorsEqualBytes(makeTensor('float32', [1], [0]), makeTensor('float32', [1], [-0]))).toBe(false)
    expect(tensorsEqualBytes(makeTensor('float32', [1], [Number.NaN]), makeTensor('float32', [1], [Number.NaN]))).toBe(
      true,
    )
  })
  it('handles 256 KiB outputs', () => {
    const a = makeTensor('float32', [65536], new Float32Array(65536).fill(0.5))
    const b = makeTensor('float32', [65536], new Float32Array(65536).fill(0.5))
    expect(tensorsEqualBytes(a, b)).toBe(true)
    b.data[65535] = 0
    expect(tensorsEqualBytes(a, b)).toBe(false)
  })
})
