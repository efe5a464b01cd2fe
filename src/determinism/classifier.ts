/**
 * Reading an output as a classifier's: for 1-D or `[1, C]`-like outputs, the top-1 class and its
 * confidence — the numbers the motivating report printed ("Class 17 at 19.0%"). Probabilities (summing
 * to 1 within float rounding, or within the quantization error of a quantized output) are used as they
 * are; anything else (logits) goes through a softmax, and the result says which.
 * @packageDocumentation
 */
import type { QuantParams, Tensor, TensorInfo } from '../tensor/types.js'

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
  /**
   * How far from 1 the sum may be for the output to count as probabilities: {@link FLOAT_SUM_TOLERANCE}
   * for a float output, its quantization error for a quantized one (see {@link probabilitySumTolerance}).
   */
  readonly sumTolerance?: number
}

/**
 * Sum tolerance of a float output read as probabilities as it is: float32 rounding over 10⁵ classes stays far below it.
 */
export const FLOAT_SUM_TOLERANCE = 1e-3

/**
 * How far from 1 a probability vector's sum can drift. Float: {@link FLOAT_SUM_TOLERANCE}. Quantized
 * (raw, or dequantized by the device: the output declares `quant`): each of the C scores was rounded to a
 * multiple of the scale s, an error of up to s/2 with standard deviation s/√12, so the sum is off by
 * s·√(C/12) typically; six of those, s·√(3C), and never less than the float tolerance. A dequantized
 * uint8 softmax summing to 1.004 (s = 1/255) is a probability vector, not logits.
 * @example
 * ```ts
 * probabilitySumTolerance(1000, { scale: 1 / 255, zeroPoint: 0 }) // 0.215
 * probabilitySumTolerance(1000)                                    // 0.001
 * ```
 */
export function probabilitySumTolerance(classes: number, quant?: QuantParams): number {
  return quant === undefined ? FLOAT_SUM_TOLERANCE : Math.max(FLOAT_SUM_TOLERANCE, quant.scale * Math.sqrt(3 * classes))
}

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
  let top1 = 0,
    max = -Infinity,
    min = Infinity,
    sum = 0
  for (let i = 0; i < classes; i++) {
    const v = scores[i]!
    if (Number.isNaN(v)) return undefined
    if (v > max) {
      max = v
      top1 = i
    }
    if (v < min) min = v
    sum += v
  }
  const range = [min, max] as const
  const quant = info?.quant?.perChannel === undefined ? info?.quant : undefined
  const sumTolerance = probabilitySumTolerance(classes, quant)
  if (isProbabilityVector(sum, range, sumTolerance, quant === undefined ? 0 : quant.scale / 2)) {
    return {
      top1,
      confidence: Math.min(1, Math.max(0, scores[top1]!)),
      confidenceFrom: 'probabilities',
      classes,
      sum,
      range,
      sumTolerance,
    }
  }
  if (!Number.isFinite(max)) return undefined
  let denominator = 0
  for (let i = 0; i < classes; i++) denominator += Math.exp(scores[i]! - max)
  return { top1, confidence: 1 / denominator, confidenceFrom: 'softmax', classes, sum, range, sumTolerance }
}

/**
 * Whether scores with this sum and range are read as probabilities as they are: every score in [0, 1]
 * (give or take `valueTolerance`, half a quantization step for a quantized output) and a sum of 1 within
 * `sumTolerance` ({@link probabilitySumTolerance}).
 * @example
 * ```ts
 * isProbabilityVector(1.0000002, [0.01, 0.9]) // true
 * isProbabilityVector(14.2, [0.01, 0.9])      // false: softmax it
 * isProbabilityVector(1.004, [0, 0.91], probabilitySumTolerance(10, { scale: 1 / 255, zeroPoint: 0 })) // true
 * ```
 */
export function isProbabilityVector(
  sum: number,
  range: readonly [number, number],
  sumTolerance = FLOAT_SUM_TOLERANCE,
  valueTolerance = 0,
): boolean {
  const slack = Math.max(1e-6, valueTolerance)
  return range[0] >= -slack && range[1] <= 1 + slack && Math.abs(sum - 1) <= sumTolerance
}

function realValues(tensor: Tensor, info?: TensorInfo): ArrayLike<number> | undefined {
  if (tensor.dtype === 'float32' || tensor.dtype === 'float64') return tensor.data as Float32Array | Float64Array
  if (tensor.dtype === 'int64') return undefined
  const quant = info?.quant
  if (quant === undefined || quant.perChannel !== undefined) return undefined
  const data = tensor.data as Exclude<Tensor['data'], BigInt64Array>
  return Float64Array.from(data, (q) => (q - quant.zeroPoint) * quant.scale)
}
