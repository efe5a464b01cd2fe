import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import { makeTensor } from '../tensor/dtype.js'
import { compareOutputs } from './compare-outputs.js'

const f32 = (values: number[]) => makeTensor('float32', [values.length], values)

describe('compareOutputs', () => {
  it('compares each output by name and passes when all pass', () => {
    const r = compareOutputs({ b: f32([1]), a: f32([2]) }, { a: f32([2]), b: f32([1]) })
    expect(r.pass).toBe(true)
    expect(r.names).toEqual(['a', 'b'])
  })
  it('fails when one output fails, and applies perOutput by name', () => {
    const actual = { logits: f32([1, 2]), boxes: f32([10, 20]) }
    const expected = { logits: f32([1, 2]), boxes: f32([10.4, 20]) }
    expect(compareOutputs(actual, expected, { atol: 0.1 }).pass).toBe(false)
    const r = compareOutputs(actual, expected, { atol: 0.1, perOutput: { boxes: { atol: 0.5 } } })
    expect(r.pass).toBe(true)
    expect(r.outputs.boxes!.criteria).toEqual({ atol: 0.5 })
  })
  it('passes each output its quantization for steps', () => {
    const r = compareOutputs(
      { y: f32([0.3]) },
      { y: f32([0.1]) },
      { steps: 1 },
      { quant: { y: { scale: 0.1, zeroPoint: 0 } } },
    )
    expect(r.outputs.y!.maxSteps?.value).toBeCloseTo(2, 5)
    expect(r.pass).toBe(false)
  })
  it('refuses output names that differ, listing both sides', () => {
    expect(() => compareOutputs({ logit: f32([1]) }, { logits: f32([1]) })).toThrow(UnknownNameError)
    expect(() => compareOutputs({ logit: f32([1]) }, { logits: f32([1]) })).toThrow(
      /actual lacks "logits" and expected lacks "logit"/,
    )
  })
  it('refuses a perOutput name that is not an output', () => {
    expect(() => compareOutputs({ y: f32([1]) }, { y: f32([1]) }, { perOutput: { z: { atol: 1 } } })).toThrow(
      /"z", which is not an output.*"y"/,
    )
  })
  it('refuses maps that are not records of tensors', () => {
    expect(() => compareOutputs(f32([1]) as never, { y: f32([1]) })).toThrow(InvalidArgumentError)
    expect(() => compareOutputs({ y: f32([1]) }, null as never)).toThrow(/record of tensors/)
  })
})
