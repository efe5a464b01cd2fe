import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DeviceUnavailableError, HefNeedsChipError, ModelFileError, NativeCallError } from '../../../errors.js'
import { addModel, identityModel, matmulModel, multiInputModel } from '../../../../test/support/onnx/index.js'
import { openDevice } from '../../open.js'
import { resolveInputs } from '../../../inputs/resolve.js'
import type { Device } from '../../types.js'
import { expectError } from '../../../../test/support/expect-error.js'

let device: Device
let dir: string
beforeAll(async () => {
  device = await openDevice('onnx')
  dir = await mkdtemp(join(tmpdir(), 'vh-onnx-'))
})
afterAll(() => device.dispose())

const NOT_A_MODEL = new URL('../../testdata/not-a-model.onnx', import.meta.url).pathname

describe('onnx device', () => {
  test('declares inputs and outputs with dynamic dims kept symbolic and layouts guessed', async () => {
    await using model = await device.load(multiInputModel({ batch: 'batch' }).bytes)
    expect(model.inputs).toEqual([
      { name: 'image', shape: ['batch', 3, 4, 4], dtype: 'float32', layout: 'NCHW' },
      { name: 'mask', shape: ['batch', 1, 4, 4], dtype: 'uint8', layout: 'NCHW' },
    ])
    expect(model.outputs).toEqual([
      { name: 'masked', shape: ['batch', 3, 4, 4], dtype: 'float32', layout: 'NCHW' },
      { name: 'total_per_sample', shape: ['batch', 1], dtype: 'float32', layout: 'NC' },
    ])
  })

  test('runs a model: a + b, exactly', async () => {
    await using model = await device.load(addModel({ shape: [1, 4] }).bytes)
    const out = await model.infer({ a: new Float32Array([1, 2, 3, 4]), b: new Float32Array([0.5, 0.25, -3, 10]) })
    expect(Array.from(out.sum!.data as Float32Array)).toEqual([1.5, 2.25, 0, 14])
    expect(out.sum!.shape).toEqual([1, 4])
  })

  test('takes concrete sizes of dynamic dims from the input it is given', async () => {
    await using model = await device.load(matmulModel({ inFeatures: 8, outFeatures: 4, batch: 'batch' }).bytes)
    const out = await model.infer({ data: new Float32Array(3 * 8).fill(1), shape: [3, 8], dtype: 'float32' })
    expect(out.y!.shape).toEqual([3, 4])
    const rows = out.y!.data as Float32Array
    // Identical rows in, identical rows out.
    expect(Array.from(rows.subarray(4, 8))).toEqual(Array.from(rows.subarray(0, 4)))
  })

  test('passes integer inputs through, int64 included', async () => {
    await using model = await device.load(identityModel({ dtype: 'int64', shape: [1, 3] }).bytes)
    const out = await model.infer(new BigInt64Array([1n, -2n, 3n ** 30n]))
    expect(Array.from(out.output!.data as BigInt64Array)).toEqual([1n, -2n, 3n ** 30n])
  })

  test('returns its own copies: changing an output does not change the next one', async () => {
    await using model = await device.load(matmulModel().bytes)
    const x = new Float32Array(8).map((_, i) => i / 8)
    const first = await model.infer(x)
    const before = Array.from(first.y!.data as Float32Array)
    ;(first.y!.data as Float32Array).fill(0)
    const second = await model.infer(x)
    expect(Array.from(second.y!.data as Float32Array)).toEqual(before)
  })

  test('is bit-exact across runs and across fresh sessions', async () => {
    const bytes = matmulModel({ inFeatures: 64, outFeatures: 32, seed: 9 }).bytes
    const x = new Float32Array(64).map((_, i) => Math.sin(i))
    await using a = await device.load(bytes)
    await using b = await device.load(bytes, { threads: 2 })
    const r1 = (await a.infer(x)).y!.data as Float32Array
    const r2 = (await a.infer(x)).y!.data as Float32Array
    const r3 = (await b.infer(x)).y!.data as Float32Array
    expect(Buffer.from(r2.buffer).equals(Buffer.from(r1.buffer))).toBe(true)
    expect(Buffer.from(r3.buffer).equals(Buffer.from(r1.buffer))).toBe(true)
  })

  test('loads from a path and names the file in the model id', async () => {
    const path = join(dir, 'add.onnx')
    await writeFile(path, addModel().bytes)
    await using model = await device.load(path)
    expect(model.source).toBe(path)
    expect(model.id).toMatch(/^onnx:add\.onnx#\d+$/)
  })

  test('refuses a missing model file', async () => {
    await expect(device.load(join(dir, 'missing.onnx'))).rejects.toThrow(ModelFileError)
  })

  test('refuses a file that is not ONNX, with the runtime message as cause and what to do', async () => {
    const error = await expectError(device.load(NOT_A_MODEL), ModelFileError)
    expect(error.message).toMatch(/protobuf parsing failed/)
    expect(error.message).toMatch(/Re-export or copy it again/)
    expect(error.cause).toBeInstanceOf(Error)
  })

  test('refuses a HEF as a device problem (the chip is what is missing), naming the hailo device and the way to skip', async () => {
    const hef = new URL('../../../hef/testdata/arcface_mobilefacenet.hef', import.meta.url).pathname
    for (const spec of ['onnx', 'emulator']) {
      await using other = await openDevice(spec)
      const error = await expectError(other.load(hef), HefNeedsChipError)
      expect(error).toBeInstanceOf(DeviceUnavailableError)
      expect(error.message).toMatch(/is a HEF .*ONNX Runtime cannot run it.*device 'hailo'.*onMissingDevice: 'skip'/)
    }
  })

  test('refuses a truncated model', async () => {
    const bytes = matmulModel({ inFeatures: 64, outFeatures: 64 }).bytes
    const path = join(dir, 'truncated.onnx')
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const error = await expectError(device.load(path), ModelFileError)
    expect(error.path).toBe(path)
  })

  test('reports a runtime failure as a NativeCallError naming the operation', async () => {
    // Two dynamic dims that the graph requires equal: the runtime, not our checks, refuses them.
    await using model = await device.load(addModel({ shape: ['n', 'm'] }).bytes)
    const error = await model
      .infer({
        a: { data: new Float32Array(6), shape: [2, 3], dtype: 'float32' },
        b: { data: new Float32Array(6), shape: [3, 2], dtype: 'float32' },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NativeCallError)
    expect((error as NativeCallError).operation).toBe('InferenceSession.run')
  })

  test('info() names the runtime, its version and the pinned settings', async () => {
    const info = await device.info()
    expect(info.kind).toBe('onnx')
    expect(info.versions.onnxruntime).toBe('1.30.0')
    expect(info.extra).toMatchObject({ graphOptimizationLevel: 'extended', defaultThreads: 1 })
  })
})

describe('onnx device: a resolved record fed again', () => {
  test('reuses nothing stale: values changed in place reach the runtime, and records take turns', async () => {
    await using model = await device.load(identityModel({ dtype: 'float32', shape: ['n', 4] }).bytes)
    const data = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8])
    const record = await resolveInputs(model.inputs, { data, shape: [2, 4], dtype: 'float32' })
    const first = await model.infer(record)
    expect(Array.from(first[model.outputs[0]!.name]!.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    data[5] = 60 // the same record, the same buffer, a new value: a loop that refills one frame buffer
    const second = await model.infer(record)
    expect(Array.from(second[model.outputs[0]!.name]!.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 60, 7, 8])
    const half = await resolveInputs(model.inputs, { data: data.subarray(0, 4), shape: [1, 4], dtype: 'float32' })
    const other = await model.infer(half)
    expect(other[model.outputs[0]!.name]!.shape).toEqual([1, 4])
    const third = await model.infer(record)
    expect(third[model.outputs[0]!.name]!.shape).toEqual([2, 4])
  })
})

test("a run's outputs are its own: later runs do not write into them (the device hands them over without a copy)", async () => {
  await using model = await device.load(identityModel({ dtype: 'float32', shape: [1, 65536] }).bytes)
  const kept: Float32Array[] = []
  for (let i = 0; i < 6; i++) {
    const out = await model.infer({ data: new Float32Array(65536).fill(i), shape: [1, 65536], dtype: 'float32' })
    kept.push(out[model.outputs[0]!.name]!.data as Float32Array)
  }
  expect(new Set(kept.map((d) => d.buffer)).size).toBe(kept.length)
  kept.forEach((data, i) => expect(data.every((v) => v === i)).toBe(true))
})

test('a new record over the buffer of the record before (a fuzz case) runs its own values and shape', async () => {
  await using model = await device.load(identityModel({ dtype: 'float32', shape: ['n', 'm'] }).bytes)
  const data = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8])
  const out = async (shape: number[]) => {
    const o = (await model.infer(await resolveInputs(model.inputs, { data, shape, dtype: 'float32' })))[
      model.outputs[0]!.name
    ]!
    return { shape: o.shape, values: Array.from(o.data as Float32Array) }
  }
  expect(await out([2, 4])).toEqual({ shape: [2, 4], values: [1, 2, 3, 4, 5, 6, 7, 8] })
  data.set([9, 8, 7, 6, 5, 4, 3, 2]) // the next case, written into the same buffer
  expect(await out([2, 4])).toEqual({ shape: [2, 4], values: [9, 8, 7, 6, 5, 4, 3, 2] })
  expect(await out([4, 2])).toEqual({ shape: [4, 2], values: [9, 8, 7, 6, 5, 4, 3, 2] })
  expect(await out([2, 4])).toEqual({ shape: [2, 4], values: [9, 8, 7, 6, 5, 4, 3, 2] })
})

test('a resolved record over a resizable buffer that grew is not run on its old size', async () => {
  await using model = await device.load(identityModel({ dtype: 'float32', shape: ['n', 4] }).bytes)
  // Resizable buffers are ES2024; the project's lib is older, so the constructor is typed here.
  const Resizable = ArrayBuffer as unknown as new (
    bytes: number,
    options: { maxByteLength: number },
  ) => ArrayBuffer & { resize(bytes: number): void }
  const buffer = new Resizable(32, { maxByteLength: 64 })
  const data = new Float32Array(buffer) // tracks the buffer's length
  data.set([1, 2, 3, 4, 5, 6, 7, 8])
  const record = await resolveInputs(model.inputs, { data, shape: [2, 4], dtype: 'float32' })
  expect((await model.infer(record))[model.outputs[0]!.name]!.shape).toEqual([2, 4])
  buffer.resize(64)
  // 16 values now under a [2, 4] shape: refused as when the record was new, never run on the first 8.
  await expect(model.infer(record)).rejects.toThrow(/size|length/i)
})
