import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeviceBusyError, DeviceUnavailableError, NativeCallError } from '../../../errors.js'
import { parseDeviceSpec } from '../../spec.js'
import './register.js'
import { routeHailortLog } from '../../../open-device.js'
import { HailoDevice } from './hailo-device.js'
import { prepareHailortLogFolder } from './log-folder.js'
import { setEnv } from './test-support/double.js'
import { useDoubleChip } from './test-support/double-suite.js'

// Loading and inference are in hailo-device.test.ts.
const { double, dir, open } = useDoubleChip()

describe('device.info() on the double', () => {
  it('reports the chip: library and driver versions, architecture, firmware, serial, temperature, throttling', async () => {
    await using device = await open()
    const info = await device.info()
    expect(info).toMatchObject({
      kind: 'hailo',
      architecture: 'Hailo-8',
      serial: 'HD-0000000042',
      temperatureC: 47.8,
      throttling: false,
    })
    // No hailo_pci module here: the driver is the library's version, which libhailort requires of it.
    expect(info.versions).toEqual({ hailort: '4.23.0', firmware: '4.23.0', driver: '4.23.0' })
    expect(info.extra?.driverSource).toBe('libhailort')
    expect(info.description).toMatch(/^Hailo-8 \(fw 4\.23\.0\)/)
  })

  it('leaves out what the chip refuses to tell and says so, instead of failing', async () => {
    await using device = await open()
    double.setFaults('fail=hailo_identify:7,fail=hailo_get_chip_temperature:79')
    const info = await device.info()
    expect(info.architecture).toBeUndefined()
    expect(info.temperatureC).toBeUndefined()
    expect(info.throttling).toBe(false)
    expect(info.extra?.unavailable).toEqual([
      'hailo_identify: HAILO_NOT_IMPLEMENTED',
      'hailo_get_chip_temperature: HAILO_NOT_SUPPORTED',
    ])
    expect(info.versions).toEqual({ hailort: '4.23.0', driver: '4.23.0' })
  })

  it('tells a Hailo-8L apart', async () => {
    const undo = setEnv({ HAILORT_DOUBLE_ARCH: 'hailo8l' })
    try {
      await using device = await open()
      expect((await device.info()).architecture).toBe('Hailo-8L')
    } finally {
      undo()
    }
  })
})

describe('opening fails fast with a named error', () => {
  it('no chip: DeviceUnavailableError with status 74, the library version and what to check', async () => {
    const undo = setEnv({ HAILORT_DOUBLE_CHIP: undefined })
    try {
      const error = await open().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DeviceUnavailableError)
      expect((error as Error).message).toMatch(
        /status 74 \(HAILO_OUT_OF_PHYSICAL_DEVICES\)[\s\S]*libhailort 4\.23\.0[\s\S]*lspci/,
      )
      // Read at the Pi's shell as often as in a test: the CLI's flag, not only openDevice().
      expect((error as Error).message).toContain('--device emulator')
      expect(((error as Error).cause as NativeCallError).status).toBe(74)
    } finally {
      undo()
    }
    // The chip lock was released on the failure path: the next open works.
    await (await open()).dispose()
  })

  it('a chip held outside vitest-hailo: DeviceBusyError saying how to find the process', async () => {
    double.setFaults('busy=1')
    const error = await open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(/held by another process[\s\S]*sudo lsof \/dev\/hailo0/)
    expect(double.liveHandles()).toBe(0)
  })

  it('refuses a malformed BDF before touching the library', async () => {
    await expect(open('hailo:not-a-bdf')).rejects.toThrow(/PCIe BDF/)
  })

  it('opens a chip by its BDF and refuses another BDF', async () => {
    await (await open('hailo:0000:01:00.0')).dispose()
    expect(double.lastVDeviceParams()).toBe('device_count=1 ids=0000:01:00.0 scheduler=1 group=UNIQUE service=0')
    await expect(open('hailo:0000:02:00.0')).rejects.toThrow(/HAILO_NOT_FOUND/)
  })

  it('a second device in the same process waits for the lock, then names the holder', async () => {
    await using first = await open()
    const error = await HailoDevice.open(parseDeviceSpec('hailo'), { lockTimeoutMs: 150 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(new RegExp(`process ${process.pid} \\(`))
    expect(first.exclusive).toBe(true)
  })
})

describe("HailoRT's multi-process service", () => {
  it('asks for the service with a shared group id, takes no chip lock, and lets two devices share the chip', async () => {
    await using a = await open('hailo,multiProcess=1')
    expect(double.lastVDeviceParams()).toBe('device_count=1 ids=- scheduler=1 group=SHARED service=1')
    await using b = await open('hailo,multiProcess=1')
    expect(a.exclusive).toBe(false)
    expect(b.exclusive).toBe(false)
    await expect(open('hailo,multiProcess=yes')).rejects.toThrow(/multiProcess/)
  })

  it('asks for no service and the default group by default', async () => {
    await (await open()).dispose()
    expect(double.lastVDeviceParams()).toBe('device_count=1 ids=- scheduler=1 group=UNIQUE service=0')
  })
})

describe('HailoRT log file', () => {
  it('goes into the artifacts folder unless the user chose one', () => {
    const env: NodeJS.ProcessEnv = {}
    expect(routeHailortLog(join(dir, 'artifacts'), env)).toBe(join(dir, 'artifacts', 'hailort-log'))
    expect(env.HAILORT_LOGGER_PATH).toBe(join(dir, 'artifacts', 'hailort-log'))
    expect(routeHailortLog(join(dir, 'artifacts'), { HAILORT_LOGGER_PATH: '/mine' })).toBe('/mine')
  })

  it('the backend only reads the variable: it creates the folder HailoRT was told about, and writes no environment', () => {
    const env: NodeJS.ProcessEnv = { HAILORT_LOGGER_PATH: join(dir, 'told', 'log') }
    expect(prepareHailortLogFolder(env)).toBe(join(dir, 'told', 'log'))
    expect(existsSync(join(dir, 'told', 'log'))).toBe(true)
    const untouched: NodeJS.ProcessEnv = {}
    expect(prepareHailortLogFolder(untouched)).toBeUndefined()
    expect(untouched).toEqual({})
  })
})
