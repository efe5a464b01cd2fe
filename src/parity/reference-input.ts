/**
 * Feed the reference the same input the model under test got: pair the inputs, dequantize raw
 * integers, apply the on-chip normalization the reference expects done beforehand, and let
 * `resolveInputs` reconcile the layout (NHWC ↔ NCHW) and exact dtype widenings.
 * @packageDocumentation
 */
import type { NormalizationSpec } from '../device/types.js'
import { InvalidArgumentError, UnknownNameError } from '../errors.js'
import { resolveInputs } from '../inputs/resolve.js'
import { numericView } from '../tensor/dtype.js'
import { dequantize, isIdentityQuant } from '../tensor/quantize.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import type { InputPreparation } from './types.js'

const isFloat = (dtype: string): boolean => dtype === 'float32' || dtype === 'float64'
const list = (xs: readonly number[]): string => `[${xs.join(', ')}]`

/**
 * Pair the model's inputs with the reference's: by name when every reference input name is a model
 * input, otherwise by position when both have as many.
 * @throws {@link UnknownNameError} when neither works.
 */
export function pairInputs(model: readonly TensorInfo[], reference: readonly TensorInfo[]): [TensorInfo, TensorInfo][] {
  const byName = new Map(model.map((i) => [i.name, i]))
  if (reference.every((r) => byName.has(r.name)) && reference.length === model.length)
    return reference.map((r) => [byName.get(r.name)!, r])
  if (reference.length === model.length) return reference.map((r, i) => [model[i]!, r])
  throw new UnknownNameError(
    'E_UNKNOWN_INPUT',
    `Cannot pair the inputs: the model has ${model.length} (${model.map((i) => JSON.stringify(i.name)).join(', ')}) and the reference ` +
      `${reference.length} (${reference.map((i) => JSON.stringify(i.name)).join(', ')}). Parity needs the same inputs on both sides.`,
  )
}

/** The channel axis of an image input for `channels` normalization values, from its layout, else its shape. */
function normalizationAxis(info: TensorInfo, shape: readonly number[], channels: number): number {
  if (info.layout === 'NHWC' && shape[3] === channels) return 3
  if (info.layout === 'NCHW' && shape[1] === channels) return 1
  if (shape.length === 4 && shape[3] === channels) return 3
  if (shape.length === 4 && shape[1] === channels) return 1
  if (shape.length === 3 && shape[2] === channels) return 2
  throw new InvalidArgumentError(
    `normalization has ${channels} values per channel but input "${info.name}" of shape ${list(shape)} (layout ${info.layout}) has no axis of ${channels} channels. ` +
      'Give one mean/std per channel, or a single value for all.',
  )
}

/**
 * `(x − mean[c]) / std[c]` into a new float32 array, channel `c` along `axis` (one value for all when undefined).
 * @example
 * ```ts
 * normalize(pixels, [1, 3, 2, 2], { mean: [1, 2, 3], std: [2, 2, 2] }, 1)
 * ```
 */
export function normalize(
  values: ArrayLike<number>,
  shape: readonly number[],
  norm: NormalizationSpec,
  axis: number | undefined,
): Float32Array {
  const out = new Float32Array(values.length)
  if (axis === undefined) {
    const m = norm.mean[0]!,
      s = norm.std[0]!
    for (let i = 0; i < values.length; i++) out[i] = (values[i]! - m) / s
    return out
  }
  const channels = norm.mean.length
  const inner = shape.slice(axis + 1).reduce((n, d) => n * d, 1)
  for (let start = 0, c = 0; start < values.length; start += inner, c = c + 1 === channels ? 0 : c + 1) {
    const m = norm.mean[c]!,
      s = norm.std[c]!
    for (let i = start; i < start + inner; i++) out[i] = (values[i]! - m) / s
  }
  return out
}

