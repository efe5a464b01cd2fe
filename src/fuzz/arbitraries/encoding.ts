/**
 * `encoding`: the same generated pixels in one of the encodings a model must accept (`uint8`,
 * `float32` 0–255) or must refuse (`float32-unit`, `nan`, `wrong-size`, `wrong-dtype`). Shrinks toward
 * the first accepted encoding and a constant mid-range image.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InferableModel, NormalizationSpec } from '../../device/types.js'
import { InvalidArgumentError } from '../../errors.js'
import { checkNormalizationSpec } from '../../parity/normalization.js'
import type { Tensor, TensorInfo } from '../../tensor/types.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import {
  ACCEPTED_ENCODINGS,
  ENCODINGS,
  REFUSED_ENCODINGS,
  acceptedInput,
  inputClass,
  pixelView,
  refusalTarget,
  refusedInput,
  type EncodingName,
} from '../encode.js'
import { checkConstraints } from './constraints.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from './input-description.js'

/** A generated encoding case: the pixels, and how they reach the model. Plain JSON. */
export interface EncodingCase {
  readonly pixels: GeneratedInput
  readonly encoding: EncodingName
}

/** Constraints of {@link encoding}. */
export interface EncodingConstraints {
  /** The encodings to draw from. @defaultValue every encoding that applies to the model's inputs */
  readonly encodings?: readonly EncodingName[]
  /** The model's input normalization in pixel units, when float inputs take normalized values. @defaultValue none */
  readonly normalization?: NormalizationSpec
  /** Concrete shapes for inputs with dynamic dimensions. */
  readonly shape?: ShapeConstraint
}

const KEYS = ['encodings', 'normalization', 'shape'] as const
const API = 'encoding'

/**
 * The encodings that apply to inputs `infos`.
 * @example
 * ```ts
 * applicableEncodings(emulatorModel.inputs) // ['uint8', 'float32-unit', 'nan', 'wrong-size', 'wrong-dtype']
 * ```
 */
export function applicableEncodings(infos: readonly TensorInfo[]): EncodingName[] {
  const accepted = ACCEPTED_ENCODINGS.filter(
    (e) => e === 'uint8' || infos.some((i) => inputClass(i) === 'pixel-floats'),
  )
  return [...accepted, ...REFUSED_ENCODINGS.filter((e) => refusalTarget(infos, e) !== undefined)]
}

/**
 * The tensors of an encoding case: every input as a correct host feeds it, and the refused encoding's input replaced.
 * @example
 * ```ts
 * const tensors = encode(model.inputs, { pixels, encoding: 'float32' })
 * ```
 */
export function encode(
  infos: readonly TensorInfo[],
  value: EncodingCase,
  normalization?: NormalizationSpec,
): Record<string, Tensor> {
  const shapes = value.pixels.shapes
  const concrete = infos.map((i) => (shapes[i.name] === undefined ? i : { ...i, shape: shapes[i.name]! }))
  const pixels = materialize(
    concrete.map((i) => pixelView(i, normalization)),
    value.pixels,
  )
  const e = value.encoding
  const accepted = e === 'float32' ? 'float32' : 'uint8'
  const out = Object.fromEntries(
    concrete.map((i) => [i.name, acceptedInput(i, pixels[i.name]!, accepted, normalization)]),
  )
  if (e !== 'uint8' && e !== 'float32') {
    // The declared shapes, not the concrete ones: a dimension the model declares dynamic accepts any size, so a
    // "wrong size" must change a fixed one (a model with dynamic height and width takes a wider frame).
    const target = refusalTarget(infos, e)
    if (target === undefined)
      throw new InvalidArgumentError(
        `The encoding ${e} does not apply to this model's inputs (${infos.map((i) => `${i.name}: ${i.dtype}`).join(', ')}).`,
      )
    out[target.name] = refusedInput(target, pixels[target.name]!, e)
  }
  return out
}

/**
 * Encoding cases for `model`: generated pixels, and one encoding of them.
 * @throws {@link InvalidArgumentError} for unknown keys, an encoding that does not apply, or a bad normalization.
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(encoding(model, { encodings: ['nan'] }), async (c) => {
 *   await expect(model.infer(encode(model.inputs, c))).rejects.toThrow(UsageError)
 * }))
 * ```
 */
export function encoding(
  model: Pick<InferableModel, 'inputs'>,
  constraints?: EncodingConstraints,
): fc.Arbitrary<EncodingCase> {
  const c = checkConstraints(API, constraints, KEYS)
  if (c.normalization !== undefined) checkNormalizationSpec(c.normalization)
  const infos = concreteInfos(API, model.inputs, c.shape)
  const applicable = applicableEncodings(infos)
  const chosen = c.encodings ?? applicable
  if (!Array.isArray(chosen) || chosen.length === 0)
    throw new InvalidArgumentError(
      `Expected a non-empty array of ${ENCODINGS.join(', ')} for ${API} constraint encodings.`,
    )
  for (const e of chosen) {
    if (!applicable.includes(e)) {
      throw new InvalidArgumentError(
        `${API} constraint encodings names ${JSON.stringify(e)}, which ${(ENCODINGS as readonly string[]).includes(e) ? "does not apply to this model's inputs" : 'is not an encoding'}; these apply: ${applicable.join(', ')}.`,
      )
    }
  }
  const pixels = descriptionArbitrary(
    infos.map((i) => pixelView(i, c.normalization)),
    {},
  )
  return fc.record({ pixels, encoding: fc.constantFrom(...chosen) })
}
