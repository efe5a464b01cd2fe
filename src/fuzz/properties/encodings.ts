/**
 * `encodings`: the same pixels as uint8 and as float32 0–255 give the same top-1 and outputs within one
 * step; with a float reference (the ONNX the device runs), the device matches it on the host-normalized
 * pixels within one step; every must-refuse encoding is refused with a named `UsageError`, and the model
 * answers as before right after. Finds `skip-normalization` and `wrong-format`.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InferableModel, NormalizationSpec } from '../../device/types.js'
import { InvalidArgumentError, UsageError } from '../../errors.js'
import { checkNormalizationSpec } from '../../parity/normalization.js'
import type { Tensor, TensorMap } from '../../tensor/types.js'
import { checkConstraints } from '../arbitraries/constraints.js'
import { applicableEncodings, encode } from '../arbitraries/encoding.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { pixelView, REFUSED_ENCODINGS } from '../encode.js'
import { caseError, FuzzCaseFailure, summarizeError } from './case-failure.js'
import { compareSides, oneStep } from './compare-sides.js'
import { disposable, lazy, type FuzzProperty } from './fuzz-property.js'
import { inferCopy, sameBytes } from './infer-copy.js'
import { referenceInputs, referenceOutputs } from './reference-feed.js'

/** One case: the pixels, and the must-refuse encoding tried on them (absent when none applies). */
export interface EncodingsCase {
  readonly pixels: GeneratedInput
  readonly refused?: (typeof REFUSED_ENCODINGS)[number]
}

/** Options of {@link encodings}. */
export interface EncodingsOptions {
  /**
   * The input normalization the model does, in pixel units: the reference gets host-normalized pixels. @defaultValue
   * none
   */
  readonly normalization?: NormalizationSpec
  /**
   * Opens the float reference the device is held to (e.g. its `.onnx` on ONNX Runtime). @defaultValue no reference
   * comparison
   */
  readonly reference?: () => Promise<{ readonly model: InferableModel; close(): Promise<void> }>
  /**
   * The device applies `normalization` to its float inputs itself (the `onnx` device loaded with `normalization`):
   * they take pixels, like the chip's, and are fed the pixels rather than host-normalized values. @defaultValue false
   */
  readonly normalizedByDevice?: boolean
  /** Concrete shapes for inputs with dynamic dimensions. */
  readonly shape?: ShapeConstraint
  /** Stops inference when aborted. */
  readonly signal?: AbortSignal
}

const KEYS = ['normalization', 'normalizedByDevice', 'reference', 'shape', 'signal'] as const
const API = 'encodings'

/**
 * The `encodings` property for `model`.
 * @example
 * ```ts
 * await using property = encodings(model, { normalization: { mean: [127.5], std: [127.5] }, reference: () =>
 * openReference('model.onnx') })
 * await fc.assert(property, { numRuns: 50 })
 * ```
 */
export function encodings(model: InferableModel, options?: EncodingsOptions): FuzzProperty<EncodingsCase> {
  const o = checkConstraints(API, options, KEYS)
  if (o.normalization !== undefined) checkNormalizationSpec(o.normalization)
  if (o.reference !== undefined && typeof o.reference !== 'function')
    throw new InvalidArgumentError(`Expected a function opening the reference for ${API} option reference.`)
  const infos = concreteInfos(API, model.inputs, o.shape)
  const { normalization, signal } = o
  // Declared shapes for what must be refused: a dimension the model declares dynamic takes any size.
  const applicable = applicableEncodings(model.inputs)
  const refusals = REFUSED_ENCODINGS.filter((e) => applicable.includes(e))
  const pixels = descriptionArbitrary(
    infos.map((i) => pixelView(i, normalization)),
    {},
  )
  const arbitrary =
    refusals.length === 0 ? fc.record({ pixels }) : fc.record({ pixels, refused: fc.constantFrom(...refusals) })
  const reference = o.reference === undefined ? undefined : lazy(o.reference)
  // A device that normalizes its float inputs takes the pixels themselves: normalizing them on the host too
  // would normalize them twice.
  const pixelsOf = (c: EncodingsCase): Record<string, Tensor> =>
    o.normalizedByDevice === true
      ? materialize(
          infos.map((i) => pixelView(i, normalization)),
          c.pixels,
        )
      : encode(infos, { pixels: c.pixels, encoding: 'uint8' }, normalization)
  const REFERENCE = normalization === undefined ? 'reference' : 'reference (host-normalized)'

  return disposable(
    fc.asyncProperty(arbitrary, async (c: EncodingsCase) => {
      const inputs = { uint8: pixelsOf(c) }
      const outputs: Record<string, TensorMap> = {}
      outputs.uint8 = await inferCopy(model, inputs.uint8, signal).catch((e: unknown) => caseError(e, inputs, outputs))
      const fail = (message: string, extra: object): never => {
        throw new FuzzCaseFailure(message, { inputs, outputs, ...extra })
      }
      if (applicable.includes('float32')) {
        Object.assign(inputs, { float32: encode(infos, { pixels: c.pixels, encoding: 'float32' }, normalization) })
        outputs.float32 = await inferCopy(
          model,
          (inputs as Record<string, typeof inputs.uint8>).float32!,
          signal,
        ).catch((e: unknown) => caseError(e, inputs, outputs))
        const difference = compareSides(
          outputs,
          'float32',
          'uint8',
          oneStep(model.outputs, { top1: true }),
          model.outputs,
        )
        const claim = 'the same pixels as float32 0–255 and as uint8 give different answers'
        if (!difference.comparison.pass) fail(claim, { difference: { ...difference, claim } })
      }
      if (reference !== undefined) {
        const ref = (await reference.get()).model
        const pix = materialize(
          infos.map((i) => pixelView(i, normalization)),
          c.pixels,
        )
        const refIn = await referenceInputs(ref, infos, pix, normalization)
        Object.assign(inputs, { [REFERENCE]: refIn })
        outputs[REFERENCE] = referenceOutputs(await inferCopy(ref, refIn, signal), ref.outputs, model.outputs)
        const difference = compareSides(outputs, 'uint8', REFERENCE, oneStep(model.outputs), model.outputs)
        const claim = 'the device does not match its float reference on the same pixels'
        if (!difference.comparison.pass) fail(claim, { difference: { ...difference, claim } })
      }
      if (c.refused === undefined) return
      const bad = encode(model.inputs, { pixels: c.pixels, encoding: c.refused }, normalization)
      Object.assign(inputs, { [c.refused]: bad })
      let accepted = false
      try {
        outputs[c.refused] = await inferCopy(model, bad, signal)
        accepted = true
      } catch (error) {
        if (!(error instanceof UsageError))
          fail(`the ${c.refused} encoding was refused without a UsageError`, {
            refusal: { encoding: c.refused, expected: 'refused', error: summarizeError(error) },
          })
      }
      if (accepted)
        fail(`the ${c.refused} encoding was accepted`, { refusal: { encoding: c.refused, expected: 'refused' } })
      outputs['uint8 after'] = await inferCopy(model, inputs.uint8, signal).catch((e: unknown) =>
        caseError(e, inputs, outputs),
      )
      if (!sameBytes(outputs['uint8 after'], outputs.uint8!)) {
        const claim = `the answer changed after the ${c.refused} encoding was refused`
        fail(claim, { difference: { ...compareSides(outputs, 'uint8 after', 'uint8', {}, model.outputs), claim } })
      }
    }),
    async () => {
      if (reference?.started === true) await (await reference.get()).close()
    },
  )
}
