import { describe, expect, it } from 'vitest'
import { createPrng } from './prng.js'

describe('createPrng', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = createPrng(42),
      b = createPrng(42),
      c = createPrng(43)
    const xs = Array.from({ length: 8 }, () => a.nextU32())
    expect(Array.from({ length: 8 }, () => b.nextU32())).toEqual(xs)
    expect(Array.from({ length: 8 }, () => c.nextU32())).not.toEqual(xs)
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true)
  })

  it('fillU32 gives exactly the numbers nextU32 would, and continues the same stream', () => {
    for (const seed of [0, 1, 0xffffffff, 123456789]) {
      const one = createPrng(seed),
        bulk = createPrng(seed)
      const expected = Array.from({ length: 1000 }, () => one.nextU32())
      const got = new Uint32Array(1000)
      bulk.fillU32(got.subarray(0, 400))
      bulk.fillU32(got.subarray(400, 401))
      got[401] = bulk.nextU32() // interleaving stays on the same stream
      bulk.fillU32(got.subarray(402))
      expect(Array.from(got)).toEqual(expected)
      expect(bulk.nextU32()).toBe(one.nextU32())
    }
  })

  it('fillFloat24 maps exactly the numbers fillU32 would draw, and continues the same stream', () => {
    for (const seed of [0, 7, 0xffffffff]) {
      const words = createPrng(seed),
        floats = createPrng(seed)
      const raw = new Uint32Array(777)
      words.fillU32(raw)
      const got = new Float32Array(777)
      floats.fillFloat24(got.subarray(0, 300), -2.5, 1 / 4096)
      floats.fillFloat24(got.subarray(300), -2.5, 1 / 4096)
      expect(Array.from(got)).toEqual(Array.from(raw, (u) => Math.fround(-2.5 + (u >>> 8) / 4096)))
      expect(floats.nextU32()).toBe(words.nextU32())
    }
  })

  it('fillGrid maps exactly the numbers fillU32 would draw to grid points, and continues the same stream', () => {
    for (const seed of [0, 7, 0xffffffff]) {
      const words = createPrng(seed),
        grid = createPrng(seed)
      const raw = new Uint32Array(513)
      words.fillU32(raw)
      const got = new Float32Array(513)
      const [offset, perUnit, scale] = [-4.5, 255 / 4294967296, 0.0125]
      grid.fillGrid(got.subarray(0, 100), offset, perUnit, scale)
      grid.fillGrid(got.subarray(100), offset, perUnit, scale)
      expect(Array.from(got)).toEqual(Array.from(raw, (u) => Math.fround((offset + Math.floor(u * perUnit)) * scale)))
      expect(grid.nextU32()).toBe(words.nextU32())
    }
  })
})
