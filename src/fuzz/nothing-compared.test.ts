/**
 * A property whose device refuses (nearly) every case has compared nothing: it must say so, never "held".
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, LoadedModel, VStreamFormat } from '../device/types.js'
import { InputMismatchError, NothingToCompareError } from '../errors.js'
import { runFuzz } from './run.js'

const bytes = matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes
let device: Device
let model: LoadedModel
beforeAll(async () => {
  device = await openDevice('emulator')
  model = await device.load(bytes)
})
afterAll(async () => {
  await device.dispose()
})

/** A float32 load that refuses every case except one in `acceptOneIn`, as a device refuses an input. */
function refusingFloat32(acceptOneIn: number): (format: VStreamFormat | undefined) => Promise<LoadedModel> {
  let calls = 0
  return async (format) => {
    const loaded = await device.load(bytes, format === undefined ? {} : { format })
    if (format !== 'float32') return loaded
    return new Proxy(loaded, {
      get(target, key) {
        if (key === 'infer')
          return async (inputs: Parameters<LoadedModel['infer']>[0]) => {
            if (++calls % acceptOneIn !== 0) throw new InputMismatchError('the input is out of range for this test')
            return target.infer(inputs)
          }
        const value: unknown = Reflect.get(target, key, target)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }
}

describe('format-paths counts the cases it compared', () => {
  test('compared nothing: a NothingToCompareError that says "compared 0 of n" and why, not a pass', async () => {
    const loadVariant = refusingFloat32(Number.POSITIVE_INFINITY)
    const error = await runFuzz(model, { properties: ['format-paths'], numRuns: 12, seed: 1, loadVariant }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NothingToCompareError)
    expect((error as Error).message).toMatch(
      /^The fuzz property format-paths compared 0 of 12 cases: the device refused the other 12 with a UsageError .*\(first: the input is out of range for this test\)\. A property that compares nothing proves nothing/,
    )
  })

  test('compared too little (fewer than half the cases): the same error, with the count', async () => {
    const loadVariant = refusingFloat32(4)
    const error = await runFuzz(model, { properties: ['format-paths'], numRuns: 12, seed: 1, loadVariant }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(NothingToCompareError)
    expect((error as Error).message).toMatch(/compared [1-5] of 12 cases: the device refused the other (\d+)/)
  })

  test('a property that compared every case says so in its outcome', async () => {
    const result = await runFuzz(model, { properties: ['format-paths'], numRuns: 12, seed: 1 })
    expect(result.properties.find((p) => p.name === 'format-paths')).toMatchObject({
      status: 'passed',
      casesRun: 12,
      casesCompared: 12,
    })
  })
})
