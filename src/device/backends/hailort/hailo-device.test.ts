import { describe, expect, it, vi } from 'vitest'
import { InputMismatchError, NativeCallError, UnknownNameError, UnsupportedModelError } from '../../../errors.js'
import type { Tensor } from '../../../tensor/types.js'
import './register.js'
import { writeModel, type DoubleModel } from './test-support/double.js'
import { useDoubleChip } from './test-support/double-suite.js'

// Opening, info, locks, the service and the log file are in hailo-device-open.test.ts.
const { double, dir, arcface, open } = useDoubleChip()

function image(seed: number): Uint8Array {
  const data = new Uint8Array(112 * 112 * 3)
  let s = seed >>> 0
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    data[i] = s >>> 24
  }
  return data
}
const tensor = (data: Uint8Array | Float32Array): Tensor =>
  data instanceof Uint8Array
    ? { data, shape: [1, 112, 112, 3], dtype: 'uint8' }
    : { data, shape: [1, 112, 112, 3], dtype: 'float32' }
describe('openDevice("hailo") against the libhailort double', () => {
  it('opens, loads on the float32 path with HailoRT-style infos, and releases every handle', async () => {
    const device = await open()
    const model = await device.load(arcface)
    expect(model.inputs).toEqual([
      {
        name: 'arcface_mobilefacenet/input_layer1',
        shape: [1, 112, 112, 3],
        dtype: 'float32',
        layout: 'NHWC',
        quant: { scale: 1, zeroPoint: 0, min: 0, max: 255 },
      },
    ])
    expect(model.outputs[0]).toMatchObject({
      name: 'arcface_mobilefacenet/fc1',
      shape: [1, 512],
      dtype: 'float32',
      layout: 'NC',
      quant: { zeroPoint: 144 },
    })
    expect(model.outputs[0]!.quant!.scale).toBeCloseTo(0.01673891767859459, 12)
    expect(double.liveHandles()).toBe(4) // vdevice, hef, one input and one output vstream
    await device.dispose()
    expect(double.liveHandles()).toBe(0)
  })

  it('keeps the device types on the raw path and agrees with the float32 path within one quantization step', async () => {
    await using device = await open()
    const raw = await device.load(arcface, { format: 'raw' })
    const float = await device.load(arcface, { format: 'float32' })
    expect(raw.inputs[0]!.dtype).toBe('uint8')
    expect(raw.outputs[0]!.dtype).toBe('uint8')
    const { scale, zeroPoint } = raw.outputs[0]!.quant!
    for (const seed of [1, 2, 3]) {
      const pixels = image(seed)
      const q = (await raw.infer(tensor(pixels)))['arcface_mobilefacenet/fc1']!.data as Uint8Array
      const f = (await float.infer(tensor(Float32Array.from(pixels))))['arcface_mobilefacenet/fc1']!
        .data as Float32Array
      for (let i = 0; i < q.length; i++) expect(Math.abs(f[i]! / scale + zeroPoint - q[i]!)).toBeLessThanOrEqual(1)
    }
  })

  it('is deterministic for the same input and sensitive to a one-pixel change', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const a = image(7)
    const out1 = (await model.infer(tensor(a)))['arcface_mobilefacenet/fc1']!.data
    const out2 = (await model.infer(tensor(a)))['arcface_mobilefacenet/fc1']!.data
    expect(Buffer.from(out2.buffer)).toEqual(Buffer.from(out1.buffer))
    const b = a.slice()
    b[0] = b[0]! ^ 1
    const out3 = (await model.infer(tensor(b)))['arcface_mobilefacenet/fc1']!.data
    expect(Buffer.from(out3.buffer)).not.toEqual(Buffer.from(out1.buffer))
  })

  it('refuses 0–1 float pixels for an identity-quantized input instead of letting HailoRT round them to 0 or 1', async () => {
    await using device = await open()
    const model = await device.load(arcface)
    const pixels = Float32Array.from(image(3), (v) => v / 255)
    await expect(model.infer(tensor(pixels))).rejects.toThrow(InputMismatchError)
    await expect(model.infer(tensor(pixels))).rejects.toThrow(
      /pixels scaled to 0–1 would all become 0 or 1[\s\S]*format: "raw"/,
    )
  })

  it('refuses a frame of the wrong size before any native call', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('') // resets the call counters
    await model.infer({ data: image(1), shape: [1, 112, 112, 3], dtype: 'uint8' })
    expect(double.calls('hailo_vstream_write_raw_buffer')).toBe(1)
    await expect(model.infer({ data: new Uint8Array(10), shape: [1, 10], dtype: 'uint8' })).rejects.toThrow(
      InputMismatchError,
    )
    expect(double.calls('hailo_vstream_write_raw_buffer')).toBe(1)
  })

  it('refuses NMS outputs with a message that says why, releasing the HEF', async () => {
    await using device = await open()
    const nms: DoubleModel = {
      groups: [
        {
          name: 'yolo',
          vstreams: [
            { direction: 'in', name: 'yolo/input', shape: [8, 8, 3] },
            { direction: 'out', name: 'yolo/nms', order: 'NMS_BY_CLASS', type: 'uint16', shape: [100, 1, 80] },
          ],
        },
      ],
    }
    await expect(device.load(writeModel(dir, 'nms.hef', nms))).rejects.toThrow(UnsupportedModelError)
    await expect(device.load(writeModel(dir, 'nms.hef', nms))).rejects.toThrow(/"yolo\/nms"[\s\S]*padding/)
    expect(double.live('hef')).toBe(0)
  })

  it('chooses a network group by name and lists the real ones for an unknown name', async () => {
    await using device = await open()
    const two: DoubleModel = {
      groups: [
        {
          name: 'first',
          vstreams: [
            { direction: 'in', name: 'first/in', shape: [2, 2, 1] },
            { direction: 'out', name: 'first/out', order: 'NC', shape: [1, 1, 4] },
          ],
        },
        {
          name: 'second',
          vstreams: [
            { direction: 'in', name: 'second/in', shape: [4, 4, 1] },
            { direction: 'out', name: 'second/out', order: 'NC', shape: [1, 1, 8] },
          ],
        },
      ],
    }
    const path = writeModel(dir, 'two.hef', two)
    const second = await device.load(path, { networkGroup: 'second', format: 'raw' })
    expect(second.outputs.map((o) => [o.name, o.shape])).toEqual([['second/out', [1, 8]]])
    const out = await second.infer({ data: new Uint8Array(16), shape: [1, 4, 4, 1], dtype: 'uint8' })
    expect(out['second/out']!.data).toHaveLength(8)
    const error = await device.load(path, { networkGroup: 'third' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnknownNameError)
    expect((error as Error).message).toMatch(/no network group "third"; it has: "first", "second"/)
  })

  it('keeps per-channel quantization on outputs and dequantizes each channel with its own parameters', async () => {
    await using device = await open()
    const perChannel = [
      { zp: 10, scale: 0.5, min: -5, max: 122 },
      { zp: 128, scale: 0.01, min: -1.28, max: 1.27 },
      { zp: 0, scale: 2, min: 0, max: 510 },
    ]
    const path = writeModel(dir, 'pc.hef', {
      groups: [
        {
          name: 'pc',
          vstreams: [
            { direction: 'in', name: 'pc/in', shape: [4, 4, 3], quant: { zp: 0, scale: 1, min: 0, max: 255 } },
            { direction: 'out', name: 'pc/out', shape: [2, 2, 3], perChannel },
          ],
        },
      ],
    })
    const raw = await device.load(path, { format: 'raw' })
    const float = await device.load(path)
    const q = raw.outputs[0]!.quant!
    expect(q.perChannel).toEqual({
      axis: 3,
      params: perChannel.map((p) => ({
        scale: Math.fround(p.scale),
        zeroPoint: p.zp,
        min: Math.fround(p.min),
        max: Math.fround(p.max),
      })),
    })
    const input = new Uint8Array(48).map((_, i) => i * 5)
    const r = (await raw.infer({ data: input, shape: [1, 4, 4, 3], dtype: 'uint8' }))['pc/out']!.data as Uint8Array
    const f = (await float.infer({ data: Float32Array.from(input), shape: [1, 4, 4, 3], dtype: 'float32' }))['pc/out']!
      .data as Float32Array
    r.forEach((value, i) => {
      const p = q.perChannel!.params[i % 3]!
      expect(f[i]).toBe(Math.fround((value - p.zeroPoint) * p.scale))
    })
  })

  it('loads a HEF from memory as well as from a file, and passes batchSize to the configure parameters', async () => {
    await using device = await open()
    const { readFileSync } = await import('node:fs')
    const model = await device.load(new Uint8Array(readFileSync(arcface)), { format: 'raw', batchSize: 4 })
    expect(model.source).toBe('<bytes>')
    expect(double.lastBatchSize()).toBe(4)
    expect(double.calls('hailo_create_hef_buffer')).toBeGreaterThan(0)
    await device.load(arcface)
    expect(double.lastBatchSize()).toBe(0) // HAILO_DEFAULT_BATCH_SIZE: HailoRT decides
  })

  it('turns an invalid HEF into status 26 with a hint, and releases nothing twice', async () => {
    await using device = await open()
    const error = await device.load(new Uint8Array([1, 72, 69, 70, 0, 0, 0, 1])).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NativeCallError)
    expect((error as NativeCallError).status).toBe(26)
    expect((error as Error).message).toMatch(
      /hailo_create_hef_buffer failed with HailoRT status 26 \(HAILO_INVALID_HEF\) for <bytes>[\s\S]*Dataflow Compiler/,
    )
    expect(double.live('hef')).toBe(0)
  })

  it('writes every input and reads every output of a multi-input, multi-output model', async () => {
    await using device = await open()
    const path = writeModel(dir, 'multi.hef', {
      groups: [
        {
          name: 'm',
          vstreams: [
            { direction: 'in', name: 'm/a', shape: [2, 2, 1] },
            { direction: 'in', name: 'm/b', order: 'NC', shape: [1, 1, 5] },
            { direction: 'out', name: 'm/x', order: 'NC', shape: [1, 1, 3] },
            { direction: 'out', name: 'm/y', shape: [2, 2, 2] },
          ],
        },
      ],
    })
    const model = await device.load(path, { format: 'raw' })
    expect(model.inputs.map((i) => i.name)).toEqual(['m/a', 'm/b'])
    const a = { data: new Uint8Array([1, 2, 3, 4]), shape: [1, 2, 2, 1], dtype: 'uint8' } as Tensor
    const b = { data: new Uint8Array([5, 6, 7, 8, 9]), shape: [1, 5], dtype: 'uint8' } as Tensor
    const out1 = await model.infer({ 'm/a': a, 'm/b': b })
    expect(Object.keys(out1).sort()).toEqual(['m/x', 'm/y'])
    expect(out1['m/y']!.shape).toEqual([1, 2, 2, 2])
    const b2 = { shape: b.shape, dtype: 'uint8' as const, data: new Uint8Array([5, 6, 7, 8, 10]) }
    const out2 = await model.infer({ 'm/a': a, 'm/b': b2 })
    expect(Buffer.from(out2['m/x']!.data.buffer)).not.toEqual(Buffer.from(out1['m/x']!.data.buffer)) // both inputs reach the chip
  })

  it('infers without a koffi asynchronous call: synchronous writes (one frame in flight) and one reader-thread round trip for all outputs', async () => {
    await using device = await open()
    const path = writeModel(dir, 'multi-out.hef', {
      groups: [
        {
          name: 'k',
          vstreams: [
            { direction: 'in', name: 'k/in', shape: [4, 4, 3] },
            { direction: 'out', name: 'k/x', order: 'NC', shape: [1, 1, 10] },
            { direction: 'out', name: 'k/y', type: 'uint16', order: 'NC', shape: [1, 1, 7] },
            { direction: 'out', name: 'k/z', shape: [2, 2, 2] },
          ],
        },
      ],
    })
    const model = await device.load(path, { format: 'raw' })
    const input = { data: new Uint8Array(48).map((_, i) => i), shape: [1, 4, 4, 3], dtype: 'uint8' } as Tensor
    const asyncCalls = vi.spyOn(device.library, 'callAsync')
    try {
      double.setFaults('') // resets the call counters
      const first = await model.infer(input)
      const snapshot = Object.fromEntries(
        Object.entries(first).map(([k, t]) => [
          k,
          Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex'),
        ]),
      )
      const changed = {
        shape: input.shape,
        dtype: 'uint8' as const,
        data: (input.data as Uint8Array).map((v) => v ^ 1),
      }
      await model.infer(changed)
      expect(asyncCalls).not.toHaveBeenCalled()
      expect(double.calls('hailo_vstream_write_raw_buffer')).toBe(2)
      expect(double.calls('hailo_vstream_read_raw_buffer')).toBe(6)
      // Each result owns its memory: the next inference does not change an earlier one.
      for (const [name, t] of Object.entries(first)) {
        expect(t.data.buffer).toBeInstanceOf(ArrayBuffer)
        expect(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex'), name).toBe(
          snapshot[name],
        )
      }
      expect(first['k/y']!.data).toBeInstanceOf(Uint16Array)
      expect(first['k/y']!.shape).toEqual([1, 7])
    } finally {
      asyncCalls.mockRestore()
    }
  })

  it('reads 16-bit layers as uint16 on the raw path', async () => {
    await using device = await open()
    const path = writeModel(dir, 'u16.hef', {
      groups: [
        {
          name: 'w',
          vstreams: [
            { direction: 'in', name: 'w/in', shape: [2, 2, 1] },
            {
              direction: 'out',
              name: 'w/out',
              type: 'uint16',
              order: 'NC',
              shape: [1, 1, 6],
              quant: { zp: 32768, scale: 0.001, min: -32, max: 32 },
            },
          ],
        },
      ],
    })
    const model = await device.load(path, { format: 'raw' })
    expect(model.outputs[0]!.dtype).toBe('uint16')
    const out = await model.infer({ data: new Uint8Array(4), shape: [1, 2, 2, 1], dtype: 'uint8' })
    expect(out['w/out']!.data).toBeInstanceOf(Uint16Array)
  })
})
