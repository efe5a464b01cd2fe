import { describe, expect, test } from 'vitest'
import { RunSetBuilder } from './run-set.js'

describe('RunSetBuilder', () => {
  test('stores consecutive runs as ranges', () => {
    const b = new RunSetBuilder()
    for (const r of [1, 2, 3, 7, 9, 10]) b.add(r)
    expect(b.build()).toEqual({
      ranges: [
        [1, 3],
        [7, 7],
        [9, 10],
      ],
      count: 6,
      truncated: false,
    })
  })
  test('caps the ranges kept and keeps counting', () => {
    const b = new RunSetBuilder(3)
    for (let r = 1; r <= 1000; r += 2) b.add(r)
    const set = b.build()
    expect(set.ranges).toHaveLength(3)
    expect(set.count).toBe(500)
    expect(set.truncated).toBe(true)
  })
})
