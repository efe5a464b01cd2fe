/**
 * Reading an output as a classifier's: for 1-D or `[1, C]`-like outputs, the top-1 class and its
 * confidence — the numbers the motivating report printed ("Class 17 at 19.0%"). Probabilities (summing
 * to 1 within float rounding, or within the quantization error of a quantized output) are used as they
 * are; so are probabilities whose top class was clipped by the output's quantization (quantized, in [0, 1], summing
 * clearly below 1, the top score at the top of the range), which a softmax would turn into a made-up confidence;
 * anything else (logits) goes through a softmax, and the result says which.
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
 * softmax of scores that are not (logits). `clipped-probabilities`: a quantized output that holds no negative value,
 * every score in [0, 1], the sum clearly below 1 and the top score at the top of the quantization's range — a
 * probability vector whose top class was cut there by a range calibrated too narrow. It is read as given (its true
 * probability lies between the score and the score + 1 − sum); a softmax of it would be a made-up number.
 */
export type ConfidenceSource = 'probabilities' | 'clipped-probabilities' | 'softmax'

/** Top-1 of a classifier-like output. */
export interface ClassPrediction {
  /** Index of the largest score (the first one on ties). */
  readonly top1: number
  /** Probability of `top1`, in [0, 1]; for `clipped-probabilities` its score as given, a lower bound. */
  readonly confidence: number
  /** Where the probability comes from: the output as given (a probability vector, or a clipped one), or a softmax. */
  readonly confidenceFrom: ConfidenceSource
  /** Number of classes. */
  readonly classes: number
  /**
   * Sum of the scores (dequantized): about 1 for a probability vector. With {@link ClassPrediction.range},
   * it says why a softmax was applied — the sum is not 1, or a score lies outside [0, 1] — or, for
   * clipped probabilities, how much probability the clipping cut off (1 − sum).
   */
  readonly sum: number
  /** Smallest and largest score. */
  readonly range: readonly [number, number]
  /**
   * How far from 1 the sum may be for the output to count as probabilities: 0.001 for a float output, its
   * quantization error for a quantized one (see `probabilitySumTolerance` in src/tensor/probabilities.ts).
   */
  readonly sumTolerance?: number
  /** For `clipped-probabilities`: the top of the output's quantization range, where the top score was cut. */
  readonly clippedAt?: number
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
  const ceiling = quant === undefined ? undefined : clippedAt(max, quant)
  const from = confidenceSource(sum, range, sumTolerance, quant, ceiling !== undefined)
  if (from !== 'softmax') {
    const confidence = Math.min(1, Math.max(0, scores[top1]!))
    const clipped = from === 'clipped-probabilities' ? { clippedAt: ceiling } : {}
    return { top1, confidence, confidenceFrom: from, classes, sum, range, sumTolerance, ...clipped }
  }
  if (!Number.isFinite(max)) return undefined
  let denominator = 0
  for (let i = 0; i < classes; i++) denominator += Math.exp(scores[i]! - max)
  return { top1, confidence: 1 / denominator, confidenceFrom: 'softmax', classes, sum, range, sumTolerance }
}

/**
 * How to read scores with this sum and range ({@link ConfidenceSource}). As given: every score in [0, 1] and the sum
 * 1 within `sumTolerance`; or, for a quantized output (`quant`: scores then count within half a step of [0, 1]) that
 * holds no negative value and whose top score sits at the top of its range (`topClipped`), a sum clearly below 1.
 * Anything else is read as logits: a float output short of 1 (nothing clipped it) or a quantized one whose top was
 * not cut (its rounding alone cannot lose that much) is no clipped probability vector.
 * @example
 * ```ts
 * const q = { scale: 0.42 / 255, zeroPoint: 0 }
 * confidenceSource(1.004, [0, 0.91], 0.017, q)          // 'probabilities'
 * confidenceSource(0.64, [0.07, 0.42], 0.006, q, true)  // 'clipped-probabilities'
 * confidenceSource(0.64, [0.07, 0.42], 0.006, q, false) // 'softmax'
 * ```
 */
export function confidenceSource(
  sum: number,
  range: readonly [number, number],
  sumTolerance: number,
  quant?: QuantParams,
  topClipped = false,
): ConfidenceSource {
  const valueTolerance = quant === undefined ? 0 : quant.scale / 2
  if (isProbabilityVector(sum, range, sumTolerance, valueTolerance)) return 'probabilities'
  const clipped =
    quant !== undefined && quant.zeroPoint <= 0 && topClipped && scoresWithinUnitRange(range, valueTolerance)
  return clipped && sum < 1 ? 'clipped-probabilities' : 'softmax'
}

/**
 * The top of `quant`'s range when `value` sits on it (within half a step), else `undefined`: `quant.max` when the
 * clip range is known, else the largest uint8 or uint16 code (a float vstream does not say which). A top of 0 or
 * below clips nothing a probability would reach.
 */
function clippedAt(value: number, quant: QuantParams): number | undefined {
  const tops =
    quant.max === undefined ? [255, 65535].map((code) => (code - quant.zeroPoint) * quant.scale) : [quant.max]
  return tops.find((top) => top > 0 && Math.abs(value - top) <= quant.scale / 2)
}

function realValues(tensor: Tensor, info?: TensorInfo): ArrayLike<number> | undefined {
  if (tensor.dtype === 'float32' || tensor.dtype === 'float64') return tensor.data as Float32Array | Float64Array
  if (tensor.dtype === 'int64') return undefined
  const quant = info?.quant
  if (quant === undefined || quant.perChannel !== undefined) return undefined
  const data = tensor.data as Exclude<Tensor['data'], BigInt64Array>
  return Float64Array.from(data, (q) => (q - quant.zeroPoint) * quant.scale)
}
