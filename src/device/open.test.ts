import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { setConfig } from '../config.js'
import { DeviceUnavailableError, UnknownNameError } from '../errors.js'
import { openDevice as openConfiguredDevice } from '../open-device.js'
import { openDevice } from './open.js'
import { defaultsOf } from './defaults.js'
import type { DeviceSpecText } from './spec-text.js'
import { listBackends, registerBackend, unregisterBackend, type BackendEntry } from './registry.js'
import { EchoDevice } from './test-support/echo-device.js'
import { expectError } from '../../test/support/expect-error.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function fakeBackend(
  kind: string,
  priority: number,
  behaviour: { available?: () => boolean | { reason: string }; fail?: string },
): { opened: number } {
  const state = { opened: 0 }
  registerBackend(
    kind,
    async (spec) => {
      state.opened += 1
      if (behaviour.fail) throw new Error(behaviour.fail)
      return new EchoDevice(spec.text)
    },
    { priority, ...(behaviour.available ? { available: behaviour.available } : {}) },
  )
  cleanups.push(() => unregisterBackend(kind))
  return state
}

function restore(entry: BackendEntry): void {
  const { opener, priority, auto, argument, params, usage, available } = entry
  registerBackend(entry.kind, opener, { priority, auto, argument, params, usage, ...(available ? { available } : {}) })
}

/** Leave only `kinds` of the built-in backends registered (a real chip on this machine must not change the outcome). */
function withOnly(...kinds: string[]): void {
  for (const entry of listBackends()) {
    if (kinds.includes(entry.kind)) continue
    unregisterBackend(entry.kind)
    cleanups.push(() => restore(entry))
  }
}

function withoutOnnx(): void {
  withOnly()
}

describe('openDevice', () => {
  beforeEach(() => withOnly('onnx'))

  test('opens the onnx device by name', async () => {
    await using device = await openDevice('onnx')
    expect(device.kind).toBe('onnx')
    expect(device.exclusive).toBe(false)
    const info = await device.info()
    expect(info.versions.onnxruntime).toMatch(/^1\.\d+\.\d+/)
  })

  test('auto picks the highest-priority backend that is available', async () => {
    const chip = fakeBackend('fake-chip', 500, { available: () => true })
    await using device = await openDevice('auto')
    expect(device.spec).toBe('fake-chip')
    expect(chip.opened).toBe(1)
  })

  test('auto skips an absent backend without opening it and falls back to onnx', async () => {
    const chip = fakeBackend('fake-chip', 500, { available: () => false })
    await using device = await openDevice('auto')
    expect(device.kind).toBe('onnx')
    expect(chip.opened).toBe(0)
  })

  test('auto moves on when a backend without a presence probe fails to open', async () => {
    fakeBackend('fake-chip', 500, { fail: 'status 74' })
    await using device = await openDevice('auto')
    expect(device.kind).toBe('onnx')
  })

  test('auto does not fall back when a backend whose probe found its device fails to open: it throws that error, saying why', async () => {
    const chip = fakeBackend('fake-chip', 500, {
      available: () => true,
      fail: 'the chip is held by process 4242 (vitest)',
    })
    const error = await openDevice('auto').catch((e: unknown) => e)
    expect(chip.opened).toBe(1)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /^the chip is held by process 4242 \(vitest\)\n'auto' does not fall back: its probe found a fake-chip device/,
    )
    expect((error as Error).message).toMatch(/VITEST_HAILO_DEVICE=onnx/)
  })

  test('auto probes availability once per process and remembers the answer', async () => {
    let probes = 0
    fakeBackend('fake-chip', 500, { available: () => (probes++, false) })
    await (await openDevice('auto')).dispose()
    await (await openDevice('auto')).dispose()
    expect(probes).toBe(1)
  })

  test('when nothing works, auto throws one error listing every failure with its reason', async () => {
    withoutOnnx()
    fakeBackend('fake-chip', 500, { available: () => ({ reason: 'no /dev/hailo0' }) })
    fakeBackend('fake-cpu', 5, { fail: 'runtime missing' })
    const error = await expectError(openDevice('auto'), DeviceUnavailableError)
    const message = error.message
    expect(message).toMatch(/fake-chip: no \/dev\/hailo0/)
    expect(message).toMatch(/fake-cpu: runtime missing/)
    expect(message.indexOf('fake-chip')).toBeLessThan(message.indexOf('fake-cpu'))
    expect(error.cause).toBeInstanceOf(AggregateError)
  })

  test('an availability probe that throws counts as absent, with its message as the reason', async () => {
    withoutOnnx()
    fakeBackend('fake-chip', 500, {
      available: () => {
        throw new Error('libhailort.so: cannot open shared object file')
      },
    })
    await expect(openDevice('auto')).rejects.toThrow(
      /fake-chip: its availability probe failed: libhailort\.so: cannot open/,
    )
  })

  test('a backend that is not auto is never picked by auto', async () => {
    withoutOnnx()
    registerBackend('fake-manual', async () => new EchoDevice('fake-manual'), { priority: 999, auto: false })
    cleanups.push(() => unregisterBackend('fake-manual'))
    await expect(openDevice('auto')).rejects.toThrow(/\(no backend is registered\)/)
  })

  test('an explicit spec skips the availability probe and surfaces the opener error', async () => {
    fakeBackend('fake-chip', 500, { available: () => false, fail: 'status 74: HAILO_OUT_OF_PHYSICAL_DEVICES' })
    await expect(openDevice('fake-chip')).rejects.toThrow(/status 74/)
  })

  test('refuses an unknown spec, listing the valid ones', async () => {
    await expect(openDevice('tpu')).rejects.toBeInstanceOf(UnknownNameError)
    await expect(openDevice('tpu')).rejects.toThrow(/Valid specs: auto/)
  })

  test('without a spec, opens the configured device (the environment wins)', async () => {
    const previous = process.env.VITEST_HAILO_DEVICE
    process.env.VITEST_HAILO_DEVICE = 'onnx'
    try {
      await using device = await openConfiguredDevice()
      expect(device.kind).toBe('onnx')
    } finally {
      if (previous === undefined) delete process.env.VITEST_HAILO_DEVICE
      else process.env.VITEST_HAILO_DEVICE = previous
    }
  })
})

