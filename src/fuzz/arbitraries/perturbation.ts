/**
 * `perturbation`: small changes to given inputs (an image, a tensor, a `.npy`) — noise of a few
 * quantization steps, brightness and contrast shifts, saturated patches, single pixels. Every part
 * shrinks toward "no change", so a failure shrinks toward the base itself.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InferableModel } from '../../device/types.js'
import { InvalidArgumentError } from '../../errors.js'
import { formatShape, shapeFits } from '../../inputs/shape.js'
import type { Tensor } from '../../tensor/types.js'
import type { Perturbation } from '../perturb.js'
import { checkConstraints, integerConstraint } from './constraints.js'

/** Constraints of {@link perturbation}. */
export interface PerturbationConstraints {
  /** Largest additive noise, in quantization steps per element. @defaultValue 2 */
  readonly maxNoiseSteps?: number
  /** Largest brightness shift, in quantization steps. @defaultValue 16 */
  readonly maxBrightness?: number
  /** Largest contrast change, in percent. @defaultValue 20 */
  readonly maxContrastPercent?: number
  /** Most saturated patches. @defaultValue 2 */
  readonly maxPatches?: number
  /** Most single saturated elements. @defaultValue 4 */
  readonly maxPixels?: number
}

const KEYS = ['maxNoiseSteps', 'maxBrightness', 'maxContrastPercent', 'maxPatches', 'maxPixels'] as const
const API = 'perturbation'

function checkBases(model: Pick<InferableModel, 'inputs'>, bases: readonly Readonly<Record<string, Tensor>>[]): void {
  if (!Array.isArray(bases) || bases.length === 0) {
    throw new InvalidArgumentError(
      `Expected a base input (tensors by input name, e.g. from resolveInputs) or a non-empty array of them for ${API} but received ${Array.isArray(bases) ? 'an empty array' : typeof bases}.`,
    )
  }
  bases.forEach((base, b) => {
    for (const info of model.inputs) {
      const t = base?.[info.name]
      if (t === undefined || !ArrayBuffer.isView(t.data) || !shapeFits([...t.shape], info.shape)) {
        throw new InvalidArgumentError(
          `${API} base ${b} has no tensor of shape ${formatShape(info.shape)} for input "${info.name}"${t === undefined ? '' : ` (received shape ${formatShape(t.shape ?? [])})`}. Resolve it first: resolveInputs(model.inputs, 'image.png').`,
        )
      }
    }
  })
}

/**
 * Perturbations of `base` (one resolved input, or several: each case picks one), for `perturb`.
 * @throws {@link InvalidArgumentError} for a base that does not fit the model, unknown keys, or out-of-range
 * constraints.
 * @example
 * ```ts
 * const base = await resolveInputs(model.inputs, 'cat.png')
 * await fc.assert(fc.asyncProperty(perturbation(model, base), async (p) => {
 *   await model.infer(perturb(model.inputs, base, p))
 * }))
 * ```
 */
export function perturbation(
  model: Pick<InferableModel, 'inputs'>,
  base: Readonly<Record<string, Tensor>> | readonly Readonly<Record<string, Tensor>>[],
  constraints?: PerturbationConstraints,
): fc.Arbitrary<Perturbation> {
  const bases = Array.isArray(base) ? base : [base as Readonly<Record<string, Tensor>>]
  checkBases(model, bases)
  const c = checkConstraints(API, constraints, KEYS)
  const noise = integerConstraint(API, 'maxNoiseSteps', c.maxNoiseSteps ?? 2, 0, 1000)
  const brightness = integerConstraint(API, 'maxBrightness', c.maxBrightness ?? 16, 0, 65535)
  const contrast = integerConstraint(API, 'maxContrastPercent', c.maxContrastPercent ?? 20, 0, 100)
  const patches = integerConstraint(API, 'maxPatches', c.maxPatches ?? 2, 0, 100)
  const pixels = integerConstraint(API, 'maxPixels', c.maxPixels ?? 4, 0, 10_000)
  const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
  const patch = fc.record({
    x: fraction,
    y: fraction,
    size: fc.double({ min: 0.01, max: 0.25, noNaN: true }),
    high: fc.boolean(),
  })
  return fc.record({
    base: fc.integer({ min: 0, max: bases.length - 1 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    noiseSteps: fc.integer({ min: 0, max: noise }),
    brightness: fc.integer({ min: -brightness, max: brightness }),
    contrastPercent: fc.integer({ min: -contrast, max: contrast }),
    patches: fc.array(patch, { maxLength: patches }),
    pixels: fc.array(fc.record({ at: fraction, high: fc.boolean() }), { maxLength: pixels }),
  })
}
