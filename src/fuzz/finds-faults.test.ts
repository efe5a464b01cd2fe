/**
 * Each ready-made property finds every fault it targets, within its default number of runs, for every seed tried.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { identityModel, matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel, LoadOptions } from '../device/types.js'
import { runFuzz } from './run.js'
import type { FuzzPropertyName } from './types.js'

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
const linear = matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes
const image = identityModel({ dtype: 'float32', shape: [1, 4, 4, 3] }).bytes
const devices: Device[] = []
afterAll(async () => {
  for (const d of devices) await d.dispose()
})

async function findsOnEverySeed(
  spec: string,
  bytes: Uint8Array,
  property: FuzzPropertyName,
  load: LoadOptions = {},
): Promise<void> {
  const device = await openDevice(spec)
  devices.push(device)
  const model = await device.load(bytes, load)
  for (const seed of SEEDS) {
    const result = await runFuzz(model, { properties: [property], seed })
    expect(result.failure?.property, `${spec}, seed ${seed}`).toBe(property)
    expect(result.failure!.casesRun).toBeLessThanOrEqual(50)
  }
}

describe('each property finds the faults it targets on every seed', () => {
  test.each(['random', 'bitflip', 'garbage-input'])('repeatable finds %s', async (fault) => {
    await findsOnEverySeed(`faulty:${fault}`, linear, 'repeatable')
  })

  test.each(['stale', 'alternating', 'first-run'])(
    'frame-order finds %s (each schedule on a fresh load)',
    async (fault) => {
      await findsOnEverySeed(`faulty:${fault}`, linear, 'frame-order')
    },
  )

  test.each([
    ['a vector', linear],
    ['an image', image],
  ] as const)('format-paths finds wrong-format on %s input', async (_what, bytes) => {
    await findsOnEverySeed('faulty:wrong-format', bytes, 'format-paths')
  })

  test.each([
    ['wrong-format', 'faulty:wrong-format', {}],
    ['wrong-format on a float ONNX input', 'faulty:wrong-format,inner=onnx', {}],
    ['skip-normalization', 'faulty:skip-normalization', { normalization: { mean: [120], std: [60] } }],
    ['skip-normalization on a float ONNX input', 'faulty:skip-normalization,inner=onnx', {}],
  ] as const)('encodings finds %s', async (_what, spec, load) => {
    await findsOnEverySeed(spec, image, 'encodings', load)
  })

  test('parity finds a planted shift that only saturated pixels trigger', async () => {
    const device = await openDevice('emulator')
    devices.push(device)
    const healthy = await device.load(linear)
    const planted: InferableModel = {
      inputs: healthy.inputs,
      outputs: healthy.outputs,
      async infer(inputs) {
        const out = await healthy.infer(inputs)
        const x = (inputs as Record<string, { data: Uint8Array }>).x!.data
        if (x.some((v) => v === 255)) (out.y!.data as Float32Array)[2]! += 10
        return out
      },
    }
    const base = { data: new Uint8Array([50, 60, 70, 80, 90, 100, 110, 120]), shape: [1, 8], dtype: 'uint8' as const }
    for (const seed of SEEDS) {
      const result = await runFuzz(planted, { properties: ['parity'], reference: linear, input: base, seed })
      expect(result.failure?.property, `seed ${seed}`).toBe('parity')
      expect(result.failure!.difference!.largest).toMatchObject({ output: 'y', index: [0, 2] })
    }
  })
})
