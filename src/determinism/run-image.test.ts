import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { InferableModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { loadImage, type ImageOptions } from '../inputs/image.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { runDeterminism } from './run.js'

const testdata = (name: string): string => fileURLToPath(new URL(`../inputs/testdata/${name}`, import.meta.url))
const scene = testdata('scene-40x30.png')
const photo = testdata('photo-64x48.jpg')
const IMAGE: TensorInfo = { name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }
const CV2: ImageOptions = { resize: 'cv2-bilinear', channels: 'bgr' }

/** A deterministic model with an image input that records every input it was given, as bytes. */
function recordingModel(): InferableModel & { seen: number[][] } {
  const seen: number[][] = []
  return {
    inputs: [IMAGE],
    outputs: [{ name: 'y', shape: [1, 1], dtype: 'float32', layout: 'NC' }],
    seen,
    async infer(feeds: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
      const px = feeds.image!.data as Uint8Array
      seen.push(Array.from(px))
      return { y: { data: new Float32Array([px.reduce((a, b) => a + b, 0)]), shape: [1, 1], dtype: 'float32' } }
    },
  }
}

const bytes = async (path: string, options?: ImageOptions): Promise<number[]> =>
  Array.from((await loadImage(path, IMAGE, options)).data as Uint8Array)

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'determinism-image-'))
  await copyFile(scene, join(folder, 'a.png'))
  await copyFile(photo, join(folder, 'b.jpg'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('runDeterminism with image options', () => {
  test('runs on exactly the pixels loadImage gives with those options (not the default ones)', async () => {
    const model = recordingModel()
    const r = await runDeterminism(model, { runs: 2, input: scene, image: CV2 })
    const expected = await bytes(scene, CV2)
    expect(expected).not.toEqual(await bytes(scene))
    expect(model.seen).toEqual([expected, expected])
    expect(Array.from(r.input.image!.data as Uint8Array)).toEqual(expected)
  })

  test('applies them to every sample of a folder, to a record by input name and to interleaved paths', async () => {
    const model = recordingModel()
    await runDeterminism(model, { runs: 1, inputs: folder, image: CV2 })
    expect(model.seen).toEqual([await bytes(scene, CV2), await bytes(photo, CV2)])

    const other = recordingModel()
    await runDeterminism(other, { runs: 1, input: { image: scene }, interleave: [photo], image: CV2 })
    // Interleaved input first, then the counted run.
    expect(other.seen).toEqual([await bytes(photo, CV2), await bytes(scene, CV2)])
  })

  test('keeps the default loading without the option', async () => {
    const model = recordingModel()
    await runDeterminism(model, { runs: 1, input: scene })
    expect(model.seen).toEqual([await bytes(scene)])
  })

  test('refuses an unknown image option before running, naming the valid ones', async () => {
    const model = recordingModel()
    await expect(
      runDeterminism(model, { runs: 1, input: scene, image: { resise: 'cv2-bilinear' } as never }),
    ).rejects.toThrow(InvalidArgumentError)
    await expect(
      runDeterminism(model, { runs: 1, input: scene, image: { resise: 'cv2-bilinear' } as never }),
    ).rejects.toThrow(
      'Unknown key "resise" in runDeterminism option image; expected some of: resize, kernel, fit, channels, alpha, background',
    )
    await expect(runDeterminism(model, { runs: 1, image: { fit: 'stretch' } as never })).rejects.toThrow(
      /image option fit/,
    )
    expect(model.seen).toEqual([])
  })
})
