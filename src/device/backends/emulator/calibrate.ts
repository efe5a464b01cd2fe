/**
 * Choosing an output's uint8 quantization when the user gives none: run the model on a few seeded
 * synthetic inputs (uniform random pixels), take each output's range, widen it (never across zero)
 * so typical inputs rarely clip, and fit scale / zero point so 0 is exactly representable (as Hailo's quantizer does).
 * An output whose every row was a probability vector (a softmax) is quantized over [0, 1] instead: noise inputs
 * give a softmax low maxima, and a confident real input would be clipped far below its probability.
 * This is a stand-in for the Dataflow Compiler's calibration on a real data set: ranges from noise
 * images differ from real ones, so pass `outputQuant` when the exact parameters matter.
 * @packageDocumentation
 */
import type { QuantParams, Tensor, TensorInfo, TensorMap } from '../../../tensor/types.js'
import { createPrng } from '../../../random/prng.js'
import { typedArrayFor } from '../../../tensor/dtype.js'
import { rowsAreProbabilities } from '../../../tensor/probabilities.js'

/** Synthetic inputs per calibration. */
export const CALIBRATION_SAMPLES = 4
/** The range seen is widened by this fraction of its width on each side. */
export const CALIBRATION_MARGIN = 0.25

/**
 * One seeded synthetic input per declared (emulated) input; dynamic dims become 1.
 * uint8 inputs get uniform pixels 0–255, other dtypes zeros.
 */
export function calibrationInputs(infos: readonly TensorInfo[], seed: number, sample: number): Record<string, Tensor> {
  const rng = createPrng((seed + Math.imul(sample + 1, 0x9e3779b1)) >>> 0)
  const out: Record<string, Tensor> = {}
  for (const info of infos) {
    const shape = info.shape.map((d) => (typeof d === 'number' ? d : 1))
    const n = shape.reduce((a, d) => a * d, 1)
    const data = typedArrayFor(info.dtype, n)
    if (data instanceof Uint8Array) for (let i = 0; i < n; i++) data[i] = rng.nextU32() & 0xff
    out[info.name] = { data, shape, dtype: info.dtype } as Tensor
  }
  return out
}

/** What calibration saw of one float output. */
export interface ObservedRange {
  min: number
  max: number
  /** Every row of every sample was a probability vector (`rowsAreProbabilities`): a softmax output. */
  probabilities: boolean
}

/** The quantization of a probability output: [0, 1] in 255 steps, whatever the calibration inputs reached. */
export const PROBABILITY_QUANT: QuantParams = Object.freeze({ scale: Math.fround(1 / 255), zeroPoint: 0 })

/** Running [min, max] of each float output over calibration samples, and whether its rows are probabilities. */
export function observeRanges(ranges: Map<string, ObservedRange>, outputs: TensorMap): void {
  for (const [name, t] of Object.entries(outputs)) {
    if (t.dtype !== 'float32' && t.dtype !== 'float64') continue
    const range = ranges.get(name) ?? { min: Infinity, max: -Infinity, probabilities: true }
    for (const v of t.data) {
      if (v < range.min) range.min = v
      if (v > range.max) range.max = v
    }
    range.probabilities &&= rowsAreProbabilities(t.data, t.shape)
    ranges.set(name, range)
  }
}

/**
 * uint8 parameters for what calibration saw: {@link PROBABILITY_QUANT} for a probability output, else
 * {@link quantForRange}; an output never seen gets the range [0, 0].
 * @example
 * ```ts
 * quantForObserved({ min: 0.01, max: 0.33, probabilities: true })  // { scale: 1/255, zeroPoint: 0 }
 * quantForObserved({ min: -1, max: 3, probabilities: false })      // quantForRange(-1, 3)
 * ```
 */
export function quantForObserved(observed: ObservedRange | undefined): QuantParams {
  if (observed === undefined) return quantForRange(0, 0)
  return observed.probabilities ? PROBABILITY_QUANT : quantForRange(observed.min, observed.max)
}

/**
 * uint8 parameters for a real range: widened by the margin (not across zero), 0 included, `scale = width / 255`,
 * `zeroPoint = round(−min / scale)`.
 * @example
 * ```ts
 * quantForRange(-1, 3) // { scale: ≈0.0196, zeroPoint: 64 }
 * ```
 */
export function quantForRange(min: number, max: number): QuantParams {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { scale: 1 / 255, zeroPoint: 0 }
  const margin = (max - min) * CALIBRATION_MARGIN
  // Never widen across zero: a non-negative output (ReLU, softmax) keeps zero point 0.
  const lo = min >= 0 ? 0 : min - margin
  const hi = max <= 0 ? 0 : max + margin
  if (hi - lo === 0) return { scale: 1 / 255, zeroPoint: 0 }
  const scale = Math.fround((hi - lo) / 255)
  return { scale, zeroPoint: Math.min(255, Math.max(0, Math.round(-lo / scale))) }
}
