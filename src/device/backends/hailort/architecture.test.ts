import { describe, expect, it } from 'vitest'
import { HefRefusedError, NativeCallError } from '../../../errors.js'
import { parseDeviceSpec } from '../../spec.js'
import './register.js'
import { HailoDevice } from './hailo-device.js'
import {
  ARCFACE_LIKE,
  doubleEnv,
  doubleLibrary,
  scratchDir,
  setEnv,
  writeModel,
  type DoubleModel,
} from './test-support/double.js'

// Configuring a HEF compiled for another architecture: HailoRT checks it when the vdevice configures
// the HEF, and answers HAILO_INVALID_HEF (26) up to 4.20 and HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE (93)
// from 4.21 (device_internal.cpp, check_hef_is_compatible, at each tag). A Hailo-8L HEF runs on a
// Hailo-8; a Hailo-8 HEF does not run on a Hailo-8L (the Raspberry Pi AI Kit).
const arcface = new URL('../../../hef/testdata/arcface_mobilefacenet.hef', import.meta.url).pathname
const FOR_HAILO8: DoubleModel = { ...ARCFACE_LIKE, arch: 'hailo8' }
const FOR_HAILO8L: DoubleModel = { ...ARCFACE_LIKE, arch: 'hailo8l' }
const frame = new Uint8Array(112 * 112 * 3).fill(7)

const cases = [
  { version: '4.20.0', status: 26, name: 'HAILO_INVALID_HEF' },
  { version: '4.23.0', status: 93, name: 'HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE' },
] as const

/** Run `body` with a device on a double chip of `chip` architecture, then check nothing leaked. */
async function onChip(
  version: string,
  chip: 'hailo8' | 'hailo8l',
  body: (device: HailoDevice, dir: string) => Promise<void>,
): Promise<void> {
  const double = doubleLibrary(version)
  const dir = scratchDir()
  const restore = setEnv(doubleEnv(double, dir, { HAILORT_DOUBLE_ARCH: chip }))
  try {
    const device = await HailoDevice.open(parseDeviceSpec('hailo'), { lockTimeoutMs: 2000 })
    try {
      await body(device, dir)
    } finally {
      await device.dispose()
    }
    expect(double.liveHandles()).toBe(0)
    expect(double.misuseCount(), double.lastMisuse()).toBe(0)
  } finally {
    restore()
  }
}

describe.each(cases)(
  'HailoRT $version refuses a Hailo-8 HEF on a Hailo-8L with status $status',
  ({ version, status, name }) => {
    it('names the status and says which way round architectures work; the HEF is released and the device still loads', async () => {
      await onChip(version, 'hailo8l', async (device, dir) => {
        const before = doubleLibrary(version).liveHandles()
        const error = await device.load(writeModel(dir, 'for-hailo8.hef', FOR_HAILO8)).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(NativeCallError)
        expect(error).toMatchObject({ operation: 'hailo_configure_vdevice', status, statusName: name })
        expect((error as Error).message).toMatch(/Hailo-8L HEF runs on a Hailo-8, not the reverse/)
        expect(doubleLibrary(version).liveHandles()).toBe(before)
        const next = await device.load(writeModel(dir, 'for-hailo8l.hef', FOR_HAILO8L), { format: 'raw' })
        expect((await next.infer(frame))['arcface_mobilefacenet/fc1']!.data).toHaveLength(512)
      })
    })

    it("a real Hailo-8 HEF: the refusal was predicted, and the error carries HailoRT's status and the same status in the prediction", async () => {
      await onChip(version, 'hailo8l', async (device, dir) => {
        const restore = setEnv({ HAILORT_DOUBLE_HEF_DESCRIPTION: writeModel(dir, 'arcface-described.txt', FOR_HAILO8) })
        try {
          const error = await device.load(arcface).catch((e: unknown) => e)
          expect(error).toBeInstanceOf(HefRefusedError)
          const refused = error as HefRefusedError
          expect(refused.runtime).toEqual({ operation: 'hailo_configure_vdevice', status, statusName: name })
          const architecture = refused.verdict.reasons.find((r) => r.code === 'architecture')
          expect(architecture?.status).toEqual({ number: status, name })
          expect(refused.message).toContain(`(HailoRT returns status ${status}, ${name})`)
        } finally {
          restore()
        }
      })
    })
  },
)

describe('a Hailo-8L HEF on a Hailo-8', () => {
  it.each(['4.20.0', '4.23.0'])('loads and infers (HailoRT %s only warns about performance)', async (version) => {
    await onChip(version, 'hailo8', async (device, dir) => {
      const model = await device.load(writeModel(dir, 'for-hailo8l.hef', FOR_HAILO8L), { format: 'raw' })
      expect((await model.infer(frame))['arcface_mobilefacenet/fc1']!.data).toHaveLength(512)
    })
  })
})
