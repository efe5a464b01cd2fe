/**
 * resolveInputs and the output check see a record's names as `Object.keys` lists them: an inherited or
 * non-enumerable declared name does not hide an undeclared one (the counting fast path once let it through).
 */
import { describe, expect, test } from 'vitest'
import { checkOutputs } from '../device/output-check.js'
import { OutputMismatchError, UnknownNameError } from '../errors.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { resolveInputs } from './resolve.js'

const tensor = (): Tensor => ({ data: new Float32Array(4), shape: [1, 4], dtype: 'float32' })
const a: TensorInfo = { name: 'a', shape: [1, 4], dtype: 'float32', layout: 'NC' }
const b: TensorInfo = { name: 'b', shape: [1, 4], dtype: 'float32', layout: 'NC' }

describe('an undeclared name is never hidden by a declared one that Object.keys does not list', () => {
  test('inputs: an inherited declared name beside an unknown own one', async () => {
    const record = Object.create({ a: tensor() }) as Record<string, Tensor>
    record.z = tensor()
    await expect(resolveInputs([a], record)).rejects.toThrow(UnknownNameError)
  })

  test('inputs: a non-enumerable declared name beside an unknown one', async () => {
    const record: Record<string, Tensor> = { z: tensor() }
    Object.defineProperty(record, 'a', { value: tensor(), enumerable: false })
    await expect(resolveInputs([a], record)).rejects.toThrow(/Unknown input name "z"/)
  })

  test('outputs: a non-enumerable declared output beside an undeclared one', () => {
    const outputs: Record<string, Tensor> = { a: tensor(), z: tensor() }
    Object.defineProperty(outputs, 'b', { value: tensor(), enumerable: false })
    expect(() => checkOutputs('m', [a, b], outputs)).toThrow(OutputMismatchError)
    expect(() => checkOutputs('m', [a, b], outputs)).toThrow(/undeclared output\(s\) "z"/)
  })

  test('the common case still resolves and passes', async () => {
    expect(Object.keys(await resolveInputs([a, b], { b: tensor(), a: tensor() }))).toEqual(['a', 'b'])
    expect(() => checkOutputs('m', [a, b], { a: tensor(), b: tensor() })).not.toThrow()
  })
})
