import { describe, expect, expectTypeOf, test } from 'vitest'
import type { InferableModel } from '../src/device/types.js'
import './index.js'

declare const model: InferableModel

describe('matcher types', () => {
  test('toBeDeterministicAcross is async and takes a run count and options', () => {
    expectTypeOf(expect(model).toBeDeterministicAcross(10)).toEqualTypeOf<Promise<void>>()
    expectTypeOf(expect(model).not.toBeDeterministicAcross(10, { warmup: 1, seed: 3 })).toEqualTypeOf<Promise<void>>()
    expectTypeOf(expect(model).toBeDeterministicAcross).parameter(0).toEqualTypeOf<number | undefined>()
    expectTypeOf(expect(model).toBeDeterministicAcross()).toEqualTypeOf<Promise<void>>()
  })
  test('options are checked', () => {
    void expect(model).toBeDeterministicAcross(10, {
      input: new Float32Array(4),
      tolerance: { atol: 1e-3 },
      interleave: true,
    })
    // @ts-expect-error runs must be a number
    void expect(model).toBeDeterministicAcross('10')
    // @ts-expect-error unknown option
    void expect(model).toBeDeterministicAcross(10, { tolerence: { atol: 1 } })
    // @ts-expect-error warmup is a number
    void expect(model).toBeDeterministicAcross(10, { warmup: 'two' })
  })
  test('inputs is several samples (an array or a folder), as in toMatchOnnxWithin; a record by input name is input', () => {
    void expect(model).toBeDeterministicAcross(10, { inputs: 'images/' })
    void expect(model).toBeDeterministicAcross(10, { inputs: ['a.png', new Float32Array(4), { x: 'b.npy' }] })
    void expect(model).toBeDeterministicAcross(10, { input: { x: new Float32Array(4) } })
    // @ts-expect-error a record by input name is one sample: input
    void expect(model).toBeDeterministicAcross(10, { inputs: { x: new Float32Array(4) } })
  })
  test('image options load image paths as the goldens were made; their keys and values are checked', () => {
    void expect(model).toBeDeterministicAcross(10, {
      input: 'cat.png',
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    })
    void expect(model).toBeDeterministicAcross(10, {
      inputs: 'images/',
      image: { alpha: 'flatten', background: [255, 255, 255] },
    })
    // @ts-expect-error unknown image option
    void expect(model).toBeDeterministicAcross(10, { input: 'cat.png', image: { resise: 'cv2-bilinear' } })
    // @ts-expect-error resize is 'sharp' or 'cv2-bilinear'
    void expect(model).toBeDeterministicAcross(10, { input: 'cat.png', image: { resize: 'bilinear' } })
  })
})
