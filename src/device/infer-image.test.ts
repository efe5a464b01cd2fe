import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { setConfig } from '../config.js'
import { InvalidArgumentError } from '../errors.js'
import { loadImage } from '../inputs/image.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { useDeviceDefaults } from './defaults.js'
import { EchoDevice, EchoModel, Y } from './test-support/echo-device.js'

const scene = fileURLToPath(new URL('../inputs/testdata/scene-40x30.png', import.meta.url))
const IMAGE: TensorInfo = { name: 'image', shape: [1, 8, 8, 3], dtype: 'uint8', layout: 'NHWC' }

/** A model with an image input that records the pixels its backend received. */
function imageModel(): { model: EchoModel; seen: Tensor[] } {
  const device = new EchoDevice('echo')
  const model = new EchoModel({ device, source: 'image-model', inputs: [IMAGE], outputs: [Y], fingerprint: 'f' })
  const seen: Tensor[] = []
  model.behave = (inputs) => {
    seen.push(inputs.image!)
    return { y: { data: new Float32Array(4), shape: [1, 4], dtype: 'float32' } }
  }
  return { model, seen }
}

afterEach(() => {
  setConfig({ image: {} })
})

describe('infer(path, { image })', () => {
  test('feeds exactly the pixels loadImage gives with the same image options, not the default ones', async () => {
    const { model, seen } = imageModel()
    await model.infer(scene, { image: { resize: 'cv2-bilinear', channels: 'bgr' } })
    await model.infer({ image: scene }, { image: { resize: 'cv2-bilinear', channels: 'bgr' } })
    const cv2 = await loadImage(scene, IMAGE, { resize: 'cv2-bilinear', channels: 'bgr' })
    const sharp = await loadImage(scene, IMAGE)
    expect(Buffer.from(cv2.data as Uint8Array).equals(Buffer.from(sharp.data as Uint8Array))).toBe(false)
    expect(seen.map((t) => Array.from(t.data as Uint8Array))).toEqual([
      Array.from(cv2.data as Uint8Array),
      Array.from(cv2.data as Uint8Array),
    ])
  })

  test("uses the image option its device was opened with (the plugin's, through openDevice) when the call gives none; the call's own replaces it", async () => {
    const { model, seen } = imageModel()
    useDeviceDefaults(model.device, { image: { resize: 'cv2-bilinear' } })
    await model.infer(scene)
    await model.infer(scene, { image: {} })
    expect(Array.from(seen[0]!.data as Uint8Array)).toEqual(
      Array.from((await loadImage(scene, IMAGE, { resize: 'cv2-bilinear' })).data as Uint8Array),
    )
    expect(Array.from(seen[1]!.data as Uint8Array)).toEqual(
      Array.from((await loadImage(scene, IMAGE)).data as Uint8Array),
    )
  })

  test('refuses an unknown image option before the backend runs, naming the valid ones', async () => {
    const { model } = imageModel()
    await expect(model.infer(scene, { image: { resise: 'cv2-bilinear' } as never })).rejects.toThrow(
      InvalidArgumentError,
    )
    await expect(model.infer(scene, { image: { resise: 'cv2-bilinear' } as never })).rejects.toThrow(
      /Unknown key "resise" in infer option image; expected some of: resize, kernel, fit, channels, alpha, background/,
    )
    await expect(model.infer(scene, { image: 'cv2' as never })).rejects.toThrow(InvalidArgumentError)
    expect(model.stats.calls).toBe(0)
  })

  test('refuses a run-wide image option that is not valid', () => {
    expect(() => setConfig({ image: { channels: 'BGR' } as never })).toThrow(
      /Expected one of 'rgb', 'bgr' for image option channels/,
    )
  })
})
