/**
 * A failure found on a device whose faults are random (noise, flipped bits at some rate) replays: the
 * replay is a fresh load that runs only the token's case, and the case meets the same faults there.
 */
import { afterAll, describe, expect, test } from 'vitest'
import { matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, LoadedModel } from '../device/types.js'
import { runFuzz } from './run.js'

const bytes = matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes
const devices: Device[] = []
afterAll(async () => {
  for (const d of devices) await d.dispose()
})
async function load(spec: string): Promise<LoadedModel> {
  const device = await openDevice(spec)
  devices.push(device)
  return device.load(bytes)
}

describe('replaying a failure of a random fault', () => {
  test.each(['faulty:random,rate=0.1,seed=3', 'faulty:bitflip,rate=0.2', 'faulty:garbage-input,rate=0.15,seed=8'])(
    '%s: the token fails again, on the same counterexample, for every seed',
    async (spec) => {
      for (const seed of [3, 4, 5, 6]) {
        const found = await runFuzz(await load(spec), { properties: ['repeatable'], seed })
        expect(found.failure, `${spec}, seed ${seed}`).toBeDefined()
        const again = await runFuzz(await load(spec), { properties: ['repeatable'], replay: found.failure!.token })
        expect(again.replay, `${spec}, seed ${seed}`).toEqual({ property: 'repeatable', reproduced: true })
        expect(again.failure?.counterexample).toEqual(found.failure!.counterexample)
      }
    },
  )
})
