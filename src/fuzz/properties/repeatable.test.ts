/**
 * `repeatable` writes each case's input into the buffers of the case before (a passed case's memory is free
 * again); a failed case's inputs are evidence and must stay exactly what its counterexample describes, while
 * fast-check goes on shrinking with other cases.
 */
import * as fc from 'fast-check'
import { afterAll, describe, expect, test } from 'vitest'
import { identityModel, matmulModel } from '../../../test/support/onnx/index.js'
import { openDevice } from '../../device/open.js'
import type { Device, InferableModel } from '../../device/types.js'
import { tensorsEqualBytes } from '../../tensor/equal.js'
import type { Tensor, TensorInfo, TensorMap } from '../../tensor/types.js'
import { materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { runFuzz } from '../run.js'
import { FuzzCaseFailure } from './case-failure.js'
import { repeatable } from './repeatable.js'

const devices: Device[] = []
afterAll(async () => {
  for (const d of devices) await d.dispose()
})

test.each([
  ['a vector', matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes],
  ['an image', identityModel({ dtype: 'float32', shape: [1, 4, 4, 3] }).bytes],
] as const)(
  'the failure keeps the input its counterexample describes, after the shrinking that followed (%s)',
  async (_what, bytes) => {
    for (const spec of ['faulty:random', 'faulty:bitflip', 'faulty:garbage-input']) {
      const device = await openDevice(spec)
      devices.push(device)
      const model = await device.load(bytes)
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const result = await runFuzz(model, { properties: ['repeatable'], seed })
        const failure = result.failure!
        expect(failure.property).toBe('repeatable')
        const expected = materialize(model.inputs, failure.counterexample as GeneratedInput)
        for (const info of model.inputs) {
          const kept = failure.inputs.input![info.name]!
          expect(tensorsEqualBytes(kept, expected[info.name]!), `${spec}, seed ${seed}, input ${info.name}`).toBe(true)
        }
      }
    }
  },
)

test('one property checked twice at the same time passes on a healthy model (cases in flight never share a buffer)', async () => {
  const device = await openDevice('onnx')
  devices.push(device)
  const model = await device.load(identityModel({ dtype: 'float32', shape: [1, 4, 4, 3] }).bytes)
  const property = repeatable(model)
  const results = await Promise.all([
    fc.check(property, { seed: 1, numRuns: 30 }),
    fc.check(property, { seed: 2, numRuns: 30 }),
  ])
  expect(results.map((r) => (r.failed ? String(r.errorInstance) : 'held'))).toEqual(['held', 'held'])
})

// fast-check feeds `examples` (a counterexample pasted back, perhaps from an older model) to the predicate as they
// are, without the arbitrary: such a case must be checked like any input before a model sees it, as it always was.
describe('a case that is no draw of the property (a fast-check example)', () => {
  /** A model that keeps every input it is given, and echoes it. */
  function recordingModel(inputs: TensorInfo[]): { model: InferableModel; seen: Tensor[] } {
    const seen: Tensor[] = []
    const outputs = inputs.map((i) => ({ ...i, name: 'y' }))
    const infer = (tensors: Readonly<Record<string, Tensor>>): Promise<TensorMap> => {
      seen.push(tensors.x!)
      return Promise.resolve({ y: tensors.x! })
    }
    return { model: { inputs, outputs, infer }, seen }
  }

  test('reaches the model in its declared shape: a stale NCHW shape for an NHWC input is transposed', async () => {
    const { model, seen } = recordingModel([{ name: 'x', dtype: 'float32', shape: [1, 4, 5, 3], layout: 'NHWC' }])
    const stale: GeneratedInput = { seed: 1, kind: 'gradient', shapes: { x: [1, 3, 4, 5] } }
    const result = await fc.check(repeatable(model, { runs: 2 }), { examples: [[stale]], numRuns: 1, seed: 1 })
    expect(result.failed).toBe(false)
    expect(seen.length).toBeGreaterThan(0)
    for (const t of seen) expect(t.shape).toEqual([1, 4, 5, 3])
  })

  test('with non-finite values is refused before the model sees it, and the failure keeps the input', async () => {
    const { model, seen } = recordingModel([{ name: 'x', dtype: 'float64', shape: [1, 6], layout: 'NC' }])
    // A float64 range this wide overflows the span: uniform values become ±Infinity and NaN.
    const wide: GeneratedInput = { seed: 1, kind: 'uniform', range: [-1e308, 1e308], shapes: { x: [1, 6] } }
    const result = await fc.check(repeatable(model), { examples: [[wide]], numRuns: 1, seed: 1 })
    expect(seen).toEqual([])
    const failure = result.errorInstance as FuzzCaseFailure
    expect(failure).toBeInstanceOf(FuzzCaseFailure)
    expect(failure.details.error?.name).toBe('NonFiniteInputError')
    expect(tensorsEqualBytes(failure.details.inputs.input!.x!, materialize(model.inputs, wide).x!)).toBe(true)
  })
})

// On a stale-buffer device repeatable fails because the case's first run returned the case before it; the message
// said only "run 2 vs run 1", and its token does not replay alone (a replay runs no case before it).
describe('a failure where only run 1 differs says so, and where to look', () => {
  const linear = matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes
  const CLAIM =
    "run 1 differs, and runs 2–3 agree: the case's first run answered something else — the input before it (a stale buffer), or a first-run fault; frame-order tells which, and its token replays alone"

  test('on a device that hands back the previous output', async () => {
    const device = await openDevice('faulty:stale')
    devices.push(device)
    const result = await runFuzz(await device.load(linear), { properties: ['repeatable'], seed: 1 })
    expect(result.failure?.difference?.claim).toBe(CLAIM)
  })

  test('not on a device whose every run is noise', async () => {
    const device = await openDevice('faulty:random,seed=3')
    devices.push(device)
    const result = await runFuzz(await device.load(linear), { properties: ['repeatable'], seed: 1 })
    expect(result.failure?.property).toBe('repeatable')
    expect(result.failure?.difference?.claim).toBeUndefined()
  })
})
