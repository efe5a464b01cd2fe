// PROVISIONAL(DETERMINISM): tests of the provisional generator; INPUTS replaces both files.
import { describe, expect, test } from 'vitest'
import { InputMismatchError, InvalidArgumentError } from '../errors.js'
import { syntheticInputs } from './synthetic.js'

describe('syntheticInputs', () => {
  const infos = [
    { name: 'image', shape: ['batch', 4, 4, 3], dtype: 'uint8', layout: 'NHWC' },
    { name: 'scale', shape: [1, 2], dtype: 'float32', layout: 'NC' },
  ] as const
  test('same seed, same bytes; another seed, other bytes', async () => {
    const a = await syntheticInputs(infos, 7)
    const b = await syntheticInputs(infos, { seed: 7 })
    const c = await syntheticInputs(infos, 8)
    expect(a.image!.shape).toEqual([1, 4, 4, 3])
    expect(Array.from(a.image!.data as Uint8Array)).toEqual(Array.from(b.image!.data as Uint8Array))
    expect(Array.from(a.image!.data as Uint8Array)).not.toEqual(Array.from(c.image!.data as Uint8Array))
    expect(Array.from(a.scale!.data as Float32Array).every((v) => v >= 0 && v < 1)).toBe(true)
  })
  test('refuses a bad seed and a symbolic non-batch dimension', async () => {
    await expect(syntheticInputs(infos, -1)).rejects.toThrow(InvalidArgumentError)
    await expect(syntheticInputs([{ name: 'x', shape: [1, 'h'], dtype: 'float32', layout: 'NC' }], 1)).rejects.toThrow(InputMismatchError)
  })
})
