import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { DisposedError, InvalidArgumentError, ModelFileError } from '../errors.js'
import { EchoDevice, EchoModel, MODEL_BYTES } from './test-support/echo-device.js'
import { expectError } from '../../test/support/expect-error.js'

describe('BaseDevice', () => {
  test('disposing during a load waits for it: the loading model is released before the device', async () => {
    const device = new EchoDevice('echo')
    const events: string[] = []
    let finishLoad!: () => void
    device.loadDelay = new Promise<void>((resolve) => (finishLoad = resolve))
    const modelDispose = EchoModel.prototype['disposeImpl' as keyof EchoModel] as unknown as () => Promise<void>
    const deviceDispose = (device as unknown as { disposeImpl(): Promise<void> }).disposeImpl.bind(device)
    const patchedModel = EchoModel.prototype as unknown as { disposeImpl(): Promise<void> }
    patchedModel.disposeImpl = async function (this: EchoModel) {
      events.push('model released')
      return modelDispose.call(this)
    }
    ;(device as unknown as { disposeImpl(): Promise<void> }).disposeImpl = async () => {
      events.push('device released')
      await deviceDispose()
    }
    try {
      const loading = device.load(MODEL_BYTES).catch((e: unknown) => e)
      await new Promise((r) => setTimeout(r, 5)) // the load is now inside loadImpl
      const disposing = device.dispose()
      await new Promise((r) => setTimeout(r, 5))
      expect(events).toEqual([]) // nothing is released while the load runs
      finishLoad()
      expect(await loading).toBeInstanceOf(DisposedError)
      await disposing
      expect(events).toEqual(['model released', 'device released'])
      expect(device.liveModels).toBe(0)
    } finally {
      patchedModel.disposeImpl = modelDispose
    }
  })

  test('reads a model file and hands the backend its bytes and path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vh-device-'))
    const path = join(dir, 'm.onnx')
    await writeFile(path, MODEL_BYTES)
    const device = new EchoDevice('echo')
    const model = await device.load(path)
    expect(device.lastRequest?.path).toBe(path)
    expect(Array.from(device.lastRequest!.bytes)).toEqual(Array.from(MODEL_BYTES))
    expect(model.source).toBe(path)
    expect(model.id).toMatch(/^onnx:m\.onnx#\d+$/)
  })

  test('fingerprints bytes and load options: same inputs same hash, any change another', async () => {
    const device = new EchoDevice('echo')
    const a = await device.load(MODEL_BYTES, { threads: 1, format: 'raw' })
    const b = await device.load(new Uint8Array(MODEL_BYTES), { format: 'raw', threads: 1 })
    const c = await device.load(MODEL_BYTES, { threads: 2, format: 'raw' })
    const d = await device.load(new Uint8Array([8, 1, 2, 4]), { threads: 1, format: 'raw' })
    expect(a.fingerprint()).toMatch(/^[0-9a-f]{64}$/)
    expect(b.fingerprint()).toBe(a.fingerprint())
    expect(c.fingerprint()).not.toBe(a.fingerprint())
    expect(d.fingerprint()).not.toBe(a.fingerprint())
  })

  test('refuses a missing model file with a ModelFileError that names the path', async () => {
    const device = new EchoDevice('echo')
    const error = await expectError(device.load('no/such/model.onnx'), ModelFileError)
    expect(error.path).toBe('no/such/model.onnx')
    expect(error.message).toMatch(/does not exist/)
  })

  test('refuses a directory, an empty file and empty bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vh-device-'))
    const empty = join(dir, 'empty.onnx')
    await writeFile(empty, new Uint8Array(0))
    const device = new EchoDevice('echo')
    await expect(device.load(dir)).rejects.toThrow(/is a directory/)
    await expect(device.load(empty)).rejects.toThrow(/is empty/)
    await expect(device.load(new Uint8Array(0))).rejects.toBeInstanceOf(ModelFileError)
  })

  test('refuses a model that is neither a path nor bytes', async () => {
    const device = new EchoDevice('echo')
    await expect(device.load(42 as never)).rejects.toThrow(
      /Expected a model file path or a Uint8Array of its bytes for model but received 42/,
    )
    await expect(device.load('')).rejects.toBeInstanceOf(InvalidArgumentError)
  })

  test('refuses unknown load options and values out of their domain', async () => {
    const device = new EchoDevice('echo')
    await expect(device.load(MODEL_BYTES, { treads: 1 } as never)).rejects.toThrow(
      /Unknown key "treads" in load options/,
    )
    await expect(device.load(MODEL_BYTES, { threads: 0 })).rejects.toThrow(/for threads but received 0/)
    await expect(device.load(MODEL_BYTES, { format: 'uint8' } as never)).rejects.toThrow(
      /'float32' or 'raw' for format/,
    )
    await expect(device.load(MODEL_BYTES, { outputQuant: { y: { scale: 0, zeroPoint: 0 } } })).rejects.toThrow(
      /outputQuant\.y\.scale/,
    )
    await expect(device.load(MODEL_BYTES, { normalization: { mean: [1, 2, 3], std: [1] } })).rejects.toThrow(
      /normalization\.std/,
    )
  })

  test('info() adds kind and spec to what the backend reports', async () => {
    const device = new EchoDevice('echo:x')
    expect(await device.info()).toEqual({ kind: 'onnx', spec: 'echo:x', description: 'echo', versions: { echo: '1' } })
  })

  test('dispose releases every live model, newest first, once, and forgets disposed ones', async () => {
    const device = new EchoDevice('echo')
    const a = (await device.load(MODEL_BYTES)) as EchoModel
    const b = (await device.load(MODEL_BYTES)) as EchoModel
    const c = (await device.load(MODEL_BYTES)) as EchoModel
    await b.dispose()
    expect(device.liveModels).toBe(2)
    await Promise.all([device.dispose(), device[Symbol.asyncDispose]()])
    await device.dispose()
    expect([a.disposeCount, b.disposeCount, c.disposeCount]).toEqual([1, 1, 1])
    expect(device.disposeCount).toBe(1)
    expect(device.liveModels).toBe(0)
  })

  test('a disposed device refuses load and info', async () => {
    const device = new EchoDevice('echo')
    await device.dispose()
    await expect(device.load(MODEL_BYTES)).rejects.toBeInstanceOf(DisposedError)
    await expect(device.info()).rejects.toBeInstanceOf(DisposedError)
  })

  test('a model that finishes loading after its device was disposed is released, not handed out', async () => {
    const device = new EchoDevice('echo')
    let finish!: () => void
    device.loadDelay = new Promise((r) => (finish = r))
    const loading = device.load(MODEL_BYTES)
    await new Promise((r) => setTimeout(r, 5))
    const disposing = device.dispose() // waits for the load in flight (see the first test)
    finish()
    await disposing
    await expect(loading).rejects.toBeInstanceOf(DisposedError)
    expect(device.liveModels).toBe(0)
  })
})
