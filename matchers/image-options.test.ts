import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { getConfig, setConfig } from '../src/config.js'
import type { InferableModel } from '../src/device/types.js'
import { InvalidArgumentError } from '../src/errors.js'
import { loadImage, type ImageOptions } from '../src/inputs/image.js'
import type { Tensor, TensorInfo, TensorMap } from '../src/tensor/types.js'
import './index.js'
import { failureOf } from './test-support/failures.js'

const testdata = (name: string): string => fileURLToPath(new URL(`../src/inputs/testdata/${name}`, import.meta.url))
const scene = testdata('scene-40x30.png')
const photo = testdata('photo-64x48.jpg')
const PIXELS: TensorInfo = { name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }
const FLOATS: TensorInfo = { ...PIXELS, dtype: 'float32', shape: [1, 3, 8, 8], layout: 'NCHW' }
const CV2: ImageOptions = { resize: 'cv2-bilinear' }

/** A deterministic model (output: the sum of its pixels) that records every input it was given. */
function recordingModel(input: TensorInfo = PIXELS): InferableModel & { seen: Tensor[] } {
  const seen: Tensor[] = []
  return {
    inputs: [input],
    outputs: [{ name: 'y', shape: [1, 1], dtype: 'float32', layout: 'NC' }],
    seen,
    async infer(feeds: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
      seen.push(feeds.image!)
      const sum = Array.from(feeds.image!.data as ArrayLike<number>).reduce((a, b) => a + b, 0)
      return { y: { data: new Float32Array([sum]), shape: [1, 1], dtype: 'float32' } }
    },
  }
}

const pixels = (t: Tensor | undefined): number[] => Array.from((t?.data ?? []) as ArrayLike<number>)
const loaded = async (path: string, info: TensorInfo = PIXELS, options?: ImageOptions): Promise<number[]> =>
  pixels(await loadImage(path, info, options))

let folder: string
const previousArtifactsDir = getConfig().artifactsDir
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vh-image-options-'))
  await copyFile(scene, join(folder, 'a.png'))
  await copyFile(photo, join(folder, 'b.jpg'))
  setConfig({ artifactsDir: join(folder, 'artifacts') })
})
afterAll(async () => {
  setConfig({ artifactsDir: previousArtifactsDir })
  await rm(folder, { recursive: true, force: true })
})
afterEach(() => {
  // The library defaults again (an empty image option is "loadImage's defaults").
  setConfig({ image: {} })
})

describe('toBeDeterministicAcross({ image })', () => {
  test('runs on exactly the pixels loadImage gives with those options, which differ from the default ones', async () => {
    const model = recordingModel()
    await expect(model).toBeDeterministicAcross(2, { input: scene, image: CV2 })
    const cv2 = await loaded(scene, PIXELS, CV2)
    expect(cv2).not.toEqual(await loaded(scene))
    expect(model.seen.map(pixels)).toEqual([cv2, cv2])
  })

  test('loads every sample of a folder with them', async () => {
    const model = recordingModel()
    await expect(model).toBeDeterministicAcross(1, {
      inputs: folder,
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    })
    expect(model.seen.map(pixels)).toEqual([
      await loaded(scene, PIXELS, { resize: 'cv2-bilinear', channels: 'bgr' }),
      await loaded(photo, PIXELS, { resize: 'cv2-bilinear', channels: 'bgr' }),
    ])
  })

  test("uses the plugin-wide image option when the matcher gives none; the matcher's own replaces it", async () => {
    setConfig({ image: CV2 })
    const model = recordingModel()
    await expect(model).toBeDeterministicAcross(1, { input: scene })
    await expect(model).toBeDeterministicAcross(1, { input: scene, image: {} })
    expect(model.seen.map(pixels)).toEqual([await loaded(scene, PIXELS, CV2), await loaded(scene)])
  })

  test('refuses an unknown image option, naming the valid ones', async () => {
    const model = recordingModel()
    const run = expect(model).toBeDeterministicAcross(1, { input: scene, image: { resise: 'cv2-bilinear' } as never })
    await expect(run).rejects.toThrow(InvalidArgumentError)
    await expect(
      expect(model).toBeDeterministicAcross(1, { input: scene, image: { resise: 'cv2-bilinear' } as never }),
    ).rejects.toThrow(
      /Unknown key "resise" in toBeDeterministicAcross option image; expected some of: resize, kernel, fit, channels, alpha, background/,
    )
    expect(model.seen).toEqual([])
  })
})

