/**
 * `parity`: perturbations of the given inputs (noise, brightness, contrast, saturated patches, single
 * pixels) run on the device and on a reference (an `.onnx` model, or recorded outputs for the unperturbed
 * input) agree within a tolerance. Without given inputs, seeded synthetic ones are generated instead.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { Tolerance } from '../../compare/tolerance.js'
import { validateTolerance } from '../../compare/tolerance.js'
import type { InferableModel, NormalizationSpec } from '../../device/types.js'
import { InvalidArgumentError } from '../../errors.js'
import type { Tensor, TensorInfo } from '../../tensor/types.js'
import { checkConstraints } from '../arbitraries/constraints.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { perturbation, type PerturbationConstraints } from '../arbitraries/perturbation.js'
import { concreteInfos, shapesOf, type ShapeConstraint } from '../concrete-shapes.js'
import { perturb, type Perturbation } from '../perturb.js'
import { caseError, FuzzCaseFailure } from './case-failure.js'
import { compareSides } from './compare-sides.js'
import { disposable, lazy, type FuzzProperty } from './fuzz-property.js'
import { inferCopy } from './infer-copy.js'
import { referenceInputs, referenceOutputs } from './reference-feed.js'

/** One case: a perturbation of a given input, or (no input given) a synthetic input. */
export type ParityCase = { readonly perturbation: Perturbation } | { readonly input: GeneratedInput }

/** Options of {@link parity}. */
export interface ParityPropertyOptions {
  /** Opens the reference (see `openReference`); closed when the property is disposed. Required. */
  readonly reference: () => Promise<{
    readonly model: InferableModel
    readonly recorded?: boolean
    close(): Promise<void>
  }>
  /** True when the reference is recorded outputs: only the unperturbed first input is compared. @defaultValue false */
  readonly recorded?: boolean
  /** The base inputs, resolved (tensors by input name). @defaultValue synthetic inputs */
  readonly bases?: readonly Readonly<Record<string, Tensor>>[]
  /** @defaultValue `{ steps: 1 }` when every output is quantized, else `{ atol: 1e-3, rtol: 1e-3 }` */
  readonly tolerance?: Tolerance
  /** The model's on-chip normalization in pixel units: the reference gets normalized pixels. */
  readonly normalization?: NormalizationSpec
  /** How far perturbations go. */
  readonly perturbation?: PerturbationConstraints
  /** Concrete shapes for inputs with dynamic dimensions (when no base input settles them). */
  readonly shape?: ShapeConstraint
  readonly signal?: AbortSignal
}

const KEYS = [
  'reference',
  'recorded',
  'bases',
  'tolerance',
  'normalization',
  'perturbation',
  'shape',
  'signal',
] as const
const API = 'parity'
const NO_CHANGE = { seed: 0, noiseSteps: 0, brightness: 0, contrastPercent: 0, patches: [], pixels: [] }

/**
 * The default parity tolerance for outputs `infos`.
 * @example
 * ```ts
 * defaultParityTolerance(model.outputs) // { steps: 1 }
 * ```
 */
export function defaultParityTolerance(infos: readonly TensorInfo[]): Tolerance {
  return infos.every((i) => i.quant !== undefined) ? { steps: 1 } : { atol: 1e-3, rtol: 1e-3 }
}

/**
 * The `parity` property for `model` against a reference.
 * @example
 * ```ts
 * const base = await resolveInputs(model.inputs, 'cat.png')
 * await using property = parity(model, { reference: () => openReference('model.onnx'), bases: [base] })
 * await fc.assert(property, { numRuns: 50 })
 * ```
 */
export function parity(model: InferableModel, options: ParityPropertyOptions): FuzzProperty<ParityCase> {
  const o = checkConstraints(API, options, KEYS)
  if (typeof o.reference !== 'function')
    throw new InvalidArgumentError(`Expected a function opening the reference for ${API} option reference.`)
  const tolerance = o.tolerance === undefined ? defaultParityTolerance(model.outputs) : validateTolerance(o.tolerance)
  const bases = o.bases ?? []
  const infos = concreteInfos(API, model.inputs, bases[0] === undefined ? o.shape : shapesOf(bases[0]))
  const { normalization, signal } = o
  const arbitrary: fc.Arbitrary<ParityCase> =
    o.recorded === true
      ? fc.constant({ perturbation: { base: 0, ...NO_CHANGE } })
      : bases.length > 0
        ? fc.record({ perturbation: perturbation(model, bases, o.perturbation) })
        : fc.record({ input: descriptionArbitrary(infos, {}) })
  if (o.recorded === true && bases.length === 0) {
    throw new InvalidArgumentError(
      'Recorded reference outputs stand for one given input: give input (the input they were recorded for).',
    )
  }
  const reference = lazy(o.reference)

  return disposable(
    fc.asyncProperty(arbitrary, async (c) => {
      const input =
        'perturbation' in c ? perturb(infos, bases[c.perturbation.base]!, c.perturbation) : materialize(infos, c.input)
      const ref = (await reference.get()).model
      const refIn = await referenceInputs(ref, infos, input, normalization)
      const outputs = {
        device: await inferCopy(model, input, signal).catch((e: unknown) =>
          caseError(e, { device: input, reference: refIn }, {}),
        ),
        reference: referenceOutputs(await inferCopy(ref, refIn, signal), ref.outputs, model.outputs),
      }
      const difference = compareSides(outputs, 'device', 'reference', tolerance, model.outputs)
      if (!difference.comparison.pass) {
        throw new FuzzCaseFailure('the device does not match the reference within the tolerance', {
          inputs: { device: input, reference: refIn },
          outputs,
          difference,
        })
      }
    }),
    async () => {
      if (reference.started) await (await reference.get()).close()
    },
  )
}
