import { describe, expect, test } from 'vitest'
import { InputMismatchError, NonFiniteInputError } from '../errors.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { resolveInputs } from './resolve.js'
import { isStillResolved } from './resolved.js'

const infos: readonly TensorInfo[] = [{ name: 'x', shape: [1, 2, 2, 3], dtype: 'float32', layout: 'NHWC' }]
const tensor = (): Tensor => ({ data: new Float32Array(12).fill(0.5), shape: [2, 2, 3], dtype: 'float32' })

describe('resolved inputs are checked once', () => {
  test('a record resolveInputs returned comes back as it is when fed again for the same inputs', async () => {
    const resolved = await resolveInputs(infos, tensor())
    expect(isStillResolved(infos, resolved)).toBe(true)
    expect(await resolveInputs(infos, resolved)).toBe(resolved)
    const byName = await resolveInputs(infos, { x: tensor() })
    expect(await resolveInputs(infos, byName)).toBe(byName)
  })

  test('a caller record that was never resolved is checked, however it looks', async () => {
    const record = { x: { data: new Float32Array(12).fill(NaN), shape: [1, 2, 2, 3], dtype: 'float32' } as Tensor }
    expect(isStillResolved(infos, record)).toBe(false)
    await expect(resolveInputs(infos, record)).rejects.toThrowError(NonFiniteInputError)
  })

  test('a resolved record whose tensor was swapped is checked again', async () => {
    const resolved = await resolveInputs(infos, tensor())
    resolved.x = { data: new Float32Array(12).fill(NaN), shape: [1, 2, 2, 3], dtype: 'float32' }
    expect(isStillResolved(infos, resolved)).toBe(false)
    await expect(resolveInputs(infos, resolved)).rejects.toThrowError(NonFiniteInputError)
  })

  test('a resolved record whose tensor got other data, shape or dtype, or an extra key, is checked again', async () => {
    const data = await resolveInputs(infos, tensor())
    ;(data.x as { data: Float32Array }).data = new Float32Array(5)
    await expect(resolveInputs(infos, data)).rejects.toThrowError(InputMismatchError)

    const shape = await resolveInputs(infos, tensor())
    ;(shape.x!.shape as number[])[1] = 4
    await expect(resolveInputs(infos, shape)).rejects.toThrowError(InputMismatchError)

    const dtype = await resolveInputs(infos, tensor())
    ;(dtype.x as { dtype: string }).dtype = 'uint8'
    await expect(resolveInputs(infos, dtype)).rejects.toThrowError(InputMismatchError)

    const extra = await resolveInputs(infos, tensor())
    ;(extra as Record<string, unknown>).y = tensor()
    expect(isStillResolved(infos, extra)).toBe(false)
    await expect(resolveInputs(infos, extra)).rejects.toThrowError(/Unknown input name "y"/)
  })

  test('a record resolved for other inputs is checked against these', async () => {
    const resolved = await resolveInputs(infos, tensor())
    const other: readonly TensorInfo[] = [{ name: 'x', shape: [1, 3, 2, 2], dtype: 'float32', layout: 'NCHW' }]
    expect(isStillResolved(other, resolved)).toBe(false)
    // Checked and transposed NHWC → NCHW for the other model: a new record, not the same one.
    const again = await resolveInputs(other, resolved)
    expect(again).not.toBe(resolved)
    expect(again.x!.shape).toEqual([1, 3, 2, 2])
    // Same content, another array of infos (even an equal one): still checked.
    expect(isStillResolved([...infos], resolved)).toBe(false)
  })
})
