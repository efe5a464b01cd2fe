import { afterAll, describe, expect, test } from 'vitest'
import { identityModel, matmulModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import { UsageError } from '../errors.js'
import { runFuzz } from './run.js'
import { decodeToken } from './token.js'

// A model exported with dynamic sizes, as PaddleOCR's are.
const dynamic = identityModel({ dtype: 'float32', shape: [1, 3, 'height', 'width'] }).bytes
const device = await openDevice('faulty:stale,seed=1')
afterAll(() => device.dispose())

// The token held no shapes: replayed with another `shape`, it ran another case under the name of the token's, and
// reported on it as "the token's case".
describe('a replay token of a model with dynamic sizes', () => {
  test('holds the sizes its case ran at, and is refused with other sizes, naming both', async () => {
    const model = await device.load(dynamic)
    const found = await runFuzz(model, { properties: ['frame-order'], shape: [1, 3, 8, 12], numRuns: 10, seed: 4 })
    const token = found.failure!.token
    expect(decodeToken(token).shapes).toEqual({ input: [1, 3, 8, 12] })

    const error = await runFuzz(model, { shape: [1, 3, 8, 16], replay: token }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect(error).toMatchObject({ code: 'E_REPLAY_SHAPE' })
    expect((error as Error).message).toBe(
      'This replay token\'s case ran with input "input" at [1, 3, 8, 12], but this run gives it [1, 3, 8, 16]. ' +
        "Give the sizes of the run that failed (shape: { input: [1, 3, 8, 12] }; --shape 'input=1,3,8,12' from the shell), or drop the token to fuzz afresh.",
    )

    const again = await runFuzz(model, { shape: [1, 3, 8, 12], replay: token })
    expect(again.replay).toEqual({ property: 'frame-order', reproduced: true })
  })

  test('a model without dynamic sizes keeps the token as it was', async () => {
    const model = await device.load(matmulModel({ inFeatures: 8, outFeatures: 6, seed: 5 }).bytes)
    const found = await runFuzz(model, { properties: ['frame-order'], numRuns: 10, seed: 4 })
    expect(decodeToken(found.failure!.token)).not.toHaveProperty('shapes')
  })
})
