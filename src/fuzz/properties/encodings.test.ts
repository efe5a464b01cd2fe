import { afterAll, describe, expect, test } from 'vitest'
import { identityModel } from '../../../test/support/onnx/index.js'
import { openDevice } from '../../device/open.js'
import { runFuzz } from '../run.js'

const image = identityModel({ dtype: 'float32', shape: [1, 4, 4, 3] }).bytes
const device = await openDevice('faulty:skip-normalization')
afterAll(() => device.dispose())

// encodings makes three comparisons; the sides alone ("uint8 vs reference") did not say which one failed, nor
// that the reference is the device's own float model.
describe('an encodings failure says which of its checks failed', () => {
  test('a device that skips its normalization: it does not match its float reference on the same pixels', async () => {
    const model = await device.load(image, { normalization: { mean: [120], std: [60] } })
    const result = await runFuzz(model, { properties: ['encodings'], seed: 1 })
    expect(result.failure?.difference?.between).toEqual(['uint8', 'reference (host-normalized)'])
    expect(result.failure?.difference?.claim).toBe('the device does not match its float reference on the same pixels')
  })
})
