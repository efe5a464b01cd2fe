import ort from 'onnxruntime-node'
import { describe, expect, test } from 'vitest'
import { convClassifierModel } from './conv-classifier.js'

describe('convClassifierModel', () => {
  test('declares x [1, 3, 48, 192] → logits and probs [1, 2] by default, and its probabilities sum to 1', async () => {
    const model = convClassifierModel()
    expect(model.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [1, 3, 48, 192] }])
    const s = await ort.InferenceSession.create(model.bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 })
    s.inputMetadata.forEach((m, i) =>
      expect(m).toMatchObject({ type: model.inputs[i]!.dtype, shape: model.inputs[i]!.shape }),
    )
    const x = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 3 * 48 * 192 }, (_, i) => Math.sin(i)),
      [1, 3, 48, 192],
    )
    const out = await s.run({ x })
    expect(out.logits!.dims).toEqual([1, 2])
    const probs = Array.from(out.probs!.data as Float32Array)
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
    await s.release()
  })

  test('any size and depth: a 640×480 detector-sized input with three convolutions', async () => {
    const model = convClassifierModel({ height: 480, width: 640, channels: [4, 8, 8], classes: 5 })
    const s = await ort.InferenceSession.create(model.bytes)
    const out = await s.run({
      x: new ort.Tensor('float32', new Float32Array(3 * 480 * 640).fill(0.25), [1, 3, 480, 640]),
    })
    expect(out.probs!.dims).toEqual([1, 5])
    await s.release()
  })

  test('same seed same bytes, another seed other weights', () => {
    expect(convClassifierModel({ seed: 3 }).bytes).toEqual(convClassifierModel({ seed: 3 }).bytes)
    expect(convClassifierModel({ seed: 3 }).bytes).not.toEqual(convClassifierModel({ seed: 4 }).bytes)
  })

  test('refuses sizes and channel lists it cannot build', () => {
    expect(() => convClassifierModel({ height: 0 })).toThrowError(/height/)
    expect(() => convClassifierModel({ channels: [] })).toThrowError(/channels/)
    expect(() => convClassifierModel({ channels: [8, 2.5] })).toThrowError(/channels/)
  })
})
