import { expect, test } from 'vitest'
import { calibrationInputs, quantForRange } from './calibrate.js'

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
