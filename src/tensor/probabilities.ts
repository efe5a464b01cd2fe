/**
 * What counts as a probability vector: the rows of an output's last axis (its classes), every score in [0, 1] and
 * the row summing to 1 within float rounding, or within the quantization error of a quantized output. One
 * definition, shared by the confidence a failure reports and the emulator's calibration of a softmax output.
 * @packageDocumentation
 */
import type { QuantParams } from './types.js'

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
 * Whether every score lies in [0, 1], give or take `valueTolerance` (half a quantization step for a quantized
 * output; never less than 10⁻⁶).
 * @example
 * ```ts
 * scoresWithinUnitRange([0, 0.91])   // true
 * scoresWithinUnitRange([-0.5, 2])   // false: logits
 * ```
 */
export function scoresWithinUnitRange(range: readonly [number, number], valueTolerance = 0): boolean {
  const slack = Math.max(1e-6, valueTolerance)
  return range[0] >= -slack && range[1] <= 1 + slack
}

/**
 * Whether scores with this sum and range are read as probabilities as they are: every score in [0, 1]
 * ({@link scoresWithinUnitRange}) and a sum of 1 within `sumTolerance` ({@link probabilitySumTolerance}).
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
  return scoresWithinUnitRange(range, valueTolerance) && Math.abs(sum - 1) <= sumTolerance
}

/** An output's scores as rows of classes. */
export interface ClassAxis {
  /** Rows: the product of every dimension but the last (1 for `[1, 1000]` or `[1000]`). */
  readonly rows: number
  /** Classes per row: the last dimension. */
  readonly classes: number
}

/**
 * The rows of an output read as class scores: along its last axis, where a softmax normalizes by default.
 * @example
 * ```ts
 * classAxis([1, 1000])    // { rows: 1, classes: 1000 }
 * classAxis([1, 25, 97])  // { rows: 25, classes: 97 }: a text recognizer's 25 time steps
 * ```
 */
export function classAxis(shape: readonly number[]): ClassAxis {
  return { rows: shape.slice(0, -1).reduce((a, b) => a * b, 1), classes: shape[shape.length - 1] ?? 0 }
}

/**
 * Whether every row ({@link classAxis}) of these float values is a probability vector within float rounding
 * ({@link isProbabilityVector}): what a softmax over the last axis gives. A row of fewer than 2 classes never is
 * (a lone sigmoid score says nothing about a distribution), nor is an empty tensor.
 * @example
 * ```ts
 * rowsAreProbabilities([0.2, 0.8, 0.5, 0.5], [2, 2]) // true
 * rowsAreProbabilities([0.2, 0.7], [1, 2])           // false: sums to 0.9
 * ```
 */
export function rowsAreProbabilities(values: ArrayLike<number>, shape: readonly number[]): boolean {
  const { rows, classes } = classAxis(shape)
  if (classes < 2 || rows === 0 || values.length !== rows * classes) return false
  for (let r = 0; r < rows; r++) {
    let sum = 0,
      min = Infinity,
      max = -Infinity
    for (let i = r * classes; i < (r + 1) * classes; i++) {
      const v = values[i]!
      sum += v
      if (v < min) min = v
      if (v > max) max = v
    }
    // NaN fails every comparison, so a row holding one is not a probability vector.
    if (!isProbabilityVector(sum, [min, max])) return false
  }
  return true
}
