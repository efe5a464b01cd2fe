import { readFile } from 'node:fs/promises'
import ort from 'onnxruntime-node'
import { beforeAll, describe, expect, test } from 'vitest'
import { normalizeImage } from '../normalize.js'
import { drawScene, SCENE_CLASSES, SCENE_NAMES, type RgbImage } from '../scenes.js'
import { seededWeights } from '../weights.js'
import { FIXTURE_SIZE, fixtureClassifierWeights } from './fixture-classifier.js'
import { convNextGraph } from './graph.js'
import { referenceLogits } from './reference.js'
import { randomConvNextWeights } from './weights.js'

const MODELS = new URL('../../../../examples/models/', import.meta.url)
const S = FIXTURE_SIZE
type Level = 'all' | 'disabled'

async function session(source: string | Uint8Array, level: Level = 'all') {
  const bytes = typeof source === 'string' ? new Uint8Array(await readFile(new URL(source, MODELS))) : source
  return ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: level,
  })
}

const floatInput = (image: RgbImage) =>
  new ort.Tensor('float32', Float32Array.from(normalizeImage(image)), [1, 3, S, S])
const noise = (seed: number): RgbImage => ({
  width: S,
  height: S,
  pixels: Uint8Array.from(seededWeights(seed).uniform(S * S * 3, 1), (v) => Math.round((v + 1) * 127.5)),
})
const argmax = (a: ArrayLike<number>) => {
  let best = 0
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[best] as number)) best = i
  return best
}
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)))
  return m
}

const images: [string, RgbImage][] = [
  ...SCENE_NAMES.map((n): [string, RgbImage] => [n, drawScene(n, S)]),
  ['noise 1', noise(1)],
  ['noise 2', noise(2)],
]

describe('ConvNeXt-like fixture classifier: LayerNorm as one op vs decomposed', () => {
  for (const level of ['all', 'disabled'] as const) {
    test(`agree within 1e-4 but not bit for bit, same top-1 (optimization ${level}, 1 thread)`, async () => {
      const op = await session('convnext-tiny.onnx', level)
      const decomposed = await session('convnext-tiny-decomposed-ln.onnx', level)
      let anyDifferentBits = false
      for (const [name, image] of images) {
        const a = await op.run({ input: floatInput(image) })
        const b = await decomposed.run({ input: floatInput(image) })
        for (const output of ['logits', 'probs']) {
          const x = a[output]!.data as Float32Array,
            y = b[output]!.data as Float32Array
          expect(maxAbsDiff(x, y), `${name} ${output}`).toBeLessThan(1e-4)
          if (
            !Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength))
          )
            anyDifferentBits = true
        }
        expect(argmax(b.probs!.data as Float32Array), name).toBe(argmax(a.probs!.data as Float32Array))
      }
      expect(anyDifferentBits).toBe(true)
    })
  }

  test('the decomposed graph really holds no LayerNormalization node and the other one does', async () => {
    const op = Buffer.from(await readFile(new URL('convnext-tiny.onnx', MODELS)))
    const decomposed = Buffer.from(await readFile(new URL('convnext-tiny-decomposed-ln.onnx', MODELS)))
    expect(op.includes('LayerNormalization')).toBe(true)
    expect(decomposed.includes('LayerNormalization')).toBe(false)
    expect(decomposed.includes('ReduceMean')).toBe(true)
  })
})

describe('ConvNeXt-like fixture classifier: behaviour', () => {
  let weights: ReturnType<typeof fixtureClassifierWeights>
  beforeAll(() => {
    weights = fixtureClassifierWeights()
  })

  test('ONNX Runtime computes what an independent float64 implementation computes (logits within 1e-4)', async () => {
    const s = await session('convnext-tiny.onnx')
    for (const [name, image] of images.slice(0, 3).concat(images.slice(-1))) {
      const logits = (await s.run({ input: floatInput(image) })).logits!.data as Float32Array
      expect(maxAbsDiff(logits, referenceLogits(weights, normalizeImage(image))), name).toBeLessThan(1e-4)
    }
  })

  test('each scene lands on its own class at ≥ 99.5 %; noise on varied classes, mostly unconfident', async () => {
    const s = await session('convnext-tiny.onnx')
    for (const scene of SCENE_NAMES) {
      const probs = (await s.run({ input: floatInput(drawScene(scene, S)) })).probs!.data as Float32Array
      expect(argmax(probs), scene).toBe(SCENE_CLASSES[scene])
      expect(probs[SCENE_CLASSES[scene]], scene).toBeGreaterThan(0.995)
    }
    const confidences: number[] = [],
      classes = new Set<number>()
    for (let seed = 0; seed < 10; seed++) {
      const probs = (await s.run({ input: floatInput(noise(seed)) })).probs!.data as Float32Array
      classes.add(argmax(probs))
      confidences.push(Math.max(...probs))
    }
    expect(classes.size).toBeGreaterThanOrEqual(3)
    expect(confidences.sort((a, b) => a - b)[5]).toBeLessThan(0.5)
  })

  test('the uint8 NHWC variant on raw pixels matches the float model on host-normalized pixels', async () => {
    const float = await session('convnext-tiny.onnx')
    const raw = await session('convnext-tiny-uint8-nhwc.onnx')
    expect(raw.inputMetadata[0]).toMatchObject({ name: 'image', type: 'uint8', shape: [1, S, S, 3] })
    for (const [name, image] of images) {
      const a = (await float.run({ input: floatInput(image) })).probs!.data as Float32Array
      const b = (await raw.run({ image: new ort.Tensor('uint8', image.pixels, [1, S, S, 3]) })).probs!
        .data as Float32Array
      expect(maxAbsDiff(a, b), name).toBeLessThan(1e-4)
      expect(argmax(b), name).toBe(argmax(a))
    }
  })

  test('with a symbolic batch, each row of a batch matches its single run', async () => {
    const model = convNextGraph(weights, { batch: 'batch', layerNorm: 'decomposed' })
    expect(model.inputs[0]!.shape).toEqual(['batch', 3, S, S])
    const s = await session(model.bytes)
    const a = floatInput(images[0]![1]).data as Float32Array,
      b = floatInput(images[3]![1]).data as Float32Array
    const batch = new Float32Array(a.length * 2)
    batch.set(a)
    batch.set(b, a.length)
    const both = (await s.run({ input: new ort.Tensor('float32', batch, [2, 3, S, S]) })).probs!.data as Float32Array
    const single = (await s.run({ input: new ort.Tensor('float32', b, [1, 3, S, S]) })).probs!.data as Float32Array
    expect(maxAbsDiff(both.subarray(67), single)).toBeLessThan(1e-6)
  })

  test('refuses unknown variants and sizes the network cannot divide', () => {
    const small = randomConvNextWeights(1, { size: 8, stages: [{ dim: 4, depth: 1 }], classes: 3 })
    expect(() => convNextGraph(small, { layerNorm: 'fused' as never })).toThrow(/'op' or 'decomposed' for layerNorm/)
    expect(() => convNextGraph(small, { input: 'uint16' as never })).toThrow(/for input/)
    expect(() => randomConvNextWeights(1, { size: 30 })).toThrow(/multiple of 8/)
    expect(() => randomConvNextWeights(1, { stages: [] })).toThrow(/at least one stage/)
  })
})
