import { describe, expect, test } from 'vitest'
import {
  AbortedError,
  DisposedError,
  InputMismatchError,
  InvalidArgumentError,
  NonFiniteInputError,
  OutputMismatchError,
} from '../errors.js'
import type { InputSource } from './types.js'
import { EchoDevice, type EchoModel, MODEL_BYTES } from './test-support/echo-device.js'

async function loadEcho(): Promise<{ device: EchoDevice; model: EchoModel }> {
  const device = new EchoDevice('echo')
  const model = (await device.load(MODEL_BYTES)) as EchoModel
  return { device, model }
}

const x = new Float32Array([1, 2, 3, 4])

describe('BaseLoadedModel', () => {
  test('resolves a bare typed array against the declared input and returns checked outputs', async () => {
    const { model } = await loadEcho()
    const out = await model.infer(x)
    expect(out.y?.shape).toEqual([1, 4])
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1, 2, 3, 4])
    expect(model.stats.calls).toBe(1)
    expect(model.stats.last?.inferMs).toBeGreaterThanOrEqual(0)
  })

  test('gives every model a unique, readable id', async () => {
    const { device, model } = await loadEcho()
    const other = await device.load(MODEL_BYTES)
    expect(model.id).toMatch(/^onnx:<bytes>#\d+$/)
    expect(other.id).not.toBe(model.id)
  })

  test('refuses an input of the wrong size before the backend sees it', async () => {
    const { model } = await loadEcho()
    await expect(model.infer(new Float32Array(3))).rejects.toBeInstanceOf(InputMismatchError)
    expect(model.calls).toBe(0)
  })

  test('refuses unknown infer options and a signal that is not an AbortSignal', async () => {
    const { model } = await loadEcho()
    await expect(model.infer(x, { sigal: 1 } as never)).rejects.toThrow(/Unknown key "sigal"/)
    await expect(model.infer(x, { signal: 'stop' } as never)).rejects.toBeInstanceOf(InvalidArgumentError)
  })

  test('refuses to run after dispose, with a DisposedError naming the model', async () => {
    const { model } = await loadEcho()
    await model.dispose()
    await expect(model.infer(x)).rejects.toBeInstanceOf(DisposedError)
    await expect(model.infer(x)).rejects.toThrow(model.id)
  })

  test('dispose is idempotent and releases the backend once', async () => {
    const { model } = await loadEcho()
    await Promise.all([model.dispose(), model.dispose()])
    await model.dispose()
    await model[Symbol.asyncDispose]()
    expect(model.disposeCount).toBe(1)
    expect(model.disposed).toBe(true)
  })

  test('await using disposes at the end of the scope', async () => {
    const device = new EchoDevice('echo')
    let held: EchoModel
    {
      await using model = (await device.load(MODEL_BYTES)) as EchoModel
      held = model
      await model.infer(x)
    }
    expect(held.disposeCount).toBe(1)
  })

  test('an already-aborted signal stops the call before the backend runs', async () => {
    const { model } = await loadEcho()
    const controller = new AbortController()
    controller.abort()
    await expect(model.infer(x, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError)
    expect(model.calls).toBe(0)
  })

  test('aborting during a stuck inference rejects at once, and dispose waits for the call to end', async () => {
    const { model } = await loadEcho()
    let finish!: () => void
    model.behave = () =>
      new Promise(
        (resolve) => (finish = () => resolve({ y: { data: new Float32Array(4), shape: [1, 4], dtype: 'float32' } })),
      )
    const controller = new AbortController()
    const pending = model.infer(x, { signal: controller.signal })
    await new Promise((r) => setTimeout(r, 5))
    controller.abort(new Error('test timed out'))
    await expect(pending).rejects.toThrow(/aborted: test timed out/)
    const disposed = model.dispose()
    let released = false
    void disposed.then(() => (released = true))
    await new Promise((r) => setTimeout(r, 5))
    expect(released).toBe(false)
    finish()
    await disposed
    expect(model.disposeCount).toBe(1)
  })

  test('runs calls one at a time, in order', async () => {
    const { model } = await loadEcho()
    const order: number[] = []
    let running = 0
    model.behave = async (inputs, _o, call) => {
      running += 1
      expect(running).toBe(1)
      await new Promise((r) => setTimeout(r, 3 - (call % 3)))
      order.push(call)
      running -= 1
      return { y: { data: (inputs.x!.data as Float32Array).slice(), shape: [1, 4], dtype: 'float32' } }
    }
    await Promise.all([1, 2, 3, 4, 5].map(() => model.infer(x)))
    expect(order).toEqual([1, 2, 3, 4, 5])
  })

  test('a call accepted before dispose still runs; one after it is refused', async () => {
    const { model } = await loadEcho()
    const first = model.infer(x)
    void model.dispose()
    await first
    await expect(model.infer(x)).rejects.toBeInstanceOf(DisposedError)
    expect(model.calls).toBe(1)
  })

  test("the caller's value fed again is scanned again: NaN written into its buffer is refused", async () => {
    const { model } = await loadEcho()
    const data = new Float32Array([1, 2, 3, 4])
    const sources: InputSource[] = [data, { data, shape: [1, 4], dtype: 'float32' }, { x: data }]
    for (const source of sources) {
      data[2] = 3
      expect(Array.from((await model.infer(source)).y!.data as Float32Array)).toEqual([1, 2, 3, 4])
      data[2] = 30
      expect(Array.from((await model.infer(source)).y!.data as Float32Array)).toEqual([1, 2, 30, 4])
      data[2] = Number.NaN
      await expect(model.infer(source)).rejects.toBeInstanceOf(NonFiniteInputError)
    }
    expect(model.calls).toBe(6)
  })

  test('a failed call neither stops the calls queued after it nor dispose', async () => {
    const { model } = await loadEcho()
    model.behave = (inputs, _o, call) => {
      if (call === 1) throw new Error('the device fell over')
      return { y: { data: (inputs.x!.data as Float32Array).slice(), shape: [1, 4], dtype: 'float32' } }
    }
    const first = model.infer(x)
    const second = model.infer(x)
    await expect(first).rejects.toThrow('the device fell over')
    expect(Array.from((await second).y!.data as Float32Array)).toEqual([1, 2, 3, 4])
    model.behave = () => Promise.reject(new Error('again'))
    const third = model.infer(x)
    const disposed = model.dispose()
    await expect(third).rejects.toThrow('again')
    await disposed
    expect(model.disposeCount).toBe(1)
  })

  describe('output checks (the device is at fault)', () => {
    const cases: [string, unknown, RegExp][] = [
      ['a missing output', {}, /did not return its declared output "y"/],
      [
        'an undeclared output',
        { y: { data: new Float32Array(4), shape: [1, 4], dtype: 'float32' }, z: 1 },
        /undeclared output\(s\) "z"/,
      ],
      ['the wrong dtype', { y: { data: new Uint8Array(4), shape: [1, 4], dtype: 'uint8' } }, /should be float32/],
      [
        'the wrong shape',
        { y: { data: new Float32Array(4), shape: [4], dtype: 'float32' } },
        /should have shape \[1, 4\]/,
      ],
      [
        'a truncated buffer',
        { y: { data: new Float32Array(3), shape: [1, 4], dtype: 'float32' } },
        /truncated or oversized/,
      ],
      ['not a tensor', { y: [1, 2, 3, 4] }, /not a tensor/],
    ]
    test.each(cases)('refuses %s', async (_name, returned, message) => {
      const { model } = await loadEcho()
      model.behave = () => returned
      const error = await model.infer(x).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OutputMismatchError)
      expect((error as Error).message).toMatch(message)
    })
  })
})
