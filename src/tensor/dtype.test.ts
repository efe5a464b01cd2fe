import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import {
  bytesPerElement,
  dtypeOf,
  elementCount,
  isDType,
  makeTensor,
  strides,
  typedArrayFor,
  unravelIndex,
} from './dtype.js'

describe('makeTensor', () => {
  it('builds a zero-filled tensor of the shape', () => {
    const t = makeTensor('uint8', [1, 224, 224, 3])
    expect(t.data).toBeInstanceOf(Uint8Array)
    expect(t.data.length).toBe(150528)
  })
  it('keeps a typed array of the right dtype without copying', () => {
    const data = new Float32Array(6)
    expect(makeTensor('float32', [2, 3], data).data).toBe(data)
  })
  it('copies an array of numbers into the dtype', () => {
    expect([...makeTensor('uint16', [2], [1, 65535]).data]).toEqual([1, 65535])
    expect([...makeTensor('int64', [2], [1, 2n]).data]).toEqual([1n, 2n])
  })
  it('refuses data of the wrong length or dtype', () => {
    expect(() => makeTensor('float32', [2, 3], new Float32Array(5))).toThrow(
      /Expected 6 elements for shape \[2, 3\] but received data of 5/,
    )
    expect(() => makeTensor('float32', [2], new Uint8Array(2) as never)).toThrow(/Float32Array for dtype float32/)
    expect(() => makeTensor('uint8', [1], ['a' as unknown as number])).toThrow(/data\[0\]/)
  })
  it('refuses an unknown dtype and a bad shape', () => {
    expect(() => makeTensor('float16' as 'float32', [1])).toThrow(/one of uint8/)
    expect(() => makeTensor('uint8', [2, -1])).toThrow(/dimension 1 of shape \[2, -1\]/)
    expect(() => makeTensor('uint8', [1.5])).toThrow(InvalidArgumentError)
  })
})

describe('dtype helpers', () => {
  it('count elements, bytes and strides', () => {
    expect(elementCount([])).toBe(1)
    expect(elementCount([2, 0, 3])).toBe(0)
    expect(bytesPerElement('float32')).toBe(4)
    expect(bytesPerElement('int64')).toBe(8)
    expect(strides([2, 3, 4])).toEqual([12, 4, 1])
    expect(unravelIndex(23, [2, 3, 4])).toEqual([1, 2, 3])
    expect(unravelIndex(5, [2, 3])).toEqual([1, 2])
  })
  it('map typed arrays to dtypes and back', () => {
    expect(typedArrayFor('uint16', 4)).toBeInstanceOf(Uint16Array)
    expect(dtypeOf(new Int16Array(1))).toBe('int16')
    expect(dtypeOf(new Uint32Array(1))).toBeUndefined()
    expect(isDType('float32')).toBe(true)
    expect(isDType('toString')).toBe(false)
  })
  it('refuse a negative element count', () => {
    expect(() => typedArrayFor('uint8', -1)).toThrow(InvalidArgumentError)
  })
})
