/**
 * Reading an output as a classifier's: for 1-D or `[1, C]`-like outputs, the top-1 class and its
 * confidence — the numbers the motivating report printed ("Class 17 at 19.0%"). Probabilities (summing
 * to 1 within float rounding, or within the quantization error of a quantized output) are used as they
 * are; so are a quantized output's scores in [0, 1] that sum clearly below 1 (probabilities clipped by the output's
 * quantization), which a softmax would turn into a made-up confidence; anything else (logits) goes through a
 * softmax, and the result says which.
 * @packageDocumentation
 */
import {
  classAxis,
  isProbabilityVector,
  probabilitySumTolerance,
  scoresWithinUnitRange,
} from '../tensor/probabilities.js'
import type { QuantParams, Tensor, TensorInfo } from '../tensor/types.js'

/**
 * Where a confidence comes from. `probabilities`: the output is a probability vector, read as given. `softmax`: a
 * softmax of scores that are not (logits). `short-probabilities`: a quantized output whose every score is in [0, 1]
 * but whose sum is clearly below 1, as probabilities clipped by the output's quantization are (the top score is then
 * low by up to 1 − sum) — read as given, since a softmax of them would be a different, made-up number.
 */
export type ConfidenceSource = 'probabilities' | 'short-probabilities' | 'softmax'

/** Top-1 of a classifier-like output. */
export interface ClassPrediction {
  /** Index of the largest score (the first one on ties). */
  readonly top1: number
  /** Probability of `top1`, in [0, 1]; for `short-probabilities` its score as given (if clipped, low by ≤ 1 − sum). */
  readonly confidence: number
  /** Where the probability comes from: the output as given (summing to 1, or short of it), or a softmax of logits. */
  readonly confidenceFrom: ConfidenceSource
  /** Number of classes. */
  readonly classes: number
  /**
   * Sum of the scores (dequantized): about 1 for a probability vector. With {@link ClassPrediction.range},
   * it says why a softmax was applied — the sum is not 1, or a score lies outside [0, 1] — or how far
   * short-probabilities fall short of 1.
   */
  readonly sum: number
  /** Smallest and largest score. */
  readonly range: readonly [number, number]
  /**
   * How far from 1 the sum may be for the output to count as probabilities: 0.001 for a float output, its
   * quantization error for a quantized one (see `probabilitySumTolerance` in src/tensor/probabilities.ts).
   */
  readonly sumTolerance?: number
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
  const { rows, classes } = classAxis(tensor.shape)
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
  const from = confidenceSource(sum, range, sumTolerance, quant)
  if (from !== 'softmax') {
    const confidence = Math.min(1, Math.max(0, scores[top1]!))
    return { top1, confidence, confidenceFrom: from, classes, sum, range, sumTolerance }
  }
  if (!Number.isFinite(max)) return undefined
  let denominator = 0
  for (let i = 0; i < classes; i++) denominator += Math.exp(scores[i]! - max)
  return { top1, confidence: 1 / denominator, confidenceFrom: 'softmax', classes, sum, range, sumTolerance }
}

/**
 * How to read scores with this sum and range ({@link ConfidenceSource}). As given: every score in [0, 1] and the sum
 * 1 within `sumTolerance`; or, for a quantized output (`quant`: scores then count within half a step of [0, 1]), a sum
 * clearly below 1, as clipping by the output's quantization leaves it. Else as logits. A float output short of 1
 * keeps the softmax: nothing clipped it, and logits near zero (a row of zeros) look just like it.
 * @example
 * ```ts
 * const q = { scale: 1 / 255, zeroPoint: 0 }
 * confidenceSource(1.004, [0, 0.91], 0.017, q)  // 'probabilities'
 * confidenceSource(0.862, [0.07, 0.42], 0.014, q) // 'short-probabilities': clipped, not logits
 * confidenceSource(0.862, [0.07, 0.42], 0.001)    // 'softmax'
 * ```
 */
export function confidenceSource(
  sum: number,
  range: readonly [number, number],
  sumTolerance: number,
  quant?: QuantParams,
): ConfidenceSource {
  const valueTolerance = quant === undefined ? 0 : quant.scale / 2
  if (isProbabilityVector(sum, range, sumTolerance, valueTolerance)) return 'probabilities'
  return quant !== undefined && scoresWithinUnitRange(range, valueTolerance) && sum < 1
    ? 'short-probabilities'
    : 'softmax'
}

function realValues(tensor: Tensor, info?: TensorInfo): ArrayLike<number> | undefined {
  if (tensor.dtype === 'float32' || tensor.dtype === 'float64') return tensor.data as Float32Array | Float64Array
  if (tensor.dtype === 'int64') return undefined
  const quant = info?.quant
  if (quant === undefined || quant.perChannel !== undefined) return undefined
  const data = tensor.data as Exclude<Tensor['data'], BigInt64Array>
  return Float64Array.from(data, (q) => (q - quant.zeroPoint) * quant.scale)
}
