import { readFile } from 'node:fs/promises'
import ort from 'onnxruntime-node'
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'
import { FIXTURE_SIZE } from './convnext/fixture-classifier.js'
import { normalizeImage } from './normalize.js'
import { rotateCounterClockwise, SAMPLE_IMAGES, sampleClass, toGray } from './sample-images.js'
import { boxDownsample, drawScene } from './scenes.js'

const ROOT = new URL('../../../', import.meta.url)
const S = FIXTURE_SIZE
let model: ort.InferenceSession

beforeAll(async () => {
  model = await ort.InferenceSession.create(
    new Uint8Array(await readFile(new URL('examples/models/convnext-tiny.onnx', ROOT))),
    { intraOpNumThreads: 1, interOpNumThreads: 1 },
  )
})

/** Load as a correct loader does (EXIF applied, alpha dropped, gray → RGB, resized to the input), then classify. */
async function classify(
  file: string,
  options: { applyExif?: boolean; kernel?: 'lanczos3' | 'linear' } = {},
): Promise<{ top1: number; confidence: number }> {
  let image = sharp(await readFile(new URL(`examples/images/${file}`, ROOT)))
  if (options.applyExif !== false) image = image.rotate()
  const pixels = await image
    .removeAlpha()
    .toColourspace('srgb')
    .resize(S, S, { fit: 'fill', kernel: options.kernel ?? 'lanczos3' })
    .raw()
    .toBuffer()
  const probs = (
    await model.run({
      input: new ort.Tensor('float32', Float32Array.from(normalizeImage({ width: S, height: S, pixels })), [
        1,
        3,
        S,
        S,
      ]),
    })
  ).probs!.data as Float32Array
  let top1 = 0
  for (let i = 1; i < probs.length; i++) if ((probs[i] as number) > (probs[top1] as number)) top1 = i
  return { top1, confidence: probs[top1] as number }
}

describe('sample images', () => {
  test('labels.json lists every sample image with its class', async () => {
    const labels = JSON.parse(await readFile(new URL('examples/images/labels.json', ROOT), 'utf8')) as Record<
      string,
      { class: number }
    >
    expect(Object.keys(labels)).toEqual(SAMPLE_IMAGES.map((s) => s.file))
    for (const s of SAMPLE_IMAGES) expect(labels[s.file]!.class).toBe(sampleClass(s))
  })

  for (const sample of SAMPLE_IMAGES) {
    test(`${sample.file} is classified as class ${sampleClass(sample)} at ≥ 99 % when loaded correctly`, async () => {
      for (const kernel of ['lanczos3', 'linear'] as const) {
        const { top1, confidence } = await classify(sample.file, { kernel })
        expect(top1, kernel).toBe(sampleClass(sample))
        expect(confidence, kernel).toBeGreaterThan(0.99)
      }
    })
  }

  test('the EXIF-rotated image gives another class when its orientation is ignored', async () => {
    const meta = await sharp(await readFile(new URL('examples/images/flag-exif-rotated.jpg', ROOT))).metadata()
    expect(meta.orientation).toBe(6)
    const ignored = await classify('flag-exif-rotated.jpg', { applyExif: false })
    expect(ignored.top1).not.toBe(0)
  })
})

describe('scene and image helpers', () => {
  test('rotating counter-clockwise moves the top-right pixel to the top-left', () => {
    const image = { width: 2, height: 1, pixels: new Uint8Array([1, 1, 1, 2, 2, 2]) }
    expect(rotateCounterClockwise(image)).toEqual({ width: 1, height: 2, pixels: new Uint8Array([2, 2, 2, 1, 1, 1]) })
  })

  test('a scene drawn at twice the size and box-downsampled is close to the scene drawn directly', () => {
    const direct = drawScene('rings', 64),
      down = boxDownsample(drawScene('rings', 128), 2)
    let sum = 0
    for (let i = 0; i < direct.pixels.length; i++)
      sum += Math.abs((direct.pixels[i] as number) - (down.pixels[i] as number))
    expect(sum / direct.pixels.length).toBeLessThan(2)
  })

  test('gray conversion uses BT.601 luma', () => {
    expect(Array.from(toGray({ width: 2, height: 1, pixels: new Uint8Array([255, 0, 0, 255, 255, 255]) }))).toEqual([
      76, 255,
    ])
  })

  test('refuses an unknown scene, a bad size and a factor that does not divide', () => {
    expect(() => drawScene('moon' as never, 8)).toThrow(/Expected one of sun.*received moon/)
    expect(() => drawScene('sun', 0)).toThrow(/positive integer for width/)
    expect(() => boxDownsample(drawScene('sun', 10), 3)).toThrow(/factor dividing 10×10/)
    expect(() => normalizeImage({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow(/Expected 12 bytes/)
  })
})
