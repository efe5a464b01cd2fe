import { describe, expect, expectTypeOf, test } from 'vitest'
import type { InferableModel } from '../src/device/types.js'
import './index.js'

declare const model: InferableModel

describe('toMatchOnnxWithin types', () => {
  test('is async and takes a reference and options with a tolerance', () => {
    expectTypeOf(expect(model).toMatchOnnxWithin('model.onnx', { tolerance: { top1: true } })).toEqualTypeOf<
      Promise<void>
    >()
    expectTypeOf(
      expect(model).not.toMatchOnnxWithin(model, { tolerance: { atol: 1e-3 }, inputs: 'images/' }),
    ).toEqualTypeOf<Promise<void>>()
    void expect(model).toMatchOnnxWithin(new Uint8Array(4), {
      tolerance: { cosine: 0.99 },
      alls: 'model.alls',
      outputs: { a: 'b' },
    })
  })
  test('options are checked', () => {
    // @ts-expect-error a tolerance is required
    void expect(model).toMatchOnnxWithin('model.onnx', {})
    // @ts-expect-error unknown tolerance key
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: { atoll: 1 } })
    // @ts-expect-error normalization takes mean and std arrays
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: {}, normalization: { mean: 1 } })
  })
  test('inputs is several samples (an array or a folder); a record by input name is one sample, input', () => {
    void expect(model).toMatchOnnxWithin('model.onnx', {
      tolerance: {},
      inputs: ['a.png', new Float32Array(4), { image: 'b.png' }],
    })
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: {}, input: { image: 'b.png' } })
    // @ts-expect-error a record by input name is one sample: input
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: {}, inputs: { image: 'b.png' } })
  })
  test('image options load image paths as the goldens were made; their keys and values are checked', () => {
    void expect(model).toMatchOnnxWithin('model.onnx', {
      tolerance: {},
      inputs: 'images/',
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    })
    // @ts-expect-error unknown image option
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: {}, input: 'cat.png', image: { chanels: 'bgr' } })
    // @ts-expect-error channels is 'rgb' or 'bgr'
    void expect(model).toMatchOnnxWithin('model.onnx', { tolerance: {}, input: 'cat.png', image: { channels: 'BGR' } })
  })
})
