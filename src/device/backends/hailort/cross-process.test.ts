import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DeviceBusyError } from '../../../errors.js'
import { parseDeviceSpec } from '../../spec.js'
import './register.js'
import { HailoDevice } from './hailo-device.js'
import { startHelper, type Helper } from './test-support/child.js'
import { ARCFACE_LIKE, doubleEnv, doubleLibrary, scratchDir, setEnv, writeModel } from './test-support/double.js'

const double = doubleLibrary('4.23.0')
const dir = scratchDir()
const env = doubleEnv(double, dir)
const helpers: Helper[] = []
let restore: () => void
beforeAll(() => {
  restore = setEnv(env)
})
afterAll(() => restore())
afterEach(async () => {
  for (const h of helpers.splice(0)) await h.kill()
})

const open = (lockTimeoutMs = 2000) => HailoDevice.open(parseDeviceSpec('hailo'), { lockTimeoutMs })

describe('one chip, several processes', () => {
  it('a process holding the chip outside vitest-hailo gets named as such, and its death frees the chip', async () => {
    const holder = await startHelper('hold-chip.mjs', [double.path], { ...process.env, ...env })
    helpers.push(holder)
    expect(holder.firstLine).toBe('held 0')
    const error = await open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(/No vitest-hailo run holds its lock[\s\S]*sudo lsof \/dev\/hailo0/)
    await holder.kill()
    await using device = await open()
    const model = await device.load(writeModel(dir, 'arcface.hef', ARCFACE_LIKE), { format: 'raw' })
    const out = await model.infer({ data: new Uint8Array(112 * 112 * 3), shape: [1, 112, 112, 3], dtype: 'uint8' })
    expect(out['arcface_mobilefacenet/fc1']!.data).toHaveLength(512)
  })

  it('a process killed with SIGKILL while it held the chip through vitest-hailo (lock, vdevice, HEF, vstreams) leaves it usable', async () => {
    const model = writeModel(dir, 'arcface.hef', ARCFACE_LIKE)
    const holder = await startHelper('hold-device.ts', [model], { ...process.env, ...env })
    helpers.push(holder)
    expect(holder.firstLine).toBe('held')
    const error = await open(300).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(new RegExp(`held by process ${holder.child.pid} \\(.*hold-device\\.ts`))
    await holder.kill()
    await using device = await open()
    const loaded = await device.load(model, { format: 'raw' })
    const out = await loaded.infer({ data: new Uint8Array(112 * 112 * 3), shape: [1, 112, 112, 3], dtype: 'uint8' })
    expect(out['arcface_mobilefacenet/fc1']!.data).toHaveLength(512)
  }, 30_000)

  it('a vitest-hailo holder in another process is waited for and named, then SIGKILL frees lock and chip', async () => {
    // The other process holds vitest-hailo's lock file for this chip (as a second test worker would).
    const lockDir = env.VITEST_HAILO_LOCK_DIR!
    const { mkdirSync } = await import('node:fs')
    mkdirSync(lockDir, { recursive: true })
    const holder = await startHelper('hold-lock.mjs', [`${lockDir}/hailo-default.lock`])
    helpers.push(holder)
    const error = await open(150).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(new RegExp(`held by process ${holder.child.pid}`))
    const waiting = open(5000)
    await new Promise((r) => setTimeout(r, 100))
    await holder.kill()
    await (await waiting).dispose()
    expect(double.liveHandles()).toBe(0)
  })
})
