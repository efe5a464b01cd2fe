import { describe, expect, test } from 'vitest'
import { isProbabilityVector, probabilitySumTolerance } from '../tensor/probabilities.js'
import { classifyOutput, confidenceSource } from './classifier.js'

describe('classifyOutput', () => {
  test('uses probabilities as they are when the output sums to 1', () => {
    const p = classifyOutput({ data: new Float32Array([0.1, 0.7, 0.2]), shape: [1, 3], dtype: 'float32' })
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'probabilities', classes: 3 })
    expect(p!.confidence).toBeCloseTo(0.7, 6)
    expect(p!.sum).toBeCloseTo(1, 6)
    expect(p!.range[1]).toBeCloseTo(0.7, 6)
  })
  test('applies a softmax to logits and says so', () => {
    const p = classifyOutput({ data: new Float32Array([0, Math.log(3), 0]), shape: [3], dtype: 'float32' })
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'softmax' })
    expect(p!.confidence).toBeCloseTo(0.6, 6)
    expect(p!.sum).toBeCloseTo(Math.log(3), 6)
  })
  test('treats scores in [0, 1] that do not sum to 1 as scores to softmax, and keeps the sum to say why', () => {
    const noise = classifyOutput({ data: new Float32Array([0.9, 0.8, 0.7, 0.6]), shape: [1, 4], dtype: 'float32' })
    expect(noise).toMatchObject({
      top1: 0,
      confidenceFrom: 'softmax',
      range: [expect.closeTo(0.6, 6), expect.closeTo(0.9, 6)],
    })
    expect(noise!.sum).toBeCloseTo(3, 5)
    expect(noise!.confidence).toBeLessThan(0.3)
  })
  test('treats scores that sum to 1 but leave [0, 1] as logits', () => {
    const p = classifyOutput({ data: new Float32Array([2, -0.5, -0.5]), shape: [3], dtype: 'float32' })
    expect(p).toMatchObject({ top1: 0, confidenceFrom: 'softmax', range: [-0.5, 2] })
    expect(p!.sum).toBeCloseTo(1, 6)
  })
  test('isProbabilityVector: in [0, 1] and summing to 1 within rounding', () => {
    expect(isProbabilityVector(1.0000002, [0, 0.9])).toBe(true)
    expect(isProbabilityVector(1.01, [0, 0.9])).toBe(false)
    expect(isProbabilityVector(1, [-0.5, 1])).toBe(false)
    expect(isProbabilityVector(1, [0, 1.5])).toBe(false)
  })
  test('dequantizes a quantized output with its declared parameters', () => {
    const info = {
      name: 'y',
      shape: [1, 3],
      dtype: 'uint8' as const,
      layout: 'NC' as const,
      quant: { scale: 0.5, zeroPoint: 10 },
    }
    const p = classifyOutput({ data: new Uint8Array([10, 20, 12]), shape: [1, 3], dtype: 'uint8' }, info)
    expect(p).toMatchObject({ top1: 1, confidenceFrom: 'softmax' })
  })
  test('declines what is not one row of scores', () => {
    expect(classifyOutput({ data: new Float32Array(6), shape: [2, 3], dtype: 'float32' })).toBeUndefined()
    expect(classifyOutput({ data: new Float32Array(1), shape: [1, 1], dtype: 'float32' })).toBeUndefined()
    expect(classifyOutput({ data: new Uint8Array(3), shape: [3], dtype: 'uint8' })).toBeUndefined() // no quantization known
    expect(classifyOutput({ data: new Float32Array([NaN, 1]), shape: [2], dtype: 'float32' })).toBeUndefined()
  })

  describe('a quantized softmax, whose sum is 1 only within its quantization error', () => {
    // 0.91 and nine 0.01s, quantized to uint8 with scale 1/255: 232 and nine 3s, which sum to 259/255 = 1.0157.
    const quant = { scale: 1 / 255, zeroPoint: 0 }
    const raw = new Uint8Array([3, 3, 232, 3, 3, 3, 3, 3, 3, 3])

    test('is read as probabilities, raw or dequantized by the device, not softmaxed again', () => {
      const info = { name: 'probs', shape: [1, 10], dtype: 'uint8' as const, layout: 'NC' as const, quant }
      const p = classifyOutput({ data: raw, shape: [1, 10], dtype: 'uint8' }, info)
      expect(p).toMatchObject({ top1: 2, confidenceFrom: 'probabilities' })
      expect(p!.confidence).toBeCloseTo(232 / 255, 6)
      expect(p!.sum).toBeCloseTo(259 / 255, 6)
      const dequantized = classifyOutput(
        { data: Float32Array.from(raw, (q) => q / 255), shape: [1, 10], dtype: 'float32' },
        { ...info, dtype: 'float32' },
      )
      expect(dequantized).toMatchObject({
        top1: 2,
        confidenceFrom: 'probabilities',
        confidence: expect.closeTo(0.91, 2),
      })
    })

    test('the same numbers as a float output without quantization are not probabilities (a sum 1.6 % off is more than float rounding)', () => {
      const p = classifyOutput({ data: Float32Array.from(raw, (q) => q / 255), shape: [1, 10], dtype: 'float32' })
      expect(p).toMatchObject({ confidenceFrom: 'softmax' })
    })

    test('the tolerance grows with the scale and the number of classes, never below the float one', () => {
      expect(probabilitySumTolerance(1000)).toBe(1e-3)
      expect(probabilitySumTolerance(10, quant)).toBeCloseTo(Math.sqrt(30) / 255, 9)
      expect(probabilitySumTolerance(1000, quant)).toBeCloseTo(0.2148, 4)
      expect(probabilitySumTolerance(2, { scale: 1e-6, zeroPoint: 0 })).toBe(1e-3)
    })
  })

  describe('a quantized softmax clipped by its quantization, summing clearly below 1', () => {
    // A ~78 % class clipped at 0.42 by a range calibrated too narrow: the row sums to 0.86.
    const quant = { scale: 0.6 / 255, zeroPoint: 0 }
    const info = { name: 'probs', shape: [1, 4], dtype: 'uint8' as const, layout: 'NC' as const, quant }
    const raw = new Uint8Array([62, 62, 182, 62])

    test('is read as given, not softmaxed into a made-up confidence', () => {
      const p = classifyOutput({ data: raw, shape: [1, 4], dtype: 'uint8' }, info)
      expect(p).toMatchObject({ top1: 2, confidenceFrom: 'short-probabilities' })
      expect(p!.confidence).toBeCloseTo((182 * 0.6) / 255, 6)
      expect(p!.sum).toBeCloseTo((368 * 0.6) / 255, 6)
    })

    test('the same numbers as a float output keep the softmax: nothing clipped them, and logits near zero look alike', () => {
      const p = classifyOutput({
        data: Float32Array.from(raw, (q) => (q * 0.6) / 255),
        shape: [1, 4],
        dtype: 'float32',
      })
      expect(p).toMatchObject({ confidenceFrom: 'softmax' })
    })

    test('confidenceSource: probabilities, short of 1 when quantized, otherwise logits', () => {
      const q = { scale: 1 / 255, zeroPoint: 0 }
      expect(confidenceSource(1.004, [0, 0.91], 0.017, q)).toBe('probabilities')
      expect(confidenceSource(0.862, [0.07, 0.42], 0.014, q)).toBe('short-probabilities')
      expect(confidenceSource(0.862, [0.07, 0.42], 0.001)).toBe('softmax')
      expect(confidenceSource(1.3, [0.07, 0.62], 0.014, q)).toBe('softmax')
      expect(confidenceSource(0.5, [-0.2, 0.6], 0.014, q)).toBe('softmax')
    })
  })
})
