/**
 * How far the device's outputs are from what the reference says they should be, measured with the
 * parity engine (so raw outputs are dequantized and layouts reconciled exactly as `toMatchOnnxWithin`
 * does) but without a verdict: the probes compare hypotheses by these numbers.
 * @packageDocumentation
 */
import type { InferableModel, InferOptions, NormalizationSpec } from '../device/types.js'
import { referenceInputs } from '../parity/reference-input.js'
import { runParity } from '../parity/run.js'
import type { ParityExemplar } from '../parity/types.js'
import type { Tensor, TensorMap } from '../tensor/types.js'

/**
 * Any tolerance measures the same numbers, and the probes read only those, never the verdict (a tolerance that every
 * comparison meets would be refused: it checks nothing).
 */
const MEASURE_ONLY = { atol: 0 } as const
/** SNR of identical outputs is +∞; a cap keeps means finite. */
export const SNR_CAP_DB = 100

/** One comparison of device outputs with expected outputs. */
export interface Agreement {
  /** Mean SNR over outputs, dB, within ±{@link SNR_CAP_DB}. */
  readonly snrDb: number
  /** Top-1 agreement over the outputs that are classifiers (rows > 0); undefined when none is. */
  readonly top1?: number
  /** The reconciled tensors (dequantized, same layout), for fits. */
  readonly exemplar: ParityExemplar
}

/** A model that returns outputs it was handed, declaring the real model's infos so parity reconciles them. */
function fixed(model: InferableModel, outputs: TensorMap): InferableModel {
  return { inputs: model.inputs, outputs: model.outputs, infer: async () => outputs }
}

/**
 * Compare `actual` (the device's outputs for `input`) with `expected` (the reference's outputs).
 * @example
 * ```ts
 * const { snrDb } = await agreement(model, await model.infer(feed), feed, expected)
 * ```
 */
export async function agreement(
  model: InferableModel,
  actual: TensorMap,
  input: Record<string, Tensor>,
  expected: TensorMap,
  options: InferOptions,
): Promise<Agreement> {
  const result = await runParity(
    fixed(model, actual),
    { ...expected },
    {
      input,
      tolerance: MEASURE_ONLY,
      seed: 0,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  )
  const comparisons = Object.values(result.samples[0]!.comparison.outputs)
  const snr = comparisons.map((c) =>
    Number.isNaN(c.snrDb) ? -SNR_CAP_DB : Math.max(-SNR_CAP_DB, Math.min(SNR_CAP_DB, c.snrDb)),
  )
  const classifiers = comparisons.filter((c) => c.top1.rows > 0)
  const top1 =
    classifiers.length === 0
      ? undefined
      : classifiers.reduce((s, c) => s + c.top1.agreeing / c.top1.rows, 0) / classifiers.length
  return {
    snrDb: snr.reduce((a, b) => a + b, 0) / snr.length,
    ...(top1 === undefined ? {} : { top1 }),
    exemplar: result.exemplar,
  }
}

/**
 * The device's outputs for `input`, fed twice and read the second time: a device whose output follows the
 * previous input (found and reported by the previous-frame probe) then still answers for `input`, so the
 * other probes measure what they are about.
 */
export async function settledInfer(
  model: InferableModel,
  input: Record<string, Tensor>,
  options: InferOptions,
): Promise<TensorMap> {
  await model.infer(input, options)
  return model.infer(input, options)
}

/**
 * The reference's outputs for pixels the model under test would receive as `input`, normalized `times` times
 * with `norm` on the way (0: the reference gets the raw pixel values).
 */
export async function referenceOutputs(
  model: InferableModel,
  reference: InferableModel,
  input: Record<string, Tensor>,
  norm: NormalizationSpec | undefined,
  times: 0 | 1 | 2,
  options: InferOptions,
): Promise<TensorMap> {
  const applied = norm === undefined || times === 0 ? undefined : times === 1 ? norm : twice(norm)
  const prepared = await referenceInputs(
    model.inputs,
    reference.inputs,
    input,
    applied === undefined ? undefined : [applied],
  )
  return reference.infer(prepared.inputs, options)
}

/**
 * `x ↦ ((x − m)/s − m)/s` as one normalization: mean `m·(1 + s)`, std `s²`.
 * @example
 * ```ts
 * twice({ mean: [127.5], std: [127.5] }) // { mean: [16383.75], std: [16256.25] }
 * ```
 */
export function twice(norm: NormalizationSpec): NormalizationSpec {
  return { mean: norm.mean.map((m, c) => m * (1 + norm.std[c]!)), std: norm.std.map((s) => s * s) }
}
