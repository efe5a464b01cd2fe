/**
 * No property fails on a healthy device: onnx and emulator, many seeds, the tiny models (one with a
 * dynamic batch, one with two inputs of different dtypes) and the fixture models.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { classifierModel, identityModel, matmulModel, multiInputModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, LoadOptions } from '../device/types.js'
import { readAllsNormalization } from '../parity/alls.js'
import { runFuzz } from './run.js'
import type { FuzzOptions, FuzzResult } from './types.js'

const devices = new Map<string, Device>()
afterAll(async () => {
  for (const d of devices.values()) await d.dispose()
})
async function device(spec: string): Promise<Device> {
  if (!devices.has(spec)) devices.set(spec, await openDevice(spec))
  return devices.get(spec)!
}

function summary(result: FuzzResult): string {
  const f = result.failure
  return f === undefined
    ? 'passed'
    : `${f.property} failed on ${JSON.stringify(f.counterexample)}: ${f.error?.message ?? f.refusal?.encoding ?? JSON.stringify(f.difference?.largest)}`
}

async function passes(
  spec: string,
  bytes: Uint8Array | string,
  seeds: readonly number[],
  options: FuzzOptions,
  load: LoadOptions = {},
): Promise<FuzzResult[]> {
  const model = await (await device(spec)).load(bytes, load)
  const results: FuzzResult[] = []
  try {
    for (const seed of seeds) {
      const result = await runFuzz(model, { reference: bytes, ...options, seed })
      expect(summary(result), `${spec}, seed ${seed}`).toBe('passed')
      // Every model here answers its input: a self-comparison never reports one output for every input.
      const same = result.properties.filter((p) => p.sameOutputForEveryInput !== undefined).map((p) => p.name)
      expect(same, `${spec}, seed ${seed}`).toEqual([])
      results.push(result)
    }
  } finally {
    await model.dispose()
  }
  return results
}

const SEEDS = [1, 2, 3, 4]
const tiny = {
  'a linear layer': { bytes: matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes, options: {} },
  'an image identity': { bytes: identityModel({ dtype: 'float32', shape: [1, 4, 4, 3] }).bytes, options: {} },
  'a classifier with a dynamic batch (batch 3 from the input)': {
    bytes: classifierModel({ classes: 10, batch: 'batch' }).bytes,
    options: {
      input: { data: new Uint8Array(3 * 16).map((_, i) => (i * 37) % 251), shape: [3, 16], dtype: 'uint8' as const },
    },
  },
  'an image identity with dynamic height and width (8×12 by shape)': {
    bytes: identityModel({ dtype: 'float32', shape: [1, 3, 'height', 'width'] }).bytes,
    options: { shape: [1, 3, 8, 12] },
  },
  'two inputs of different dtypes, batch 2 by shape': {
    bytes: multiInputModel({ batch: 'batch', channels: 3, height: 4, width: 4 }).bytes,
    options: { shape: { image: [2, 3, 4, 4], mask: [2, 1, 4, 4] } },
  },
}

describe('no property fails on a healthy device', () => {
  for (const spec of ['onnx', 'emulator']) {
    test.each(Object.entries(tiny))(
      `${spec}: %s, every applicable property, ${SEEDS.length} seeds`,
      async (_what, { bytes, options }) => {
        const [first] = await passes(spec, bytes, SEEDS, { numRuns: 20, ...options })
        const ran = first!.properties.filter((p) => p.status === 'passed').map((p) => p.name)
        expect(ran).toEqual(
          spec === 'onnx'
            ? ['repeatable', 'frame-order', 'encodings', 'parity']
            : ['repeatable', 'frame-order', 'format-paths', 'encodings', 'parity'],
        )
      },
    )
  }

  const fixtures = [
    'convnext-tiny.onnx',
    'convnext-tiny-decomposed-ln.onnx',
    'convnext-tiny-uint8-nhwc.onnx',
    'large-output.onnx',
  ]
  test.each(
    fixtures.flatMap((f) => [
      ['onnx', f],
      ['emulator', f],
    ]),
  )('%s: the fixture model %s', async (spec, file) => {
    await passes(spec, `examples/models/${file}`, [spec === 'onnx' ? 1 : 2], { numRuns: 6 })
  })

  test('emulator: the ConvNeXt-like classifier with its .alls normalization on the chip', async () => {
    const [found] = await readAllsNormalization('examples/models/imagenet_normalization.alls')
    const normalization = { mean: found!.mean, std: found!.std }
    await passes('emulator', 'examples/models/convnext-tiny.onnx', [1, 2], { numRuns: 5 }, { normalization })
  })

  // The onnx device normalizes a float input loaded with normalization: it takes pixels, and feeding it
  // host-normalized values normalized them twice (a false encodings failure on a healthy model).
  test('onnx: the ConvNeXt-like classifier loaded with its normalization (the device normalizes its float input)', async () => {
    const [found] = await readAllsNormalization('examples/models/imagenet_normalization.alls')
    const normalization = { mean: found!.mean, std: found!.std }
    await passes('onnx', 'examples/models/convnext-tiny.onnx', [1, 2], { numRuns: 5 }, { normalization })
  })
})