/** One reference input from one model input: real values, normalized when asked. */
function toReferenceValues(
  info: TensorInfo,
  ref: TensorInfo,
  t: Tensor,
  norm: NormalizationSpec | undefined,
  steps: string[],
): Tensor {
  if (!isFloat(ref.dtype)) {
    if (norm !== undefined) {
      throw new InvalidArgumentError(
        `A normalization was given, but reference input "${ref.name}" takes raw ${ref.dtype} values, so it does its own normalization. ` +
          'Drop normalization / alls, or compare against the float model.',
      )
    }
    return t
  }
  let values: Tensor = t
  if (!isFloat(t.dtype)) {
    if (info.quant !== undefined && !isIdentityQuant(info.quant) && (t.dtype === 'uint8' || t.dtype === 'uint16')) {
      values = dequantize(t, info.quant)
      steps.push(`dequantized ${t.dtype} (scale ${info.quant.scale}, zero point ${info.quant.zeroPoint})`)
    } else {
      values = { data: Float32Array.from(numericView(t.data)), shape: t.shape, dtype: 'float32' }
      steps.push(`${t.dtype} → float32`)
    }
  }
  if (norm === undefined) return values
  const axis = norm.mean.length === 1 ? undefined : normalizationAxis(info, t.shape, norm.mean.length)
  steps.push(`normalized (x − mean) / std with mean ${list(norm.mean)}, std ${list(norm.std)}`)
  return { data: normalize(values.data as ArrayLike<number>, t.shape, norm, axis), shape: t.shape, dtype: 'float32' }
}

/**
 * Build the reference's inputs from the model's resolved inputs. `normalizations` has one entry for
 * every model input, or one for all of them.
 */
export async function referenceInputs(
  model: readonly TensorInfo[],
  reference: readonly TensorInfo[],
  inputs: Readonly<Record<string, Tensor>>,
  normalizations: readonly NormalizationSpec[] | undefined,
): Promise<{ inputs: Record<string, Tensor>; preparation: InputPreparation[] }> {
  const pairs = pairInputs(model, reference)
  if (normalizations !== undefined && normalizations.length !== 1 && normalizations.length !== pairs.length) {
    throw new InvalidArgumentError(
      `Found ${normalizations.length} normalizations for a model with ${pairs.length} inputs; give one for all inputs or one per input.`,
    )
  }
  const record: Record<string, Tensor> = {}
  const steps: string[][] = []
  // One normalization for all applies to the inputs the reference takes as floats; raw-integer inputs
  // (masks, ids) are left alone. One per input is taken as given, and refused where it cannot apply.
  const shared = normalizations?.length === 1 && pairs.length > 1
  if (shared && !pairs.some(([, ref]) => isFloat(ref.dtype))) {
    throw new InvalidArgumentError(
      'A normalization was given, but every reference input takes raw integers, so none is normalized by the caller. Drop normalization / alls.',
    )
  }
  pairs.forEach(([info, ref], i) => {
    const done: string[] = []
    const norm = shared
      ? isFloat(ref.dtype)
        ? normalizations![0]
        : undefined
      : normalizations?.[normalizations.length === 1 ? 0 : i]
    record[ref.name] = toReferenceValues(info, ref, inputs[info.name]!, norm, done)
    steps.push(done)
  })
  const resolved = await resolveInputs(reference, record)
  const preparation = pairs.map(([info, ref], i): InputPreparation => {
    const before = record[ref.name]!,
      after = resolved[ref.name]!
    const done = steps[i]!
    if (before.shape.join() !== after.shape.join())
      done.push(`${layoutChange(before.shape, after.shape)} ${list(before.shape)} → ${list(after.shape)}`)
    if (before.dtype !== after.dtype) done.push(`${before.dtype} → ${after.dtype}`)
    return { model: info.name, reference: ref.name, steps: done }
  })
  return { inputs: resolved, preparation }
}

/** `transposed NHWC → NCHW` (or the reverse) when `after` is `before` permuted so, else `reshaped`. */
function layoutChange(before: readonly number[], after: readonly number[]): string {
  if (before.length === 4 && after.length === 4) {
    const [n, a, b, c] = before as [number, number, number, number]
    if ([n, c, a, b].join() === after.join()) return 'transposed NHWC → NCHW'
    if ([n, b, c, a].join() === after.join()) return 'transposed NCHW → NHWC'
  }
  return 'reshaped'
}
