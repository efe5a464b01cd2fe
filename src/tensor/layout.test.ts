import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { makeTensor } from './dtype.js'
import { toNCHW, toNHWC, transpose } from './layout.js'

const iota = (n: number) => Array.from({ length: n }, (_, i) => i)

describe('transpose', () => {
  it('permutes a matrix', () => {
    const t = transpose(makeTensor('uint8', [2, 3], [1, 2, 3, 4, 5, 6]), [1, 0])
    expect(t.shape).toEqual([3, 2])
    expect([...t.data]).toEqual([1, 4, 2, 5, 3, 6])
  })
  it('matches the index definition out[i_perm] = in[i] on a rank-3 tensor', () => {
    const shape = [2, 3, 4]
    const t = transpose(makeTensor('int32', shape, iota(24)), [2, 0, 1])
    expect(t.shape).toEqual([4, 2, 3])
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 2; b++)
        for (let c = 0; c < 3; c++) {
          expect(t.data[a * 6 + b * 3 + c]).toBe(b * 12 + c * 4 + a)
        }
  })
  it('keeps int64 data as bigint', () => {
    const t = transpose(makeTensor('int64', [1, 2], [5n, 6n]), [1, 0])
    expect([...t.data]).toEqual([5n, 6n])
  })
  it('handles empty and scalar tensors', () => {
    expect(transpose(makeTensor('float32', [0, 3]), [1, 0]).shape).toEqual([3, 0])
    expect([...transpose(makeTensor('float32', [], [4]), []).data]).toEqual([4])
  })
  it('refuses something that is not a permutation of the axes', () => {
    const t = makeTensor('uint8', [2, 3])
    expect(() => transpose(t, [0, 0])).toThrow(/permutation of 0…1/)
    expect(() => transpose(t, [0])).toThrow(InvalidArgumentError)
    expect(() => transpose(t, [0, 2])).toThrow(InvalidArgumentError)
  })
})

describe('toNCHW / toNHWC', () => {
  it('moves channels first and back: a round trip gives the same bytes', () => {
    const nhwc = makeTensor('float32', [2, 3, 4, 5], iota(120))
    const nchw = toNCHW(nhwc)
    expect(nchw.shape).toEqual([2, 5, 3, 4])
    // element (n=1, h=2, w=3, c=4) of NHWC sits at (1, 4, 2, 3) in NCHW
    expect(nchw.data[1 * 60 + 4 * 12 + 2 * 4 + 3]).toBe(nhwc.data[1 * 60 + 2 * 20 + 3 * 5 + 4])
    const back = toNHWC(nchw)
    expect(back.shape).toEqual(nhwc.shape)
    expect([...back.data]).toEqual([...nhwc.data])
  })
  it('converts rank-3 images HWC ↔ CHW', () => {
    const hwc = makeTensor('uint8', [1, 2, 3], [10, 11, 12, 20, 21, 22])
    const chw = toNCHW(hwc)
    expect(chw.shape).toEqual([3, 1, 2])
    expect([...chw.data]).toEqual([10, 20, 11, 21, 12, 22])
    expect([...toNHWC(chw).data]).toEqual([...hwc.data])
  })
  it('refuses tensors that are not images', () => {
    expect(() => toNCHW(makeTensor('float32', [1, 67]))).toThrow(/rank-4.*shape \[1, 67\]/)
    expect(() => toNHWC(makeTensor('float32', [67]))).toThrow(InvalidArgumentError)
  })
})
