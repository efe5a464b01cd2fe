import { describe, expect, test } from 'vitest'
import { findNonFinite } from './finite.js'

describe('findNonFinite', () => {
  test('finds nothing in finite data, -0, subnormals and the largest floats included', () => {
    const data = Float32Array.from([0, -0, 1e-45, -1e-45, 3.4028234663852886e38, -3.4028234663852886e38, 1, -1, 0.5])
    expect(findNonFinite(data)).toBeUndefined()
    expect(findNonFinite(Float64Array.from([Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324]))).toBeUndefined()
    expect(findNonFinite(new Float32Array(0))).toBeUndefined()
  })

  test('finds NaN and ±Infinity at any position, in the unrolled body and in the tail', () => {
    for (const length of [1, 2, 3, 4, 5, 7, 8, 9, 31]) {
      for (let at = 0; at < length; at++) {
        for (const bad of [NaN, Infinity, -Infinity]) {
          const data = new Float32Array(length).fill(1.5)
          data[at] = bad
          expect(findNonFinite(data), `length ${length}, ${bad} at ${at}`).toEqual({
            firstIndex: at,
            firstValue: bad,
            count: 1,
          })
          const wide = new Float64Array(length).fill(-2)
          wide[at] = bad
          expect(findNonFinite(wide)?.firstIndex).toBe(at)
        }
      }
    }
  })

  test('reports the first one and counts them all', () => {
    const data = Float32Array.from([1, Infinity, 2, NaN, -Infinity, 3])
    expect(findNonFinite(data)).toEqual({ firstIndex: 1, firstValue: Infinity, count: 3 })
  })

  test('an infinity and its opposite do not cancel out', () => {
    expect(findNonFinite(Float32Array.from([Infinity, -Infinity, 0, 0]))?.count).toBe(2)
    expect(findNonFinite(Float32Array.from([Infinity, 0, 0, 0, -Infinity]))?.count).toBe(2)
  })
})