describe('toMatchOnnxWithin({ image })', () => {
  test('feeds the model and the reference the pixels loadImage gives with those options', async () => {
    const model = recordingModel()
    const reference = recordingModel(FLOATS)
    await expect(model).toMatchOnnxWithin(reference, { input: scene, image: CV2, tolerance: { atol: 0 } })
    expect(pixels(model.seen[0])).toEqual(await loaded(scene, PIXELS, CV2))
    expect(pixels(reference.seen[0])).not.toEqual(await loaded(scene, FLOATS))
    // The reference takes NCHW floats: the same pixel values, transposed.
    expect(pixels(reference.seen[0])).toEqual(await loaded(scene, FLOATS, CV2))
  })

  test('loads every sample of a folder with them, on both sides', async () => {
    const model = recordingModel()
    const reference = recordingModel(FLOATS)
    await expect(model).toMatchOnnxWithin(reference, { inputs: folder, image: CV2, tolerance: { atol: 0 } })
    expect(model.seen.map(pixels)).toEqual([await loaded(scene, PIXELS, CV2), await loaded(photo, PIXELS, CV2)])
    expect(reference.seen.map(pixels)).toEqual([await loaded(scene, FLOATS, CV2), await loaded(photo, FLOATS, CV2)])
  })

  test("uses the plugin-wide image option when the matcher gives none; the matcher's own replaces it", async () => {
    setConfig({ image: CV2 })
    const model = recordingModel()
    const reference = recordingModel(FLOATS)
    await expect(model).toMatchOnnxWithin(reference, { input: scene, tolerance: { atol: 0 } })
    await expect(model).toMatchOnnxWithin(reference, { input: scene, image: {}, tolerance: { atol: 0 } })
    expect(model.seen.map(pixels)).toEqual([await loaded(scene, PIXELS, CV2), await loaded(scene)])
    expect(reference.seen.map(pixels)).toEqual([await loaded(scene, FLOATS, CV2), await loaded(scene, FLOATS)])
  })

  test('refuses an unknown image option, naming the valid ones', async () => {
    const model = recordingModel()
    await expect(
      expect(model).toMatchOnnxWithin(recordingModel(FLOATS), {
        input: scene,
        image: { chanels: 'bgr' } as never,
        tolerance: { atol: 0 },
      }),
    ).rejects.toThrow(
      'Unknown key "chanels" in toMatchOnnxWithin option image; expected some of: resize, kernel, fit, channels, alpha, background',
    )
    expect(model.seen).toEqual([])
  })
})

describe('the image options are recorded where a failure is replayed from', () => {
  const summaryOf = async (message: string): Promise<Record<string, unknown>> => {
    const folder = /\nArtifacts: (.+?) \(/.exec(message)?.[1]
    if (folder === undefined) throw new Error(`no artifact folder in:\n${message}`)
    return JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8')) as Record<string, unknown>
  }
  /** A model whose output changes on every run: every determinism check fails. */
  const flaky = (): InferableModel => {
    let calls = 0
    return {
      ...recordingModel(),
      async infer() {
        return { y: { data: new Float32Array([calls++]), shape: [1, 1], dtype: 'float32' } }
      },
    }
  }
  const EXPECTED = { resize: 'cv2-bilinear', fit: 'fill', channels: 'bgr', alpha: 'remove', background: [0, 0, 0] }

  test('toBeDeterministicAcross: in the Input line, pasteable, and in summary.json (defaults filled in)', async () => {
    const message = await failureOf(
      expect(flaky()).toBeDeterministicAcross(2, { input: scene, image: { resize: 'cv2-bilinear', channels: 'bgr' } }),
    )
    expect(message).toMatch(
      /\nInput: .*scene-40x30\.png, loaded with image: \{ resize: 'cv2-bilinear', fit: 'fill', channels: 'bgr', alpha: 'remove', background: \[0, 0, 0\] \}\n/,
    )
    expect((await summaryOf(message)).image).toEqual(EXPECTED)
  })

  test('toMatchOnnxWithin: the same, and the defaults in full when no option was given', async () => {
    const message = await failureOf(
      expect(recordingModel()).toMatchOnnxWithin(flaky(), { inputs: folder, tolerance: { atol: 0 } }),
    )
    expect(message).toContain(
      "\nInput: 2 samples, loaded with image: { resize: 'sharp', kernel: 'lanczos3', fit: 'fill', channels: 'rgb', alpha: 'remove', background: [0, 0, 0] }\n",
    )
    expect((await summaryOf(message)).image).toEqual({
      resize: 'sharp',
      kernel: 'lanczos3',
      fit: 'fill',
      channels: 'rgb',
      alpha: 'remove',
      background: [0, 0, 0],
    })
  })

  test('nothing is said about images when no image file was read', async () => {
    const message = await failureOf(expect(flaky()).toBeDeterministicAcross(2, { input: new Uint8Array(8 * 8 * 3) }))
    expect(message).not.toContain('loaded with image')
    expect((await summaryOf(message)).image).toBeUndefined()
  })
})
