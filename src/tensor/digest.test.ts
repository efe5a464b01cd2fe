import { describe, expect, test } from 'vitest'
import { digestOutputs } from './digest.js'
import type { Tensor } from './types.js'

const f32 = (...v: number[]): Tensor => ({ data: new Float32Array(v), shape: [1, v.length], dtype: 'float32' })

describe('digestOutputs', () => {
  test('equal bytes give the same digest, whatever the order of the outputs', () => {
    expect(digestOutputs({ a: f32(1, 2), b: f32(3) })).toBe(digestOutputs({ b: f32(3), a: f32(1, 2) }))
    expect(digestOutputs({ a: f32(1, 2) })).toMatch(/^[0-9a-f]{32}$/)
  })

  test('one changed bit, a different shape, dtype or output name changes it', () => {
    const base = digestOutputs({ a: f32(1, 2) })
    const flipped = new Float32Array([1, 2])
    new Uint8Array(flipped.buffer)[0]! ^= 1
    expect(digestOutputs({ a: { data: flipped, shape: [1, 2], dtype: 'float32' } })).not.toBe(base)
    expect(digestOutputs({ a: { data: new Float32Array([1, 2]), shape: [2, 1], dtype: 'float32' } })).not.toBe(base)
    expect(
      digestOutputs({ a: { data: new Uint8Array(new Float32Array([1, 2]).buffer), shape: [1, 8], dtype: 'uint8' } }),
    ).not.toBe(
      digestOutputs({ a: { data: new Int8Array(new Float32Array([1, 2]).buffer), shape: [1, 8], dtype: 'int8' } }),
    )
    expect(digestOutputs({ b: f32(1, 2) })).not.toBe(base)
  })

  test('names and bytes cannot be shifted into each other', () => {
    const u8 = (...v: number[]): Tensor => ({ data: new Uint8Array(v), shape: [v.length], dtype: 'uint8' })
    expect(digestOutputs({ a: u8(1), b: u8(2, 3) })).not.toBe(digestOutputs({ a: u8(1, 2), b: u8(3) }))
  })
})
