import { describe, expect, test } from 'vitest'
import { classifyOutput } from './classifier.js'

describe('classifyOutput', () => {
  test('uses probabilities as they are when the output sums to 1', () => {
    const p = classifyOutput({ data: new Float32Array([0.1, 0.7, 0.2]), shape: [1, 3], dtype: 'float32' })
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'probabilities', classes: 3 })
    expect(p!.confidence).toBeCloseTo(0.7, 6)
  })
  test('applies a softmax to logits and says so', () => {
    const p = classifyOutput({ data: new Float32Array([0, Math.log(3), 0]), shape: [3], dtype: 'float32' })
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'softmax' })
    expect(p!.confidence).toBeCloseTo(0.6, 6)
  })
  test('dequantizes a quantized output with its declared parameters', () => {
    const info = { name: 'y', shape: [1, 3], dtype: 'uint8' as const, layout: 'NC' as const, quant: { scale: 0.5, zeroPoint: 10 } }
    const p = classifyOutput({ data: new Uint8Array([10, 20, 12]), shape: [1, 3], dtype: 'uint8' }, info)
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'softmax' })
  })
  test('declines what is not one row of scores', () => {
    expect(classifyOutput({ data: new Float32Array(6), shape: [2, 3], dtype: 'float32' })).toBeUndefined()
    expect(classifyOutput({ data: new Float32Array(1), shape: [1, 1], dtype: 'float32' })).toBeUndefined()
    expect(classifyOutput({ data: new Uint8Array(3), shape: [3], dtype: 'uint8' })).toBeUndefined() // no quantization known
    expect(classifyOutput({ data: new Float32Array([NaN, 1]), shape: [2], dtype: 'float32' })).toBeUndefined()
  })
})
