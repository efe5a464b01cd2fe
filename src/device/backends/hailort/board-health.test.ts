import { describe, expect, it } from 'vitest'
import { AbortedError, DeviceTimeoutError, NativeCallError } from '../../../errors.js'
import type { Tensor } from '../../../tensor/types.js'
import type { HailoBoardHealth } from './board-health.js'
import { LISTENED_IDS } from './ffi/notification-ids.js'
import './register.js'
import { startHelper } from './test-support/child.js'
import { useDoubleChip } from './test-support/double-suite.js'

const { double, arcface, open } = useDoubleChip()
const frame = (seed: number): Tensor => ({
  data: new Uint8Array(112 * 112 * 3).fill(seed),
  shape: [1, 112, 112, 3],
  dtype: 'uint8',
})
const LISTENED = LISTENED_IDS.length
const REMOVE = 'hailo_remove_notification_callback'
const healthOf = (device: { health?: unknown }) => device.health as HailoBoardHealth

/** Block the JavaScript thread synchronously, as a long comparison would. */
function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

describe('board health through the double', () => {
  it('reads temperature before, after and its maximum over a window, and the inferences it saw', async () => {
    double.setFaults('temperature=60.75,temperature_rise=0.1')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const window = await device.health!.openWindow()
    for (let i = 0; i < 20; i++) await model.infer(frame(i))
    const health = await window.close()
    // The double's sensors read c and c + 0.5; the report is their mean, to 0.1 °C.
    expect(health.temperatureC).toEqual({ before: 61, after: 63, max: 63 })
    expect(health.throttling).toEqual({ before: false, after: false })
    expect(health.inferences).toBe(20)
    expect(health.events).toEqual([])
    expect(health.throttledRuns).toEqual([])
  })

  it('delivers a notification fired on HailoRT’s thread during inference 7 to the window, with that run index', async () => {
    double.setFaults('notify=lcu_ecc_uncorrectable@7,notify=clock_changed@9')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const window = await device.health!.openWindow()
    for (let i = 0; i < 10; i++) await model.infer(frame(i))
    const health = await window.close()
    expect(health.events.map(({ kind, run, detail, suspect }) => ({ kind, run, detail, suspect }))).toEqual([
      { kind: 'lcu-ecc-uncorrectable', run: 7, detail: 'cluster bitmap 0x0004', suspect: true },
      { kind: 'clock-changed', run: 9, detail: 'NN clock 400 → 200 MHz', suspect: false },
    ])
    // A clock drop is throttling from the run it arrived in, until a sample says it is over (here the
    // closing one: the double's throttling state stays off).
    expect(health.throttledRuns).toEqual([{ from: 9, to: 9 }])
    expect(double.notifyStat('delivered')).toBe(2)
  })

  it('does not hold HailoRT’s notification thread while the JavaScript thread is busy', async () => {
    await using device = await open()
    const window = await device.health!.openWindow()
    double.setFaults('')
    double.fire('overcurrent')
    blockFor(400)
    // The callback returned while this thread was still blocked: it ran on the health thread.
    expect(double.notifyStat('delivered')).toBe(1)
    expect(double.notifyStat('max_callback_us')).toBeLessThan(200_000)
    const health = await window.close()
    expect(health.events).toHaveLength(1)
    expect(health.events[0]).toMatchObject({
      kind: 'overcurrent',
      run: 0,
      suspect: true,
      detail: 'zone red, threshold 7.50 A',
    })
  })

  it('samples throttling while a window is open and names the throttled runs', async () => {
    double.setFaults('throttle_from=4,delay_read_ms=30')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const health = healthOf(device)
    const window = await health.openWindow()
    for (let i = 0; i < 8; i++) await model.infer(frame(i))
    const record = await window.close()
    expect(record.throttling).toEqual({ before: false, after: true })
    expect(record.throttledRuns).toHaveLength(1)
    expect(record.throttledRuns[0]!.to).toBe(8)
    expect(record.throttledRuns[0]!.from).toBeGreaterThanOrEqual(4)
  })

  it('gives overlapping windows each its own runs and events', async () => {
    double.setFaults('notify=runtime_error@3')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const outer = await device.health!.openWindow()
    await model.infer(frame(1))
    const inner = await device.health!.openWindow()
    for (let i = 0; i < 3; i++) await model.infer(frame(i))
    const innerHealth = await inner.close()
    const outerHealth = await outer.close()
    expect(innerHealth.events.map((e) => e.run)).toEqual([2])
    expect(outerHealth.events.map((e) => e.run)).toEqual([3])
    expect(innerHealth.events[0]!.detail).toBe('exit status 3, network group 0, batch 0, context 1, action 2')
    expect([innerHealth.inferences, outerHealth.inferences]).toEqual([3, 4])
  })
})

