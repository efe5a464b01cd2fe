import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDevice } from '../../open.js'
import { hailoAvailability } from './availability.js'
import { doubleEnv, doubleLibrary, scratchDir, setEnv } from './testdata/double.js'

const double = doubleLibrary('4.23.0')
const dir = scratchDir()
let restore: () => void
beforeAll(() => {
  restore = setEnv({ ...doubleEnv(double, dir), VITEST_HAILO_LOCK_TIMEOUT_MS: '2000' })
})
afterAll(() => restore())

describe('the hailo backend in the device registry', () => {
  it("openDevice('hailo') opens the chip", async () => {
    await using device = await openDevice('hailo')
    expect(device.kind).toBe('hailo')
    expect(device.exclusive).toBe(true)
  })

  it("'auto' picks the chip when one is present", async () => {
    await using device = await openDevice('auto')
    expect(device.kind).toBe('hailo')
  })

  it('accepts the lock timeout and multi-process parameters and refuses others', async () => {
    await (await openDevice('hailo,lockTimeoutMs=100')).dispose()
    await expect(openDevice('hailo,colour=red')).rejects.toThrow(/colour/)
  })

  it('the availability probe says why not when there is no chip or no library', async () => {
    expect(await hailoAvailability()).toBe(true)
    const undo = setEnv({ HAILORT_DOUBLE_CHIP: undefined })
    try {
      expect(await hailoAvailability()).toEqual({ reason: 'libhailort 4.23.0 is installed but sees no Hailo chip (hailo_scan_devices found none)' })
    } finally {
      undo()
    }
    const missing = await hailoAvailability({ env: {}, searchDirs: [join(dir, 'nowhere')], useLoaderSearch: false })
    expect(missing).toEqual({ reason: expect.stringMatching(/libhailort \(the HailoRT C library\) was not found/) })
  })
})
