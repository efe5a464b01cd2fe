/**
 * Reading an output as a classifier's: for 1-D or `[1, C]`-like outputs, the top-1 class and its
 * confidence — the numbers the motivating report printed ("Class 17 at 19.0%"). Probabilities are
 * used as they are; anything else (logits) goes through a softmax, and the result says which.
 * @packageDocumentation
 */
import type { Tensor, TensorInfo } from '../tensor/types.js'

/** Top-1 of a classifier-like output. */
export interface ClassPrediction {
  /** Index of the largest score (the first one on ties). */
  readonly top1: number
  /** Probability of `top1`, in [0, 1]. */
  readonly confidence: number
  /** Where the probability comes from: the output already sums to 1, or a softmax of logits. */
  readonly confidenceFrom: 'probabilities' | 'softmax'
  /** Number of classes. */
  readonly classes: number
  /**
   * Sum of the scores (dequantized): about 1 for a probability vector. With {@link ClassPrediction.range},
   * it says why a softmax was applied — the sum is not 1, or a score lies outside [0, 1].
   */
  readonly sum: number
  /** Smallest and largest score. */
  readonly range: readonly [number, number]
}

/** Sum tolerance for treating an output as probabilities already. */
const PROBABILITY_SUM_SLACK = 1e-3

/**
 * The top-1 class and confidence when `tensor` looks like a classifier output (one row of ≥ 2 scores,
 * float, or quantized with known parameters), else `undefined`.
 * @example
 * ```ts
 * classifyOutput({ data: new Float32Array([0.1, 2, 0.3]), shape: [1, 3], dtype: 'float32' })
 * // { top1: 1, confidence: 0.74…, confidenceFrom: 'softmax', classes: 3, sum: 2.4, range: [0.1, 2] }
 * ```
 */
export function classifyOutput(tensor: Tensor, info?: TensorInfo): ClassPrediction | undefined {
  const classes = tensor.shape[tensor.shape.length - 1] ?? 0
  const rows = tensor.shape.slice(0, -1).reduce((a, b) => a * b, 1)
  if (classes < 2 || rows !== 1 || tensor.data.length !== classes) return undefined
  const scores = realValues(tensor, info)
  if (scores === undefined) return undefined
  let top1 = 0, max = -Infinity, min = Infinity, sum = 0
  for (let i = 0; i < classes; i++) {
    const v = scores[i]!
    if (Number.isNaN(v)) return undefined
    if (v > max) { max = v; top1 = i }
    if (v < min) min = v
    sum += v
  }
  const range = [min, max] as const
  if (isProbabilityVector(sum, range)) {
    return { top1, confidence: scores[top1]!, confidenceFrom: 'probabilities', classes, sum, range }
  }
  if (!Number.isFinite(max)) return undefined
  let denominator = 0
  for (let i = 0; i < classes; i++) denominator += Math.exp(scores[i]! - max)
  return { top1, confidence: 1 / denominator, confidenceFrom: 'softmax', classes, sum, range }
}

/**
 * Whether scores with this sum and range are read as probabilities as they are: every score in [0, 1]
 * and a sum of 1, within float rounding.
 * @example
 * ```ts
 * isProbabilityVector(1.0000002, [0.01, 0.9]) // true
 * isProbabilityVector(14.2, [0.01, 0.9])      // false: softmax it
 * ```
 */
export function isProbabilityVector(sum: number, range: readonly [number, number]): boolean {
  return range[0] >= -1e-6 && range[1] <= 1 + 1e-6 && Math.abs(sum - 1) <= PROBABILITY_SUM_SLACK
}

function realValues(tensor: Tensor, info?: TensorInfo): ArrayLike<number> | undefined {
  if (tensor.dtype === 'float32' || tensor.dtype === 'float64') return tensor.data as Float32Array | Float64Array
  if (tensor.dtype === 'int64') return undefined
  const quant = info?.quant
  if (quant === undefined || quant.perChannel !== undefined) return undefined
  const data = tensor.data as Exclude<Tensor['data'], BigInt64Array>
  return Float64Array.from(data, (q) => (q - quant.zeroPoint) * quant.scale)
}
