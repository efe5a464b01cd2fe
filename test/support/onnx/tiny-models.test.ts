import ort from 'onnxruntime-node'
import { describe, expect, test } from 'vitest'
import type { BuiltModel } from './built-model.js'
import { largeOutputModel } from './large-output.js'
import { addModel, classifierModel, identityModel, matmulModel, multiInputModel } from './tiny-models.js'

async function load(model: BuiltModel) {
  const s = await ort.InferenceSession.create(model.bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 })
  // What the model declares is what the returned specs say.
  expect(s.inputNames).toEqual(model.inputs.map((i) => i.name))
  expect(s.outputNames).toEqual(model.outputs.map((o) => o.name))
  s.inputMetadata.forEach((m, i) =>
    expect(m).toMatchObject({ type: model.inputs[i]!.dtype, shape: model.inputs[i]!.shape }),
  )
  return s
}

describe('ready-made tiny models', () => {
  test('identity returns its input unchanged, for uint8 NHWC too', async () => {
    const s = await load(identityModel({ dtype: 'uint8', shape: [1, 2, 2, 3] }))
    const data = Uint8Array.from({ length: 12 }, (_, i) => i * 20)
    const out = await s.run({ input: new ort.Tensor('uint8', data, [1, 2, 2, 3]) })
    expect(out.output!.data).toEqual(data)
  })

  test('add sums two inputs over a dynamic batch', async () => {
    const s = await load(addModel({ shape: ['batch', 2] }))
    const out = await s.run({
      a: new ort.Tensor('float32', new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2]),
      b: new ort.Tensor('float32', new Float32Array(6).fill(1), [3, 2]),
    })
    expect(Array.from(out.sum!.data as Float32Array)).toEqual([2, 3, 4, 5, 6, 7])
  })

  test('matmul is x·W + b with seeded weights: same seed same result, other seed other result', async () => {
    const x = new ort.Tensor('float32', new Float32Array([1, 0, 0, 0, 0, 0, 0, 0]), [1, 8])
    const a = await (await load(matmulModel({ seed: 5 }))).run({ x })
    const b = await (await load(matmulModel({ seed: 5 }))).run({ x })
    const c = await (await load(matmulModel({ seed: 6 }))).run({ x })
    expect(a.y!.data).toEqual(b.y!.data)
    expect(a.y!.data).not.toEqual(c.y!.data)
  })

  test('a classifier with N classes gives logits and probabilities summing to 1, row by row in a batch', async () => {
    const model = classifierModel({ classes: 67, features: 16, batch: 'batch', sharpness: 4 })
    const s = await load(model)
    const features = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i))
    const out = await s.run({ features: new ort.Tensor('float32', features, [2, 16]) })
    expect(out.logits!.dims).toEqual([2, 67])
    const probs = out.probs!.data as Float32Array
    for (const row of [0, 1]) expect(probs.slice(row * 67, row * 67 + 67).reduce((p, v) => p + v, 0)).toBeCloseTo(1, 5)
    const single = await s.run({ features: new ort.Tensor('float32', features.slice(16), [1, 16]) })
    expect(single.probs!.data).toEqual(probs.slice(67))
  })

  test('refuses a classifier with fewer than two classes', () => {
    expect(() => classifierModel({ classes: 1 })).toThrow(/integer ≥ 2 for classes/)
  })

  test('multi-input takes float32 and uint8 inputs and gives two outputs', async () => {
    const s = await load(multiInputModel({ channels: 1, height: 2, width: 2 }))
    const out = await s.run({
      image: new ort.Tensor('float32', new Float32Array([1, 2, 3, 4]), [1, 1, 2, 2]),
      mask: new ort.Tensor('uint8', new Uint8Array([1, 0, 1, 0]), [1, 1, 2, 2]),
    })
    expect(Array.from(out.masked!.data as Float32Array)).toEqual([1, 0, 3, 0])
    expect(Array.from(out.total_per_sample!.data as Float32Array)).toEqual([4])
  })

  test('the large-output model gives 256 KiB per inference', async () => {
    const s = await load(largeOutputModel())
    const out = await s.run({
      input: new ort.Tensor('float32', new Float32Array(3 * 32 * 32).fill(0.5), [1, 3, 32, 32]),
    })
    expect(out.features!.dims).toEqual([1, 64, 32, 32])
    expect((out.features!.data as Float32Array).byteLength).toBe(256 * 1024)
  })
})
