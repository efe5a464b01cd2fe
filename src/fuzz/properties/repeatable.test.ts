/**
 * `repeatable` writes each case's input into the buffers of the case before (a passed case's memory is free
 * again); a failed case's inputs are evidence and must stay exactly what its counterexample describes, while
 * fast-check goes on shrinking with other cases.
 */
import * as fc from 'fast-check'
import { afterAll, expect, test } from 'vitest'
import { identityModel, matmulModel } from '../../../test/support/onnx/index.js'
import { openDevice } from '../../device/open.js'
import type { Device } from '../../device/types.js'
import { tensorsEqualBytes } from '../../tensor/equal.js'
import { materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { runFuzz } from '../run.js'
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
