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

describe('hashOutputs keeps distinct outputs apart beyond 32 bits', () => {
  // FNV-1a over words is invertible one word at a time, so a 32-bit collision can be built: for any
  // first word w1', the second word w2' = m(w1) ^ w2 ^ m(w1') lands on the same state. Such pairs
  // (and, over thousands of runs, chance ones) must still count as two distinct outputs.
  const m = (w: number): number => Math.imul(0x811c9dc5 ^ w, 0x01000193) >>> 0
  const words = (a: number, b: number) => ({
    y: { data: new Int32Array([a | 0, b | 0]), shape: [2], dtype: 'int32' as const },
  })
  const w1 = 0x01020304,
    w2 = 0x0a0b0c0d,
    w1b = 0xdeadbeef
  const w2b = (m(w1) ^ w2 ^ m(w1b)) >>> 0
  test('the constructed pair collides under a 32-bit FNV-1a and not under hashOutputs', () => {
    const fnv32 = (a: number, b: number): number =>
      Math.imul(Math.imul(Math.imul(0x811c9dc5 ^ a, 0x01000193) ^ b, 0x01000193) ^ 8, 0x01000193) >>> 0
    expect(fnv32(w1, w2)).toBe(fnv32(w1b, w2b))
    expect(hashOutputs(words(w1, w2), ['y'])).not.toBe(hashOutputs(words(w1b, w2b), ['y']))
  })
})
