import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../../errors.js'
import type { Tensor, TensorInfo } from '../../tensor/types.js'
import { perturb, type Perturbation } from '../perturb.js'
import { perturbation } from './perturbation.js'

const info: TensorInfo = {
  name: 'image',
  shape: [1, 8, 8, 3],
  dtype: 'uint8',
  layout: 'NHWC',
  quant: { scale: 1, zeroPoint: 0 },
}
const model = { inputs: [info] }
const base: Record<string, Tensor> = {
  image: { data: new Uint8Array(8 * 8 * 3).map((_, i) => 60 + (i % 100)), shape: [1, 8, 8, 3], dtype: 'uint8' },
}
const none: Perturbation = {
  base: 0,
  seed: 0,
  noiseSteps: 0,
  brightness: 0,
  contrastPercent: 0,
  patches: [],
  pixels: [],
}

describe('perturbation', () => {
  test('shrinks toward the base itself', () => {
    const [shrunk] = fc.check(
      fc.property(perturbation(model, base), () => false),
      { seed: 1 },
    ).counterexample!
    expect(shrunk).toEqual(none)
    expect(perturb(model.inputs, base, shrunk as Perturbation).image!.data).toEqual(base.image!.data)
  })

  test('noise stays within the given number of quantization steps', () => {
    const out = perturb(model.inputs, base, { ...none, seed: 9, noiseSteps: 2 }).image!.data as Uint8Array
    const diffs = Array.from(out, (v, i) => Math.abs(v - (base.image!.data as Uint8Array)[i]!))
    expect(Math.max(...diffs)).toBe(2)
  })

  test('a patch saturates a square across every channel, and values stay within uint8', () => {
    const out = perturb(model.inputs, base, {
      ...none,
      brightness: 300,
      patches: [{ x: 0, y: 0, size: 0.25, high: false }],
    }).image!.data as Uint8Array
    expect(Array.from(out.slice(0, 6))).toEqual([0, 0, 0, 0, 0, 0])
    expect(Math.max(...out)).toBe(255)
  })

  test('every generated perturbation is plain JSON and deterministic', () => {
    for (const p of fc.sample(perturbation(model, base), { numRuns: 50, seed: 2 })) {
      expect(JSON.parse(JSON.stringify(p))).toEqual(p)
      expect(perturb(model.inputs, base, p).image!.data).toEqual(perturb(model.inputs, base, p).image!.data)
    }
  })

  test.each([
    [
      'a base of another shape',
      () => perturbation(model, { image: { ...base.image!, shape: [1, 4, 4, 3] } }),
      /base 0 has no tensor of shape \[1, 8, 8, 3\]/,
    ],
    ['no base', () => perturbation(model, []), /base input/],
    ['an unknown key', () => perturbation(model, base, { maxNoise: 2 } as never), /maxNoise/],
    ['a negative maxNoiseSteps', () => perturbation(model, base, { maxNoiseSteps: -1 }), /maxNoiseSteps/],
    ['a contrast above 100 %', () => perturbation(model, base, { maxContrastPercent: 150 }), /maxContrastPercent/],
  ])('refuses %s when built', (_what, build, message) => {
    expect(build).toThrow(InvalidArgumentError)
    expect(build).toThrow(message)
  })
})
