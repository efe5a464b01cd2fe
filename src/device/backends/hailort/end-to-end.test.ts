import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import '../../../../matchers/index.js'
import { openDevice } from '../../open.js'
import { ARCFACE_LIKE, doubleEnv, doubleLibrary, scratchDir, setEnv, writeModel } from './test-support/double.js'

// The whole product on the libhailort double: openDevice → HailoDevice → koffi → C ABI, then the
// determinism matcher over it. Only the chip is simulated.
const double = doubleLibrary('4.23.0')
const dir = scratchDir()
const arcface = writeModel(dir, 'arcface.hef', ARCFACE_LIKE)
let restore: () => void
beforeAll(() => {
  restore = setEnv({
    ...doubleEnv(double, dir),
    VITEST_HAILO_ARTIFACTS: join(dir, 'artifacts'),
    VITEST_HAILO_LOCK_TIMEOUT_MS: '2000',
  })
})
afterAll(() => restore())
afterEach(() => double.setFaults(''))

describe('toBeDeterministicAcross on a Hailo model (libhailort double)', () => {
  it('passes on a deterministic chip, on both format paths', async () => {
    await using device = await openDevice('hailo')
    await expect(await device.load(arcface, { format: 'raw' })).toBeDeterministicAcross(12, { seed: 1 })
    await expect(await device.load(arcface)).toBeDeterministicAcross(12, { seed: 1 })
  })

  it('fails when the chip returns noise, naming the device', async () => {
    await using device = await openDevice('hailo')
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=random,seed=5')
    const error = await expect(model)
      .toBeDeterministicAcross(8, { seed: 1 })
      .then(
        () => undefined,
        (e: unknown) => e as Error,
      )
    expect(error?.message).toMatch(/toBeDeterministicAcross/)
    expect(error?.message).toMatch(/distinct/)
    expect(error?.message).toMatch(/Hailo-8/)
  })

  it('catches a stale previous frame when other inputs are interleaved', async () => {
    await using device = await openDevice('hailo')
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=stale')
    await expect(expect(model).toBeDeterministicAcross(6, { seed: 2, interleave: true })).rejects.toThrow(
      /toBeDeterministicAcross/,
    )
  })
})
