import { describe, expect, it } from 'vitest'
import { AbortedError, DeviceTimeoutError, NativeCallError } from '../../../errors.js'
import type { Tensor } from '../../../tensor/types.js'
import './register.js'
import { useDoubleChip } from './test-support/double-suite.js'

const { double, arcface, open } = useDoubleChip()
const frame = (seed: number): Tensor => ({
  data: new Uint8Array(112 * 112 * 3).fill(seed),
  shape: [1, 112, 112, 3],
  dtype: 'uint8',
})
const bytes = (t: Tensor | undefined) => Buffer.from(t!.data.buffer, t!.data.byteOffset, t!.data.byteLength)
const OUT = 'arcface_mobilefacenet/fc1'

describe('every handle is released when loading fails half way', () => {
  const steps = [
    'hailo_create_hef_file',
    'hailo_get_network_groups_infos',
    'hailo_hef_get_all_vstream_infos',
    'hailo_init_configure_params_by_vdevice',
    'hailo_configure_vdevice',
    'hailo_make_input_vstream_params',
    'hailo_create_input_vstreams',
    'hailo_make_output_vstream_params',
    'hailo_create_output_vstreams',
    'hailo_get_input_vstream_info',
    'hailo_get_output_vstream_quant_infos',
    'hailo_get_output_vstream_frame_size',
  ]
  for (const step of steps) {
    it(`when ${step} fails`, async () => {
      await using device = await open()
      const before = double.liveHandles()
      double.setFaults(`fail=${step}:8`)
      const error = await device.load(arcface).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NativeCallError)
      expect((error as NativeCallError).operation).toBe(step)
      expect((error as NativeCallError).status).toBe(8)
      expect(double.liveHandles()).toBe(before)
      double.setFaults('')
      // The device is still usable after the failed load.
      const model = await device.load(arcface, { format: 'raw' })
      expect((await model.infer(frame(1)))[OUT]!.data).toHaveLength(512)
    })
  }

  it('releases everything when opening the vdevice fails, and the chip opens afterwards', async () => {
    double.setFaults('fail=hailo_create_vdevice:36')
    await expect(open()).rejects.toThrow(/HAILO_DRIVER_OPERATION_FAILED/)
    expect(double.liveHandles()).toBe(0)
    double.setFaults('')
    await (await open()).dispose()
  })

  it('reports a failing release but still releases the rest, then the chip opens again', async () => {
    const device = await open()
    await device.load(arcface)
    double.setFaults('fail=hailo_release_output_vstreams:8@1')
    await expect(device.dispose()).rejects.toThrow(/hailo_release_output_vstreams/)
    // The failed release is the only leak (the double refused it); everything after it still ran.
    expect(double.live('input_vstream')).toBe(0)
    expect(double.live('hef')).toBe(0)
    expect(double.live('vdevice')).toBe(0)
    double.setFaults('')
    await (await open()).dispose()
  })
})

describe('inference faults', () => {
  it('a read that times out is a DeviceTimeoutError, and the model refuses to go on with possibly stale queues', async () => {
    await using device = await open()
    const baseline = ['vdevice', 'hef', 'input_vstream', 'output_vstream'].map((k) => double.live(k as 'hef'))
    const model = await device.load(arcface, { format: 'raw', timeoutMs: 100 })
    double.setFaults('timeout_read=2')
    await model.infer(frame(1))
    const error = await model.infer(frame(2)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeviceTimeoutError)
    expect((error as Error).message).toMatch(/status 4 \(HAILO_TIMEOUT\)[\s\S]*timeoutMs[\s\S]*100 ms/)
    await expect(model.infer(frame(3))).rejects.toThrow(/failed half way[\s\S]*load the model again/)
    await model.dispose()
    expect(['vdevice', 'hef', 'input_vstream', 'output_vstream'].map((k) => double.live(k as 'hef'))).toEqual(baseline)
  })

  it('a failed write breaks only its model: nothing is read for it, and the reader thread serves the next model of the device', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const clean = bytes((await model.infer(frame(3)))[OUT])
    double.setFaults('fail=hailo_vstream_write_raw_buffer:8')
    const error = await model.infer(frame(3)).catch((e: unknown) => e)
    expect((error as NativeCallError).operation).toBe('hailo_vstream_write_raw_buffer')
    expect(double.calls('hailo_vstream_read_raw_buffer')).toBe(0) // nothing was read for a frame never written
    double.setFaults('')
    await expect(model.infer(frame(3))).rejects.toThrow(/failed half way/)
    await model.dispose()
    const next = await device.load(arcface, { format: 'raw' })
    expect(bytes((await next.infer(frame(3)))[OUT])).toEqual(clean)
  })

  it('a slow chip does not freeze the JavaScript thread', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('delay_read_ms=300')
    let ticks = 0
    const timer = setInterval(() => ticks++, 10)
    await model.infer(frame(1))
    clearInterval(timer)
    expect(ticks).toBeGreaterThanOrEqual(10)
  })

  it('stops at the abort signal at once, finishes the frame in the background, and disposes cleanly', async () => {
    await using device = await open()
    const baseline = double.live('output_vstream')
    const model = await device.load(arcface, { format: 'raw' })
    const clean = (await model.infer(frame(5)))[OUT]
    double.setFaults('delay_read_ms=1000')
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(new Error('test timed out')), 30)
    await expect(model.infer(frame(6), { signal: controller.signal })).rejects.toThrow(AbortedError)
    expect(Date.now() - started).toBeLessThan(700) // well before the 1 s read completes
    double.setFaults('')
    // The aborted frame was read to the end, so the next result is this input's, not a stale one.
    expect(bytes((await model.infer(frame(5)))[OUT])).toEqual(bytes(clean))
    await model.dispose()
    expect(double.live('output_vstream')).toBe(baseline)
  })

  it("passes the double's corruptions through untouched: random, stale previous frame, bit flips", async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const a = (await model.infer(frame(1)))[OUT]
    const b = (await model.infer(frame(2)))[OUT]
    double.setFaults('corrupt=stale')
    expect(bytes((await model.infer(frame(2)))[OUT])).toEqual(bytes(b))
    expect(bytes((await model.infer(frame(1)))[OUT])).toEqual(bytes(b)) // the previous frame's output
    double.setFaults('corrupt=bitflip,seed=3')
    const flipped = bytes((await model.infer(frame(1)))[OUT])
    let bits = 0
    bytes(a).forEach((v, i) => {
      for (let x = v ^ flipped[i]!; x; x &= x - 1) bits++
    })
    expect(bits).toBe(1)
    double.setFaults('corrupt=random,seed=4')
    expect(bytes((await model.infer(frame(1)))[OUT])).not.toEqual(bytes(a))
  })
})
