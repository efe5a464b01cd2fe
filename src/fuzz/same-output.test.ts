/**
 * A self-comparison (`repeatable`, `frame-order`) holds on a model whose answer does not depend on its input —
 * and then proves nothing: the engine says so on the property's outcome, and only then.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { classifierModel, constantModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, LoadedModel } from '../device/types.js'
import { runFuzz } from './run.js'
import type { FuzzResult } from './types.js'

const devices = new Map<string, Device>()
const models: LoadedModel[] = []
afterAll(async () => {
  for (const m of models) await m.dispose()
  for (const d of devices.values()) await d.dispose()
})
async function load(spec: string, bytes: Uint8Array | string): Promise<LoadedModel> {
  if (!devices.has(spec)) devices.set(spec, await openDevice(spec))
  const model = await devices.get(spec)!.load(bytes)
  models.push(model)
  return model
}

/** `[property, finding]` for every property that reported one. */
function findings(result: FuzzResult): [string, unknown][] {
  return result.properties.flatMap((p) =>
    p.sameOutputForEveryInput === undefined ? [] : [[p.name, p.sameOutputForEveryInput] as [string, unknown]],
  )
}

const constant = constantModel({ features: 8, seed: 3 }).bytes

describe('sameOutputForEveryInput', () => {
  // garbage-input at rate 1: the device computes on noise, never on the input — and on a model that ignores its
  // input, every run still answers the same bytes, so repeatable holds.
  test.each(['onnx', 'faulty:garbage-input,rate=1,inner=onnx'])(
    'is reported on repeatable and frame-order, which pass, when the model answers the same for every input (%s)',
    async (spec) => {
      const model = await load(spec, constant)
      const result = await runFuzz(model, { properties: ['repeatable', 'frame-order'], numRuns: 20, seed: 4 })
      expect(result.passed).toBe(true)
      const repeatable = result.properties.find((p) => p.name === 'repeatable')!
      expect(repeatable.sameOutputForEveryInput).toEqual({ cases: 20, differentInputs: expect.any(Number) })
      expect(repeatable.sameOutputForEveryInput!.differentInputs).toBeGreaterThanOrEqual(10)
      expect(repeatable.sameOutputForEveryInput!.differentInputs).toBeLessThan(20)
      expect(findings(result).map(([name]) => name)).toEqual(['repeatable', 'frame-order'])
    },
  )

  const linear = classifierModel({ classes: 10, seed: 2 }).bytes
  const fixture = 'examples/models/convnext-tiny.onnx'
  test.each([
    ['onnx', 'a linear classifier', linear],
    ['emulator', 'a linear classifier', linear],
    ['onnx', 'the ConvNeXt-like fixture classifier', fixture],
    ['emulator', 'the ConvNeXt-like fixture classifier', fixture],
  ] as const)(
    'is not reported for a healthy model whose answer follows its input (%s, %s)',
    async (spec, _what, bytes) => {
      const model = await load(spec, bytes)
      for (const seed of [1, 2, 3]) {
        const result = await runFuzz(model, { properties: ['repeatable', 'frame-order'], numRuns: 6, seed })
        expect(result.passed, `seed ${seed}`).toBe(true)
        expect(findings(result), `seed ${seed}`).toEqual([])
      }
    },
  )

  test('is reported on a frame-order that a stale output buffer could not fail, as it gave one answer to all', async () => {
    const model = await load('faulty:stale,inner=onnx', constant)
    const result = await runFuzz(model, { properties: ['frame-order'], numRuns: 20, seed: 5 })
    expect(result.passed).toBe(true)
    expect(findings(result).map(([name]) => name)).toEqual(['frame-order'])
  })
})
