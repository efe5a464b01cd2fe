import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import type { TensorInfo } from '../tensor/types.js'
import { describeInput, normalizeDescription, syntheticInputs } from './synthetic.js'
import type { InputDescription } from './synthetic.js'

const image: TensorInfo = { name: 'image', shape: ['batch', 6, 8, 3], dtype: 'uint8', layout: 'NHWC' }
const pixels: TensorInfo = { name: 'pixels', shape: [1, 3, 6, 8], dtype: 'float32', layout: 'NCHW' }
const vector: TensorInfo = { name: 'scale', shape: [1, 5], dtype: 'float32', layout: 'NC' }

const values = (a: ArrayLike<number | bigint>): number[] => Array.from(a as ArrayLike<number>, Number)
const one = (info: TensorInfo, d: InputDescription | number) => syntheticInputs([info], d)[info.name]!

describe('syntheticInputs', () => {
  it('gives the same bytes for the same description, other bytes for another seed', () => {
    const a = syntheticInputs([image, vector], 7)
    expect(values(a.image!.data)).toEqual(values(syntheticInputs([image, vector], { seed: 7 }).image!.data))
    expect(values(a.image!.data)).not.toEqual(values(syntheticInputs([image, vector], 8).image!.data))
  })

  it('sets a leading dynamic batch to 1 and matches each dtype', () => {
    const t = syntheticInputs([image, pixels, { name: 'ids', shape: ['n', 16], dtype: 'int64', layout: 'other' }], 1)
    expect(t.image).toMatchObject({ shape: [1, 6, 8, 3], dtype: 'uint8' })
    expect(t.image!.data).toBeInstanceOf(Uint8Array)
    expect(t.pixels!.data).toBeInstanceOf(Float32Array)
    expect(t.ids).toMatchObject({ shape: [1, 16], dtype: 'int64' })
    expect(t.ids!.data).toBeInstanceOf(BigInt64Array)
  })

  // Any other dynamic size became 1 as well: a [1, 3, ?, ?] image input was synthesized as one pixel.
  it('refuses other dynamic dimensions, naming the input and how to give the sizes', () => {
    const dynamic: TensorInfo = { name: 'x', shape: ['n', 3, 'h', 'w'], dtype: 'float32', layout: 'NCHW' }
    expect(() => syntheticInputs([dynamic], 1)).toThrow(InvalidArgumentError)
    expect(() => syntheticInputs([dynamic], 1)).toThrow(
      'Input "x" is declared [n, 3, h, w]: a synthetic input cannot know the size of its dynamic dimensions (1 would test a single pixel). Give the infos concrete shapes: syntheticInputs([{ ...info, shape: [1, 3, <h>, <w>] }], seed).',
    )
    expect(syntheticInputs([{ ...dynamic, shape: [2, 3, 4, 5] }], 1).x).toMatchObject({ shape: [2, 3, 4, 5] })
  })

  it('seeds each input differently', () => {
    const twin = { ...image, name: 'other' }
    const t = syntheticInputs([image, twin], 3)
    expect(values(t.image!.data)).not.toEqual(values(t.other!.data))
  })

  it('keeps uniform values in the default ranges (uint8 0–255, image floats 0–255, other floats −1–1)', () => {
    const big: TensorInfo = { ...image, shape: [1, 64, 64, 3] }
    const u8 = values(one(big, 5).data)
    expect(Math.min(...u8)).toBe(0)
    expect(Math.max(...u8)).toBe(255)
    const f = values(one({ ...pixels, shape: [1, 3, 64, 64] }, 5).data)
    expect(Math.min(...f)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...f)).toBeLessThanOrEqual(255)
    expect(Math.max(...f)).toBeGreaterThan(250)
    const v = values(one({ ...vector, shape: [1, 1000] }, 5).data)
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1)
    expect(Math.max(...v)).toBeLessThanOrEqual(1)
  })

  it('honours a narrow integer range, hitting both ends', () => {
    const v = values(one({ ...image, shape: [1, 1001] as never, layout: 'other' }, { seed: 2, range: [10, 13] }).data)
    expect(new Set(v)).toEqual(new Set([10, 11, 12, 13]))
  })

  it('draws uint16 and int8 over their whole ranges by default', () => {
    const u16 = values(one({ name: 'r', shape: [4096], dtype: 'uint16', layout: 'other' }, 9).data)
    expect(Math.max(...u16)).toBeGreaterThan(60000)
    const i8 = values(one({ name: 'r', shape: [4096], dtype: 'int8', layout: 'other' }, 9).data)
    expect(Math.min(...i8)).toBe(-128)
    expect(Math.max(...i8)).toBe(127)
  })

  it('makes a constant input, by value or the middle of the range', () => {
    expect(new Set(values(one(image, { seed: 1, kind: 'constant', value: 7 }).data))).toEqual(new Set([7]))
    expect(new Set(values(one(image, { seed: 1, kind: 'constant' }).data))).toEqual(new Set([127]))
    expect(new Set(values(one(pixels, { seed: 1, kind: 'constant', range: [0, 1] }).data))).toEqual(new Set([0.5]))
  })

  it('makes a left-to-right gradient from min to max (seed % 4 = 0)', () => {
    const t = one(image, { seed: 0, kind: 'gradient' })
    const px = (y: number, x: number, c: number): number => t.data[(y * 8 + x) * 3 + c] as number
    expect(px(0, 0, 0)).toBe(0)
    expect(px(5, 7, 2)).toBe(255)
    expect(px(3, 7, 1)).toBe(255)
    expect(px(2, 4, 0)).toBe(Math.round((255 * 4) / 7))
  })

  it('makes a top-to-bottom gradient for seed % 4 = 1, in NCHW too', () => {
    const t = one(pixels, { seed: 1, kind: 'gradient', range: [0, 10] })
    expect(t.data[2 * 48 + 0 * 8 + 5]).toBe(0) // channel 2, row 0
    expect(t.data[2 * 48 + 5 * 8 + 5]).toBe(10) // channel 2, last row
  })

  it('makes checker squares of 1 + seed % 8 pixels', () => {
    const t = one(image, { seed: 1, kind: 'checker' }) // 2-pixel squares
    const px = (y: number, x: number): number => t.data[(y * 8 + x) * 3] as number
    expect([px(0, 0), px(0, 1), px(0, 2), px(1, 2), px(2, 2), px(2, 0)]).toEqual([0, 0, 255, 255, 0, 255])
  })

  it('saturates every element to one end of the range, both ends present', () => {
    const v = values(one({ ...image, shape: [1, 10, 10, 3] }, { seed: 4, kind: 'saturated' }).data)
    expect(new Set(v)).toEqual(new Set([0, 255]))
  })

  it('puts float inputs exactly halfway between quantization codes', () => {
    const plain = values(one(pixels, { seed: 3, kind: 'quant-edges' }).data)
    expect(plain.every((x) => x - Math.floor(x) === 0.5 && x >= 0.5 && x <= 254.5)).toBe(true)
    const quantized: TensorInfo = { ...pixels, quant: { scale: 0.5, zeroPoint: 10 } }
    const q = values(one(quantized, { seed: 3, kind: 'quant-edges', range: [-5, 100] }).data)
    for (const x of q) {
      const code = x / 0.5 + 10
      expect(code - Math.floor(code)).toBe(0.5)
      expect(x).toBeGreaterThanOrEqual(-5)
      expect(x).toBeLessThanOrEqual(100)
    }
  })

  it('uses per-channel quantization along its axis', () => {
    const info: TensorInfo = {
      ...pixels,
      quant: {
        scale: 1,
        zeroPoint: 0,
        perChannel: {
          axis: 1,
          params: [
            { scale: 1, zeroPoint: 0 },
            { scale: 2, zeroPoint: 0 },
            { scale: 4, zeroPoint: 0 },
          ],
        },
      },
    }
    const t = one(info, { seed: 5, kind: 'quant-edges' })
    for (let c = 0; c < 3; c++) {
      const scale = [1, 2, 4][c]!
      for (let i = 0; i < 48; i++) expect(((t.data[c * 48 + i] as number) / scale) % 1).toBe(0.5)
    }
  })

  it('refuses a quant-edges range that holds no half-step, rather than leaving it', () => {
    expect(() => one(pixels, { seed: 1, kind: 'quant-edges', range: [189, 189] })).toThrow(
      /halfway between two quantization codes.*\[189, 189\]/,
    )
  })

  it('gives integer inputs the edge codes', () => {
    const v = values(one({ ...image, shape: [1, 20, 20, 3] }, { seed: 6, kind: 'quant-edges' }).data)
    expect(new Set(v)).toEqual(new Set([0, 1, 254, 255]))
  })

  it('refuses a range outside the dtype or fractional for an integer input', () => {
    expect(() => one(image, { seed: 1, range: [0, 256] })).toThrow(/within \[0, 255\] for input "image"/)
    expect(() => one(image, { seed: 1, range: [0.5, 2] })).toThrow(InvalidArgumentError)
    expect(() => one(image, { seed: 1, kind: 'constant', value: 300 })).toThrow(InvalidArgumentError)
  })

  it('refuses malformed descriptions, naming the field', () => {
    expect(() => syntheticInputs([image], -1)).toThrow(/seed/)
    expect(() => syntheticInputs([image], { seed: 1.5 })).toThrow(/seed/)
    expect(() => syntheticInputs([image], { seed: 1, kind: 'noise' } as never)).toThrow(/kind/)
    expect(() => syntheticInputs([image], { seed: 1, range: [5, 1] })).toThrow(/min ≤ max/)
    expect(() => syntheticInputs([image], { seed: 1, range: [0, Number.NaN] })).toThrow(/range/)
    expect(() => syntheticInputs([image], { seed: 1, colour: 'red' } as never)).toThrow(/Unknown key "colour"/)
    expect(() => syntheticInputs([image], null as never)).toThrow(InvalidArgumentError)
    expect(() => syntheticInputs('image' as never, 1)).toThrow(InvalidArgumentError)
  })
})

describe('describeInput', () => {
  it('says kind, range and seed in a few characters', () => {
    expect(describeInput({ seed: 42, kind: 'uniform', range: [0, 255] })).toBe('uniform[0,255] seed=42')
    expect(describeInput(42)).toBe('uniform seed=42')
    expect(describeInput(42, vector)).toBe('uniform[-1,1] seed=42')
    expect(describeInput({ seed: 1, kind: 'constant', value: 7 })).toBe('constant(7) seed=1')
  })

  it('round-trips through JSON, as a plain description must', () => {
    const d: InputDescription = { seed: 9, kind: 'checker', range: [1, 2] }
    expect(normalizeDescription(JSON.parse(JSON.stringify(d)) as InputDescription)).toEqual(d)
  })
})