describe('options flow down', () => {
  test("the public openDevice hands the plugin's image option to the device it opens, and a wrapped device gets it too", async () => {
    fakeBackend('fake-defaults', 0, {})
    setConfig({ image: { resize: 'cv2-bilinear' } })
    try {
      await using device = await openConfiguredDevice('fake-defaults' as DeviceSpecText)
      expect(defaultsOf(device)).toEqual({ image: { resize: 'cv2-bilinear' } })
      await using faulty = (await openDevice('faulty:random,seed=1,inner=fake-defaults', {
        image: { channels: 'bgr' },
      })) as EchoDevice & { inner: EchoDevice }
      expect(defaultsOf(faulty)).toEqual({ image: { channels: 'bgr' } })
      expect(defaultsOf(faulty.inner)).toEqual({ image: { channels: 'bgr' } })
    } finally {
      setConfig({ image: {} })
    }
  })

  test('a device opened by spec alone has no defaults (nothing under device/ reads the run-wide config)', async () => {
    fakeBackend('fake-plain', 0, {})
    setConfig({ image: { resize: 'cv2-bilinear' } })
    try {
      await using device = await openDevice('fake-plain')
      expect(defaultsOf(device)).toEqual({})
    } finally {
      setConfig({ image: {} })
    }
  })
})

describe('registerBackend', () => {
  test('refuses bad kinds, openers and options', () => {
    const open = async (): Promise<EchoDevice> => new EchoDevice('x')
    expect(() => registerBackend('auto', open, { priority: 1 })).toThrow(/other than 'auto'/)
    expect(() => registerBackend('Bad Kind', open, { priority: 1 })).toThrow(/for kind/)
    expect(() => registerBackend('ok', 'open' as never, { priority: 1 })).toThrow(/for opener/)
    expect(() => registerBackend('ok', open, { priority: 1.5 })).toThrow(/for priority/)
    expect(() => registerBackend('ok', open, { priority: 1, prio: 2 } as never)).toThrow(/Unknown key "prio"/)
  })
})
