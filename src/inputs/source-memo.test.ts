import { describe, expect, test } from 'vitest'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { resolveInputs } from './resolve.js'
import { rememberSource, resolvedAgain } from './source-memo.js'

const infos = (): readonly TensorInfo[] => [{ name: 'x', shape: [1, 2, 2, 3], dtype: 'float32', layout: 'NHWC' }]
const tensor = (): Tensor => ({ data: new Float32Array(12).fill(0.5), shape: [2, 2, 3], dtype: 'float32' })

async function kept(inputs: readonly TensorInfo[], source: unknown): Promise<Readonly<Record<string, Tensor>>> {
  const result = await resolveInputs(inputs, source as Tensor)
  rememberSource(inputs, source, result)
  return result
}

describe("the caller's own value fed again", () => {
  test('a tensor, a record and a bare typed array come back as their kept resolution', async () => {
    for (const source of [tensor(), { x: tensor() }, new Float32Array(12)]) {
      const inputs = infos()
      const result = await kept(inputs, source)
      expect(resolvedAgain(inputs, source)).toBe(result)
    }
  })

  test('new contents are scanned again: a NaN written into the buffer is not handed back', async () => {
    const inputs = infos()
    const source = tensor()
    await kept(inputs, source)
    source.data[7] = Number.NaN
    expect(resolvedAgain(inputs, source)).toBeUndefined()
    source.data[7] = Number.POSITIVE_INFINITY
    expect(resolvedAgain(inputs, { x: source })).toBeUndefined()
  })

  test('only the very value kept, for the very inputs array it was resolved against', async () => {
    const inputs = infos()
    const source = tensor()
    await kept(inputs, source)
    expect(resolvedAgain(inputs, tensor())).toBeUndefined()
    expect(resolvedAgain(infos(), source)).toBeUndefined()
  })

  test('a swapped array, a changed shape or dtype, or an added or swapped record entry is resolved again', async () => {
    const inputs = infos()
    const changes: ((t: { -readonly [K in keyof Tensor]: Tensor[K] }) => void)[] = [
      (t) => (t.data = new Float32Array(12)),
      (t) => ((t.shape as number[])[0] = 1),
      (t) => (t.shape = [1, 2, 2, 3]),
      (t) => (t.dtype = 'float64'),
    ]
    for (const change of changes) {
      const source = tensor()
      await kept(inputs, source)
      change(source)
      expect(resolvedAgain(inputs, source)).toBeUndefined()
    }
    const record: Record<string, Tensor> = { x: tensor() }
    await kept(inputs, record)
    record.extra = tensor()
    expect(resolvedAgain(inputs, record)).toBeUndefined()
    delete record.extra
    expect(resolvedAgain(inputs, record)).toBeDefined()
    record.x = tensor()
    expect(resolvedAgain(inputs, record)).toBeUndefined()
  })

  test('a resolution that copied (a conversion) is not kept: the copy would hold the old contents', async () => {
    const inputs = infos()
    const pixels: Tensor = { data: new Uint8Array(12).fill(3), shape: [1, 2, 2, 3], dtype: 'uint8' }
    await kept(inputs, pixels)
    expect(resolvedAgain(inputs, pixels)).toBeUndefined()
  })

  test('a view whose resizable buffer shrank is resolved again', async () => {
    const inputs = infos()
    // Resizable buffers are ES2024; the project's lib is older, so the constructor is typed here.
    const Resizable = ArrayBuffer as unknown as new (
      bytes: number,
      options: { maxByteLength: number },
    ) => ArrayBuffer & { resize(bytes: number): void }
    const buffer = new Resizable(48, { maxByteLength: 96 })
    const view = new Float32Array(buffer)
    await kept(inputs, view)
    expect(resolvedAgain(inputs, view)).toBeDefined()
    buffer.resize(40)
    expect(resolvedAgain(inputs, view)).toBeUndefined()
  })

  test('a record for a model with no inputs is resolved again once a key is added', async () => {
    const inputs: readonly TensorInfo[] = []
    const record: Record<string, Tensor> = {}
    await kept(inputs, record)
    expect(resolvedAgain(inputs, record)).toBeDefined()
    record.extra = tensor()
    expect(resolvedAgain(inputs, record)).toBeUndefined()
  })

  test('a path is never kept: the file behind it may change', () => {
    const inputs = infos()
    rememberSource(inputs, 'frame.npy', { x: tensor() })
    expect(resolvedAgain(inputs, 'frame.npy')).toBeUndefined()
  })
})
