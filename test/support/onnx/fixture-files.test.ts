import { readFile } from 'node:fs/promises'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { fixtureFiles, fixtureModels, IMAGES_DIR } from './fixture-files.js'
import { SAMPLE_IMAGES, samplePixels } from './sample-images.js'

const ROOT = new URL('../../../', import.meta.url)
const committed = async (path: string) => readFile(new URL(path, ROOT))

describe('generated fixture files', () => {
  test('the committed models and text files are exactly what the generator makes now', async () => {
    const files = (await fixtureFiles()).filter((f) => !f.path.startsWith(`${IMAGES_DIR}/`) || f.path.endsWith('.json'))
    expect(files.length).toBeGreaterThanOrEqual(6)
    for (const file of files) {
      const onDisk = await committed(file.path).catch(() => undefined)
      expect(onDisk, `${file.path} is missing: run npm run models`).toBeDefined()
      expect(
        Buffer.compare(onDisk!, Buffer.from(file.bytes)),
        `${file.path} is stale: run npm run models and commit it`,
      ).toBe(0)
    }
  })

  test('the committed sample images hold the pixels the generator draws', async () => {
    for (const sample of SAMPLE_IMAGES) {
      const expected = samplePixels(sample)
      const file = await committed(`${IMAGES_DIR}/${sample.file}`)
      expect((await sharp(file).metadata()).channels, `${sample.file} channels stored`).toBe(expected.channels)
      // sharp decodes to sRGB unless told otherwise; the stored channel count is checked just above.
      const decoder = sample.kind === 'gray' ? sharp(file).toColourspace('b-w') : sharp(file)
      const { data, info } = await decoder.raw().toBuffer({ resolveWithObject: true })
      expect([info.width, info.height, info.channels], sample.file).toEqual([
        expected.width,
        expected.height,
        expected.channels,
      ])
      if (sample.format === 'png') {
        expect(Buffer.compare(data, Buffer.from(expected.data)), `${sample.file} pixels`).toBe(0)
      } else {
        let sum = 0
        for (let i = 0; i < data.length; i++) sum += Math.abs((data[i] as number) - (expected.data[i] as number))
        expect(sum / data.length, `${sample.file} mean JPEG error`).toBeLessThan(3)
      }
    }
  })

  test('building the models twice gives the same bytes', () => {
    const first = fixtureModels(),
      second = fixtureModels()
    for (const [name, model] of Object.entries(first)) {
      // Fresh buffers, not the same object twice (checked with === : expect().not.toBe deep-compares on pass, slowly).
      expect(model.bytes === second[name]!.bytes).toBe(false)
      expect(Buffer.compare(Buffer.from(model.bytes), Buffer.from(second[name]!.bytes)), name).toBe(0)
    }
  })

  test('every model stays well under 1 MB', () => {
    for (const [name, model] of Object.entries(fixtureModels())) expect(model.bytes.length, name).toBeLessThan(400_000)
  })
})
