import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeviceBusyError, NativeCallError } from '../../../errors.js'
import { openDevice } from '../../open.js'
import { getBackend, registerBackend } from '../../registry.js'
import { hailoAvailability } from './availability.js'
import { doubleEnv, doubleLibrary, scratchDir, setEnv } from './test-support/double.js'

/** 'auto' remembers a backend's availability per process; registering it again makes it probe anew. */
function reprobe(): void {
  const hailo = getBackend('hailo')!
  const { opener, priority, auto, argument, params, usage, available } = hailo
  registerBackend('hailo', opener, { priority, auto, argument, params, usage, ...(available ? { available } : {}) })
}

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
      expect(await hailoAvailability()).toEqual({
        reason: 'libhailort 4.23.0 is installed but sees no Hailo chip (hailo_scan_devices found none)',
      })
    } finally {
      undo()
    }
    const missing = await hailoAvailability({ env: {}, searchDirs: [join(dir, 'nowhere')], useLoaderSearch: false })
    expect(missing).toEqual({ reason: expect.stringMatching(/libhailort \(the HailoRT C library\) was not found/) })
  })

  it("'auto' fails naming the holder when the chip is present but held by another vitest-hailo device — it never falls back to onnx", async () => {
    reprobe()
    const undo = setEnv({ VITEST_HAILO_LOCK_TIMEOUT_MS: '100' })
    try {
      await using holder = await openDevice('hailo')
      expect(holder.kind).toBe('hailo')
      const error = await openDevice('auto').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeviceBusyError)
      expect((error as Error).message).toMatch(new RegExp(`held by process ${process.pid} \\(`))
      expect((error as Error).message).toMatch(/'auto' does not fall back/)
    } finally {
      undo()
    }
  })

  it("'auto' fails when the chip is present but another program holds /dev/hailo0 (status 74, no lock holder)", async () => {
    reprobe()
    double.setFaults('busy=1')
    try {
      const error = await openDevice('auto').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeviceBusyError)
      expect((error as Error).message).toMatch(/sudo lsof \/dev\/hailo0/)
    } finally {
      double.setFaults('')
    }
  })

  it("'auto' fails when a present chip cannot be opened (any status), instead of testing onnx", async () => {
    reprobe()
    double.setFaults('fail=hailo_create_vdevice:13')
    try {
      const error = await openDevice('auto').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NativeCallError)
      expect((error as NativeCallError).operation).toBe('hailo_create_vdevice')
      expect((error as Error).message).toMatch(/'auto' does not fall back/)
    } finally {
      double.setFaults('')
    }
  })

  it("'auto' falls back to onnx only when there is no chip: libhailort loads but its scan finds no device", async () => {
    const undo = setEnv({ HAILORT_DOUBLE_CHIP: undefined })
    try {
      reprobe()
      await using device = await openDevice('auto')
      expect(device.kind).toBe('onnx')
    } finally {
      undo()
      reprobe()
    }
  })

  it('the probe leaves the decision to the opener when it cannot rule a chip out (unsupported version, failed scan, HAILORT_LIB unloadable)', async () => {
    const other = doubleLibrary('4.19.0')
    other.setFaults('version=4.17.0')
    try {
      expect(await hailoAvailability({ env: { HAILORT_LIB: other.path } })).toBe(true)
    } finally {
      other.setFaults('')
    }
    double.setFaults('fail=hailo_scan_devices:8')
    try {
      expect(await hailoAvailability()).toBe(true)
    } finally {
      double.setFaults('')
    }
    expect(await hailoAvailability({ env: { HAILORT_LIB: join(dir, 'nowhere', 'libhailort.so') } })).toBe(true)
  })
})
