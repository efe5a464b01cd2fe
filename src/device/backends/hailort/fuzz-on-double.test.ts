import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import '../../../../matchers/index.js'
import { plain } from '../../../../matchers/test-support/failures.js'
import { setConfig } from '../../../config.js'
import { runFuzz } from '../../../fuzz/run.js'
import './register.js'
import { writeModel } from './test-support/double.js'
import { useDoubleChip } from './test-support/double-suite.js'

// Fuzzing on the hailo device through the libhailort double: everything from the matcher down to the
// C ABI is the product's code; the double's host-bug switches are the faults fuzzing must find.
const { double, dir, arcface, open } = useDoubleChip()
// A camera model whose input is quantized (not the identity): the float32 path clips and quantizes on
// the host, as HailoRT does, so every generated float input reaches the chip on both paths.
const camera = writeModel(dir, 'camera.hef', {
  groups: [
    {
      name: 'camera',
      vstreams: [
        {
          direction: 'in',
          name: 'camera/in',
          shape: [16, 16, 3],
          quant: { zp: 128, scale: 0.0078125, min: -1, max: 0.9921875 },
        },
        {
          direction: 'out',
          name: 'camera/logits',
          order: 'NC',
          shape: [1, 1, 10],
          quant: { zp: 100, scale: 0.05, min: -5, max: 7.75 },
        },
      ],
    },
  ],
})
beforeAll(() => {
  setConfig({ artifactsDir: join(dir, 'artifacts') })
})

async function failure(run: Promise<void>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof Error)) throw new Error('expected the fuzz check to fail')
  return plain(error.message)
}

describe('format-paths on the hailo device', () => {
  it('holds on the healthy double', async () => {
    await using device = await open()
    await using model = await device.load(camera)
    await expect(model).toSurviveFuzzing({ properties: ['format-paths'], numRuns: 15, seed: 3 })
  })

  it('finds float32 input converted as if it were 0–1 pixels (convert=unit)', async () => {
    await using device = await open()
    await using model = await device.load(camera)
    double.setFaults('convert=unit')
    const message = await failure(
      expect(model).toSurviveFuzzing({ properties: ['format-paths'], numRuns: 15, seed: 3 }),
    )
    expect(message).toMatch(/Received: "format-paths failed on case \d+ of 15/)
    expect(message).toMatch(/\nWhat differed: float32 vs raw/)
    expect(message).toMatch(/\n {2}Greatest absolute difference: [\d.e-]+ at camera\/logits\[0, \d+\]/)
    expect(message).toMatch(/\nDevice: Hailo-8/)
    expect(message).toMatch(/\nReplay: VITEST_HAILO_REPLAY=[A-Za-z0-9_-]+\n/)
  })

  it("finds the float buffer's bytes sent as the frame (convert=bytes)", async () => {
    await using device = await open()
    await using model = await device.load(camera)
    double.setFaults('convert=bytes')
    const message = await failure(
      expect(model).toSurviveFuzzing({ properties: ['format-paths'], numRuns: 15, seed: 3 }),
    )
    expect(message).toMatch(/Received: "format-paths failed on case \d+ of 15/)
  })
})

// The usual pixel-input HEF: uint8 in, identity quantization (scale 1, zero point 0). Its float32 path
// refuses values outside 0–255, so inputs must stay in range for the two paths to be compared at all.
describe('format-paths on an identity-quantized uint8 input (arcface-like)', () => {
  const seeds = [1, 2, 3, 4, 5]

  it('finds float32 input converted as if it were 0–1 pixels (convert=unit) within the default runs, for every seed', async () => {
    await using device = await open()
    await using model = await device.load(arcface)
    double.setFaults('convert=unit')
    for (const seed of seeds) {
      const message = await failure(expect(model).toSurviveFuzzing({ properties: ['format-paths'], seed }))
      expect(message, `seed ${seed}`).toMatch(/Received: "format-paths failed on case \d+ of 50/)
      expect(message, `seed ${seed}`).toMatch(/\nWhat differed: float32 vs raw/)
    }
  })

  it('holds on the healthy double, having compared most cases, for every seed', async () => {
    await using device = await open()
    await using model = await device.load(arcface)
    for (const seed of seeds) {
      const result = await runFuzz(model, { properties: ['format-paths'], seed })
      const outcome = result.properties.find((p) => p.name === 'format-paths')!
      expect(result.passed, `seed ${seed}`).toBe(true)
      expect(outcome.casesCompared, `seed ${seed}`).toBeGreaterThanOrEqual(outcome.casesRun * 0.75)
    }
  })
})

describe('frame-order on the hailo device', () => {
  it('holds on the healthy double', async () => {
    await using device = await open()
    await using model = await device.load(arcface, { format: 'raw' })
    await expect(model).toSurviveFuzzing({ properties: ['frame-order'], numRuns: 15, seed: 5 })
  })

  it("finds the previous frame's output read back (corrupt=stale)", async () => {
    await using device = await open()
    await using model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=stale')
    const message = await failure(expect(model).toSurviveFuzzing({ properties: ['frame-order'], numRuns: 15, seed: 5 }))
    expect(message).toMatch(/Received: "frame-order failed on case \d+ of 15/)
    expect(message).toMatch(/\n {2}Greatest absolute difference: [\d.e-]+ at arcface_mobilefacenet\/fc1\[0, \d+\]/)
    expect(message).toMatch(/\nDevice: Hailo-8/)
  })
})
