import { describe, expect, test } from 'vitest'
import type { Tensor } from '../../../tensor/types.js'
import {
  PROBABILITY_QUANT,
  calibrationInputs,
  observeRanges,
  quantForObserved,
  quantForRange,
  type ObservedRange,
} from './calibrate.js'

test('quantForRange widens the range, keeps zero representable and fits 255 steps', () => {
  const q = quantForRange(-1, 3)
  // widened by 25 % of the width (1) on each side: [-2, 4]
  expect(q.scale).toBeCloseTo(6 / 255, 6)
  expect(q.zeroPoint).toBe(85)
  expect((0 - q.zeroPoint) * q.scale).toBeCloseTo(-2, 2)
})

test('quantForRange of a non-negative range puts the zero point at 0', () => {
  expect(quantForRange(0, 1)).toEqual({ scale: Math.fround(1.25 / 255), zeroPoint: 0 })
})

test('quantForRange of a constant or empty range still gives usable parameters', () => {
  expect(quantForRange(0, 0)).toEqual({ scale: 1 / 255, zeroPoint: 0 })
  expect(quantForRange(Infinity, -Infinity)).toEqual({ scale: 1 / 255, zeroPoint: 0 })
  const q = quantForRange(5, 5)
  expect(q.zeroPoint).toBe(0)
  expect(255 * q.scale).toBeGreaterThanOrEqual(5)
})

test('calibration inputs are seeded, per sample, with dynamic dims set to 1', () => {
  const infos = [{ name: 'x', shape: ['batch', 4], dtype: 'uint8', layout: 'NC' }] as const
  const a = calibrationInputs(infos, 7, 0)
  expect(a.x!.shape).toEqual([1, 4])
  expect(calibrationInputs(infos, 7, 0)).toEqual(a)
  expect(calibrationInputs(infos, 7, 1)).not.toEqual(a)
  expect(calibrationInputs(infos, 8, 0)).not.toEqual(a)
})

describe('calibrating a probability output', () => {
  const softmaxRows = (top: number): Tensor => ({
    data: Float32Array.from([top, (1 - top) / 2, (1 - top) / 2]),
    shape: [1, 3],
    dtype: 'float32',
  })

  test('an output whose every sample is a probability vector gets [0, 1], whatever maximum the noise reached', () => {
    const ranges = new Map<string, ObservedRange>()
    observeRanges(ranges, { probs: softmaxRows(0.34) })
    observeRanges(ranges, { probs: softmaxRows(0.4) })
    expect(ranges.get('probs')).toMatchObject({ probabilities: true, max: expect.closeTo(0.4, 6) })
    expect(quantForObserved(ranges.get('probs'))).toEqual({ scale: Math.fround(1 / 255), zeroPoint: 0 })
    expect(PROBABILITY_QUANT).toEqual({ scale: Math.fround(1 / 255), zeroPoint: 0 })
  })

  test('one sample that is not a probability vector keeps the widened range, exactly as before', () => {
    const ranges = new Map<string, ObservedRange>()
    observeRanges(ranges, { probs: softmaxRows(0.4) })
    observeRanges(ranges, { probs: { data: Float32Array.from([0.4, 0.1, 0.1]), shape: [1, 3], dtype: 'float32' } })
    const seen = ranges.get('probs')!
    expect(seen.probabilities).toBe(false)
    expect(quantForObserved(seen)).toEqual(quantForRange(seen.min, seen.max))
  })

  test('non-float outputs are not observed; an output never observed gets the range [0, 0]', () => {
    const ranges = new Map<string, ObservedRange>()
    observeRanges(ranges, { ids: { data: new Uint8Array([0, 1]), shape: [1, 2], dtype: 'uint8' } })
    expect(ranges.size).toBe(0)
    expect(quantForObserved(undefined)).toEqual(quantForRange(0, 0))
  })
})
