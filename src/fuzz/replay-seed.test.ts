import { afterAll, expect, test } from 'vitest'
import { matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import { resolveSeed } from '../random/seed.js'
import { runFuzz } from './run.js'
import { decodeToken } from './token.js'

const device = await openDevice('faulty:stale,seed=1')
afterAll(() => device.dispose())

// fast-check reports a seed ≥ 2³¹ as a negative int32, and the token keeps it that way: a replay printed
// "Seed: -1427101308 (… replay with VITEST_HAILO_SEED=-1427101308)", a value VITEST_HAILO_SEED refuses.
test('a replay reports the seed of the run that failed, in the form VITEST_HAILO_SEED accepts', async () => {
  const model = await device.load(matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes)
  const seed = 2867865988
  const found = await runFuzz(model, { properties: ['frame-order'], numRuns: 10, seed })
  expect(decodeToken(found.failure!.token).seed).toBe(seed | 0)

  const again = await runFuzz(model, { replay: found.failure!.token })
  expect(again.replay).toEqual({ property: 'frame-order', reproduced: true })
  expect(again.seed).toBe(seed)
  expect(resolveSeed(undefined, { VITEST_HAILO_SEED: String(again.seed) })).toBe(seed)
})
