import { describe, expect, test } from 'vitest'
import type { FuzzFailure } from '../../fuzz/types.js'
import type { Tensor } from '../../tensor/types.js'
import { counterexamplePreviews, inputPreview, outputDifference } from './fuzz-preview.js'

/** A 48×32 RGB image: red rises left to right, green is 200 in the top half, blue is 7. */
function image(layout: 'NHWC' | 'NCHW', dtype: 'uint8' | 'float32'): Tensor {
  const h = 32,
    w = 48
  const data = dtype === 'uint8' ? new Uint8Array(h * w * 3) : new Float32Array(h * w * 3)
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const rgb = [Math.round((x / (w - 1)) * 255), y < h / 2 ? 200 : 0, 7]
      for (let c = 0; c < 3; c++) data[layout === 'NHWC' ? (y * w + x) * 3 + c : (c * h + y) * w + x] = rgb[c]!
    }
  return { data, dtype, shape: layout === 'NHWC' ? [1, h, w, 3] : [1, 3, h, w] } as Tensor
}

const pixel = (p: { pixels: string; width: number; channels: number }, x: number, y: number) => [
  ...Buffer.from(p.pixels, 'base64').subarray((y * p.width + x) * p.channels, (y * p.width + x + 1) * p.channels),
]

describe('the counterexample as a small image', () => {
  test('an NHWC uint8 image is area-averaged to 24 pixels on its long side, its pixels as they are', () => {
    const p = inputPreview('frame 1', 'input', image('NHWC', 'uint8'))!
    expect(p).toMatchObject({ label: 'frame 1', input: 'input', width: 24, height: 16, channels: 3, dtype: 'uint8' })
    expect(p.range).toBeUndefined()
    expect(Buffer.from(p.pixels, 'base64')).toHaveLength(24 * 16 * 3)
    expect(pixel(p, 0, 0)).toEqual([3, 200, 7])
    expect(pixel(p, 23, 15)).toEqual([253, 0, 7])
  })

  test('an NCHW float32 image gives the same picture, scaled from its own range', () => {
    const p = inputPreview('float32', 'input', image('NCHW', 'float32'))!
    expect(p).toMatchObject({ width: 24, height: 16, channels: 3, range: [0, 255] })
    expect(pixel(p, 0, 0)).toEqual([3, 200, 7])
  })

  test('vectors and batches of several are not drawn', () => {
    expect(inputPreview('x', 'v', { data: new Float32Array(10), dtype: 'float32', shape: [1, 10] })).toBeUndefined()
    expect(
      inputPreview('x', 'b', { data: new Uint8Array(2 * 4 * 4 * 3), dtype: 'uint8', shape: [2, 4, 4, 3] }),
    ).toBeUndefined()
  })

  test('one preview per frame, at most three; the output difference binned with its largest value', () => {
    const frame = image('NHWC', 'uint8')
    const logits = (shift: number) =>
      ({
        data: Float32Array.from({ length: 1000 }, (_, i) => (i === 700 ? shift : 0)),
        dtype: 'float32',
        shape: [1, 1000],
      }) as Tensor
    const failure = {
      inputs: Object.fromEntries([1, 2, 3, 4].map((k) => [`frame ${k}`, { input: frame }])),
      outputs: { 'position 2 (frame 1)': { logits: logits(2.5) }, 'frame 1 alone': { logits: logits(0) } },
      difference: { between: ['position 2 (frame 1)', 'frame 1 alone'] },
    } as unknown as FuzzFailure
    expect(counterexamplePreviews(failure).map((p) => p.label)).toEqual(['frame 1', 'frame 2', 'frame 3'])
    const d = outputDifference(failure)!
    expect(d).toMatchObject({
      output: 'logits',
      between: ['position 2 (frame 1)', 'frame 1 alone'],
      elements: 1000,
      max: 2.5,
    })
    expect(d.bins).toHaveLength(64)
    expect(d.bins.filter((v) => v > 0)).toEqual([2.5])
    expect(d.bins.indexOf(2.5)).toBe(Math.floor((700 * 64) / 1000))
  })
})
