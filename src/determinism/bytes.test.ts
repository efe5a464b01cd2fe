import { describe, expect, test } from 'vitest'
import { copyOutputs, hashOutputs, sameOutputBytes, sameTensorBytes } from './bytes.js'

const f = (...v: number[]) => ({ data: Float32Array.from(v), shape: [v.length], dtype: 'float32' as const })

describe('sameTensorBytes', () => {
  test('compares dtype, shape and bytes', () => {
    expect(sameTensorBytes(f(1, 2), f(1, 2))).toBe(true)
    expect(sameTensorBytes(f(1, 2), f(1, 3))).toBe(false)
    expect(sameTensorBytes(f(0), f(-0))).toBe(false) // bit-exact, not numeric
    expect(sameTensorBytes(f(1, 2), { ...f(1, 2), shape: [1, 2] })).toBe(false)
  })
  test('compares views over the same memory correctly', () => {
    const buf = new Float32Array([9, 1, 2, 9])
    expect(sameTensorBytes({ data: buf.subarray(1, 3), shape: [2], dtype: 'float32' }, f(1, 2))).toBe(true)
  })
})

describe('sameOutputBytes / copyOutputs / hashOutputs', () => {
  test('a missing output differs', () => {
    expect(sameOutputBytes({ y: f(1) }, {}, ['y'])).toBe(false)
  })
  test('a copy owns its bytes', () => {
    const out = { y: f(1, 2) }
    const copy = copyOutputs(out, ['y'])
    out.y.data[0] = 5
    expect(copy.y!.data[0]).toBe(1)
  })
  test('the hash separates different bytes and agrees on equal ones', () => {
    expect(hashOutputs({ y: f(1, 2) }, ['y'])).toBe(hashOutputs({ y: f(1, 2) }, ['y']))
    expect(hashOutputs({ y: f(1, 2) }, ['y'])).not.toBe(hashOutputs({ y: f(1, 3) }, ['y']))
    expect(hashOutputs({ y: { data: new Uint8Array([1, 2, 3]), shape: [3], dtype: 'uint8' } }, ['y'])).not.toBe(
      hashOutputs({ y: { data: new Uint8Array([1, 2, 4]), shape: [3], dtype: 'uint8' } }, ['y']),
    )
  })
})