describe('the notification callbacks are removed on every release path', () => {
  it('normal release: every callback set is removed before the vdevice, then unregistered', async () => {
    double.setFaults('')
    const device = await open()
    expect(double.calls('hailo_set_notification_callback')).toBe(LISTENED)
    expect(double.notifyStat('registered')).toBe(LISTENED)
    await device.dispose()
    expect(double.calls(REMOVE)).toBe(LISTENED)
    expect(double.notifyStat('registered')).toBe(0)
    expect(double.notifyStat('left_at_release')).toBe(0)
    expect(healthOf(device).callbackUnregistered).toBe(true)
  })

  it('a load that fails half way leaves the callbacks to the device, which removes them at release', async () => {
    const device = await open()
    double.setFaults('fail=hailo_create_output_vstreams:8')
    await expect(device.load(arcface)).rejects.toThrow(NativeCallError)
    expect(double.notifyStat('registered')).toBe(LISTENED)
    await device.dispose()
    expect(double.calls(REMOVE)).toBe(LISTENED)
    expect(double.notifyStat('registered')).toBe(0)
    expect(double.notifyStat('left_at_release')).toBe(0)
    expect(healthOf(device).callbackUnregistered).toBe(true)
  })

  it('a registration refused half way is noted, and only the callbacks set are removed', async () => {
    double.setFaults('fail=hailo_set_notification_callback:6@3')
    const device = await open()
    const health = healthOf(device)
    expect(health.registeredIds).toHaveLength(LISTENED - 1)
    const window = await health.openWindow()
    expect((await window.close()).unavailable).toEqual(['hailo_set_notification_callback(3): HAILO_INVALID_OPERATION'])
    await device.dispose()
    expect(double.calls(REMOVE)).toBe(LISTENED - 1)
    expect(double.notifyStat('registered')).toBe(0)
    expect(double.notifyStat('left_at_release')).toBe(0)
  })

  it('a timed-out inference: the broken model and the device still release every callback', async () => {
    const device = await open()
    const model = await device.load(arcface, { format: 'raw', timeoutMs: 50 })
    const window = await device.health!.openWindow()
    double.setFaults('timeout_read=1,notify=cpu_ecc_fatal@1')
    await expect(model.infer(frame(1))).rejects.toThrow(DeviceTimeoutError)
    const health = await window.close()
    expect(health.events.map((e) => [e.kind, e.run])).toEqual([['cpu-ecc-fatal', 1]])
    await device.dispose()
    expect(double.calls(REMOVE)).toBe(LISTENED)
    expect(double.notifyStat('registered')).toBe(0)
  })

  it('an aborted inference: the device still releases every callback', async () => {
    const device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('delay_read_ms=200')
    const controller = new AbortController()
    const running = model.infer(frame(1), { signal: controller.signal })
    controller.abort()
    await running.catch(() => undefined)
    await expect(model.infer(frame(2), { signal: controller.signal })).rejects.toThrow(AbortedError)
    await device.dispose()
    expect(double.calls(REMOVE)).toBe(LISTENED)
    expect(double.notifyStat('registered')).toBe(0)
    expect(double.notifyStat('left_at_release')).toBe(0)
  })

  it('a removal HailoRT refuses is reported, and the vdevice is still released and the callback unregistered', async () => {
    const device = await open()
    double.setFaults(`fail=${REMOVE}:8@1`)
    await expect(device.dispose()).rejects.toThrow(/Removing the board's notification callbacks failed: .*\(1\)/)
    expect(double.live('vdevice')).toBe(0)
    expect(double.calls(REMOVE)).toBe(LISTENED)
    expect(healthOf(device).callbackUnregistered).toBe(true)
    // HailoRT dropped the one it refused to remove with the device.
    expect(double.notifyStat('left_at_release')).toBe(1)
  })

  // The helper transpiles the backend as it loads (≈ 10 s on a loaded 2-core machine): generous limits.
  it(
    'process exit without a dispose: the callbacks are removed before the process ends',
    { timeout: 90_000 },
    async () => {
      const helper = await startHelper('exit-without-dispose.ts', [arcface], process.env, 80_000)
      expect(helper.firstLine).toBe(`removed=${LISTENED} registered=0`)
      await helper.kill()
    },
  )
})
