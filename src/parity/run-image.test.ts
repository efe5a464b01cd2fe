import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { InferableModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { loadImage, type ImageOptions } from '../inputs/image.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { runParity } from './run.js'

const testdata = (name: string): string => fileURLToPath(new URL(`../inputs/testdata/${name}`, import.meta.url))
const scene = testdata('scene-40x30.png')
const photo = testdata('photo-64x48.jpg')
const PIXELS: TensorInfo = { name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }
const FLOATS: TensorInfo = { ...PIXELS, dtype: 'float32' }
const CV2: ImageOptions = { resize: 'cv2-bilinear', channels: 'bgr' }

/** A model whose one output is the sum of its pixels, recording every input it was given as numbers. */
function recordingModel(input: TensorInfo): InferableModel & { seen: number[][] } {
  const seen: number[][] = []
  return {
    inputs: [input],
    outputs: [{ name: 'y', shape: [1, 1], dtype: 'float32', layout: 'NC' }],
    seen,
    async infer(feeds: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
      const px = Array.from(feeds.image!.data as ArrayLike<number>)
      seen.push(px)
      return { y: { data: new Float32Array([px.reduce((a, b) => a + b, 0)]), shape: [1, 1], dtype: 'float32' } }
    },
  }
}

const bytes = async (path: string, options?: ImageOptions): Promise<number[]> =>
  Array.from((await loadImage(path, PIXELS, options)).data as Uint8Array)

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parity-image-'))
  await copyFile(scene, join(folder, 'a.png'))
  await copyFile(photo, join(folder, 'b.jpg'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('runParity with image options', () => {
  test('feeds the model and the reference exactly the pixels loadImage gives with those options', async () => {
    const model = recordingModel(PIXELS)
    const reference = recordingModel(FLOATS)
    const r = await runParity(model, reference, { input: scene, image: CV2, tolerance: { atol: 0 } })
    const expected = await bytes(scene, CV2)
    expect(expected).not.toEqual(await bytes(scene))
    expect(model.seen).toEqual([expected])
    expect(reference.seen).toEqual([expected])
    expect(r.pass).toBe(true)
  })

  test('applies them to every sample of a folder, on both sides', async () => {
    const model = recordingModel(PIXELS)
    const reference = recordingModel(FLOATS)
    await runParity(model, reference, { inputs: folder, image: CV2, tolerance: { atol: 0 } })
    const expected = [await bytes(scene, CV2), await bytes(photo, CV2)]
    expect(model.seen).toEqual(expected)
    expect(reference.seen).toEqual(expected)
  })

  test('keeps the default loading without the option', async () => {
    const model = recordingModel(PIXELS)
    const reference = recordingModel(FLOATS)
    await runParity(model, reference, { input: { image: scene }, tolerance: { atol: 0 } })
    expect(model.seen).toEqual([await bytes(scene)])
    expect(reference.seen).toEqual([await bytes(scene)])
  })

  test('refuses an unknown image option before running either side, naming the valid ones', async () => {
    const model = recordingModel(PIXELS)
    const reference = recordingModel(FLOATS)
    await expect(
      runParity(model, reference, { input: scene, image: { chanels: 'bgr' } as never, tolerance: { atol: 0 } }),
    ).rejects.toThrow(
      'Unknown key "chanels" in toMatchOnnxWithin option image; expected some of: resize, kernel, fit, channels, alpha, background',
    )
    await expect(
      runParity(model, reference, { input: scene, image: null as never, tolerance: { atol: 0 } }),
    ).rejects.toThrow(InvalidArgumentError)
    expect(model.seen).toEqual([])
    expect(reference.seen).toEqual([])
  })
})
