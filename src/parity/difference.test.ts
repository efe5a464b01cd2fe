import { describe, expect, test } from 'vitest'
import { differenceTensors } from './difference.js'

describe('differenceTensors', () => {
  test('model − reference per output, as float32 in the model shape', () => {
    const d = differenceTensors(
      { y: { data: new Uint8Array([5, 3]), shape: [1, 2], dtype: 'uint8' } },
      { y: { data: new Float32Array([1, 4.5]), shape: [1, 2], dtype: 'float32' } },
    )
    expect(d.y).toEqual({ data: new Float32Array([4, -1.5]), shape: [1, 2], dtype: 'float32' })
  })
  test('skips outputs missing on one side, of another size, or int64', () => {
    const f = (v: number[]) => ({ data: Float32Array.from(v), shape: [v.length], dtype: 'float32' as const })
    const i64 = { data: new BigInt64Array([1n]), shape: [1], dtype: 'int64' as const }
    expect(differenceTensors({ a: f([1]), b: f([1, 2]), c: i64 }, { b: f([1]), c: i64 })).toEqual({})
  })
})
