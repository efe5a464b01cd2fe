/**
 * Pair the model's outputs with the reference's and make each pair comparable: dequantize raw
 * device outputs with their `qp_scale` / `qp_zp`, and transpose NHWC device outputs to an NCHW
 * reference (or the reverse). Anything that cannot be reconciled is a named error, never a guess.
 * @packageDocumentation
 */
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import { transpose, NCHW_TO_NHWC, NHWC_TO_NCHW } from '../tensor/layout.js'
import { dequantize } from '../tensor/quantize.js'
import type { Quantization, Tensor, TensorInfo } from '../tensor/types.js'
import type { OutputPairing } from './types.js'

const quoted = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ')
const list = (xs: readonly number[]): string => `[${xs.join(', ')}]`
const isFloat = (dtype: string): boolean => dtype === 'float32' || dtype === 'float64'

/**
 * Pair outputs: the explicit map `{ modelOutput: referenceOutput }` when given (every model output must
 * be named, every name must exist), else by name when the names match, else by position.
 * @throws {@link UnknownNameError} naming what does not exist and listing what does.
 */
export function pairOutputs(
  model: readonly TensorInfo[],
  reference: readonly TensorInfo[],
  map: Readonly<Record<string, string>> | undefined,
): { model: string; reference: string }[] {
  const modelNames = model.map((o) => o.name)
  const refNames = reference.map((o) => o.name)
  if (map !== undefined) {
    if (map === null || typeof map !== 'object' || Array.isArray(map)) {
      throw new InvalidArgumentError('Expected outputs to be a map { modelOutput: referenceOutput }.')
    }
    const unknownModel = Object.keys(map).filter((n) => !modelNames.includes(n))
    const unknownRef = Object.values(map).filter((n) => !refNames.includes(n))
    if (unknownModel.length > 0 || unknownRef.length > 0) {
      throw new UnknownNameError(
        'E_UNKNOWN_OUTPUT',
        [
          unknownModel.length > 0
            ? `outputs names ${quoted(unknownModel)}, not an output of the model (its outputs: ${quoted(modelNames)})`
            : '',
          unknownRef.length > 0
            ? `outputs maps to ${quoted(unknownRef)}, not an output of the reference (its outputs: ${quoted(refNames)})`
            : '',
        ]
          .filter(Boolean)
          .join('; ') + '.',
      )
    }
    return Object.entries(map).map(([m, r]) => ({ model: m, reference: r }))
  }
  if (modelNames.length === refNames.length && modelNames.every((n) => refNames.includes(n))) {
    return modelNames.map((n) => ({ model: n, reference: n }))
  }
  if (modelNames.length === refNames.length) return modelNames.map((n, i) => ({ model: n, reference: refNames[i]! }))
  throw new UnknownNameError(
    'E_UNKNOWN_OUTPUT',
    `Cannot pair the outputs: the model has ${quoted(modelNames)} and the reference ${quoted(refNames)}. ` +
      'Pair them explicitly: outputs: { modelOutput: referenceOutput }.',
  )
}

const squeeze = (shape: readonly number[]): string => shape.filter((d) => d !== 1).join(',')

/** The quantization of a tensor after its axes were permuted with `perm`. */
function permuteQuant(quant: Quantization, perm: readonly number[]): Quantization {
  if (quant.perChannel === undefined) return quant
  return { ...quant, perChannel: { ...quant.perChannel, axis: perm.indexOf(quant.perChannel.axis) } }
}

/** A model output made comparable to its reference, and the quantization its values now have. */
export interface ReconciledOutput {
  readonly tensor: Tensor
  readonly quant: Quantization | undefined
}

/**
 * Make `actual` (a model output described by `info`) comparable to `expected`: raw integers with a
 * quantization become float32 through HailoRT's dequantization when the reference is float; a rank-4
 * output whose shape is the other layout's is transposed. `steps` receives what was done.
 * @throws {@link InvalidArgumentError} when the shapes cannot be reconciled.
 */
export function reconcileOutput(
  pairing: OutputPairing & { steps: string[] },
  info: TensorInfo | undefined,
  actual: Tensor,
  expected: Tensor,
): ReconciledOutput {
  let tensor = actual
  const quant = info?.quant
  if (quant !== undefined && (actual.dtype === 'uint8' || actual.dtype === 'uint16') && isFloat(expected.dtype)) {
    tensor = dequantize(actual, quant)
    pairing.steps.push(
      `dequantized ${actual.dtype} (scale ${quant.scale}, zero point ${quant.zeroPoint}${quant.perChannel ? ', per channel' : ''})`,
    )
  }
  if (squeeze(tensor.shape) === squeeze(expected.shape)) return { tensor, quant }
  if (tensor.shape.length === 4 && expected.shape.length === 4) {
    for (const [perm, words] of [
      [NHWC_TO_NCHW, 'NHWC → NCHW'],
      [NCHW_TO_NHWC, 'NCHW → NHWC'],
    ] as const) {
      if (perm.map((p) => tensor.shape[p]).join(',') === expected.shape.join(',')) {
        pairing.steps.push(`transposed ${words}`)
        return { tensor: transpose(tensor, perm), quant: quant === undefined ? undefined : permuteQuant(quant, perm) }
      }
    }
  }
  throw new InvalidArgumentError(
    `Output "${pairing.model}" of the model has shape ${list(actual.shape)} but reference output "${pairing.reference}" has ${list(expected.shape)}, ` +
      'and no layout change (NHWC ↔ NCHW) reconciles them. Check the output pairing (outputs: { modelOutput: referenceOutput }) and that the reference is the same network.',
  )
}
