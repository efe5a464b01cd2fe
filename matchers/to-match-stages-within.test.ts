import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import './index.js'
import { openDevice } from '../src/device/open.js'
import type { Device, LoadedModel } from '../src/device/types.js'
import { writeNpy } from '../src/inputs/npy.js'
import { resolveInputs } from '../src/inputs/resolve.js'
import { failureOf } from './test-support/failures.js'

const MODEL = 'examples/models/convnext-tiny.onnx'
const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
const IMAGES = ['sun.png', 'rings.jpg'].map((f) => `examples/images/${f}`)
const devices: Device[] = []
let dir: string, native: string

async function load(spec: string): Promise<LoadedModel> {
  const d = await openDevice(spec)
  devices.push(d)
  return d.load(MODEL, { normalization: NORM })
}
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stages-matcher-'))
  native = join(dir, 'native')
  const onnx = await load('onnx')
  for (const image of IMAGES) {
    const out = await onnx.infer(await resolveInputs(onnx.inputs, image))
    const stem = image
      .split('/')
      .at(-1)!
      .replace(/\.\w+$/, '')
    await mkdir(join(native, stem), { recursive: true })
    for (const [k, t] of Object.entries(out)) await writeNpy(join(native, stem, `${k}.npy`), t)
  }
})
afterAll(async () => {
  for (const d of devices) await d.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('toMatchStagesWithin', () => {
  test('passes when every step is within the tolerance', async () => {
    await expect(await load('emulator')).toMatchStagesWithin(
      { onnx: MODEL, native, quantized: 'emulator' },
      { inputs: IMAGES, normalization: NORM, tolerance: { top1: true, cosine: 0.99 } },
    )
  })

  test('fails with a table of the steps that names the first one to break', async () => {
    const chip = await load('faulty:garbage-input,seed=5')
    const message = await failureOf(
      expect(chip).toMatchStagesWithin(
        { onnx: MODEL, native, quantized: 'emulator' },
        { inputs: IMAGES, normalization: NORM, tolerance: { top1: true, cosine: 0.99 } },
      ),
    )
    expect(message).toContain('Expected: "every step within cosine ≥ 0.99, top-1 agrees in every row"')
    expect(message).toContain('Received: "quantized → chip * breaks first (compilation, runtime or host format path)"')
    expect(message).toMatch(
      /step\s+what can break here\s+max \|Δ\|\s+max steps\s+cosine \(min\)\s+top-1 rows\s+verdict/,
    )
    expect(message).toMatch(/onnx → native\s+parsing \/ translation\s+.*ok/)
    expect(message).toMatch(/quantized → chip \*\s+compilation, runtime or host format path\s+.*FAILED/)
    expect(message).toContain('First broken step, quantized → chip *:')
    expect(message).toContain("* the quantized stage is this package's emulator")
    expect(message).toContain('Samples: 2 samples (examples/images/sun.png, examples/images/rings.jpg)')
    expect(message).toMatch(/Seed: \d+/)
    expect(message).toContain('faulty:garbage-input')
  })

  test('refuses .not, which would name no step', async () => {
    await expect(
      expect(await load('emulator')).not.toMatchStagesWithin(
        { onnx: MODEL },
        { input: IMAGES[0]!, normalization: NORM, tolerance: { cosine: 0.99 } },
      ),
    ).rejects.toThrow('.not.toMatchStagesWithin is refused')
  })
})
