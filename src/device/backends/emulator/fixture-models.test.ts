// The emulator and the faults on the project's ConvNeXt-like fixture, end to end from image files:
// what the demo and a model repo's suite rely on.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { argmax } from '../../../tensor/classify.js'
import { openDevice } from '../../open.js'
import type { Device, LoadedModel } from '../../types.js'

const root = new URL('../../../../', import.meta.url).pathname
const MODEL = `${root}examples/models/convnext-tiny.onnx`
const labels = JSON.parse(readFileSync(`${root}examples/images/labels.json`, 'utf8')) as Record<
  string,
  { class: number }
>
const images = ['sun.png', 'checkerboard.png', 'stripes.jpg', 'sunset.png']
const NORMALIZATION = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }

const devices: Device[] = []
let emulated: LoadedModel
beforeAll(async () => {
  const emulator = await openDevice('emulator')
  devices.push(emulator)
  emulated = await emulator.load(MODEL, { normalization: NORMALIZATION })
})
afterAll(async () => {
  for (const d of devices) await d.dispose()
})

async function top1(model: LoadedModel, image: string): Promise<number> {
  return argmax((await model.infer(`${root}examples/images/${image}`)).probs!)
}

test('the emulator reads image files as raw uint8 NCHW pixels and classifies them as labelled', async () => {
  expect(emulated.inputs[0]).toMatchObject({ dtype: 'uint8', layout: 'NCHW', shape: [1, 3, 128, 128] })
  for (const image of images) expect(await top1(emulated, image)).toBe(labels[image]!.class)
})

test('faulty:random turns the same image into a different class on most runs, as in the report', async () => {
  const device = await openDevice('faulty:random,seed=2026')
  devices.push(device)
  const model = await device.load(MODEL, { normalization: NORMALIZATION })
  const classes = []
  for (let run = 0; run < 6; run++) classes.push(await top1(model, 'sun.png'))
  expect(new Set(classes).size).toBeGreaterThan(2)
})

test('faulty:skip-normalization is deterministic but wrong', async () => {
  const device = await openDevice('faulty:skip-normalization,seed=1')
  devices.push(device)
  const model = await device.load(MODEL, { normalization: NORMALIZATION })
  const wrong = []
  for (const image of images) {
    const first = await top1(model, image)
    expect(await top1(model, image)).toBe(first)
    if (first !== labels[image]!.class) wrong.push(image)
  }
  expect(wrong.length).toBeGreaterThan(0)
})
