/**
 * The quantization probe: are the outputs dequantized, and with the right scale and zero point? Over
 * the probe images, each output is fitted as `device ≈ gain · reference + offset` (least squares).
 * A correct pipeline gives gain ≈ 1 and offset ≈ 0; any other straight line means a wrong scale or zero
 * point. Raw codes read as floats are told apart first: integer values that come much closer to the
 * reference once dequantized with the output's declared quantization. Outputs that are not a straight function of the
 * reference (r² < 0.9) are left
 * to the other probes.
 * @packageDocumentation
 */
import type { InferableModel, InferOptions, NormalizationSpec } from '../device/types.js'
import type { QuantParams } from '../tensor/types.js'
import { agreement, referenceOutputs, settledInfer } from './agreement.js'
import type { ProbeFindings } from './previous-frame.js'
import { asInput, type ProbeImages } from './probe-images.js'
import type { Cause } from './types.js'

/** Running sums of a simple linear regression of `d` on `t`. */
class LineFit {
  n = 0
  t = 0
  d = 0
  tt = 0
  dd = 0
  td = 0
  add(t: ArrayLike<number>, d: ArrayLike<number>): void {
    for (let i = 0; i < t.length; i++) {
      const x = t[i]!,
        y = d[i]!
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue
      this.n++
      this.t += x
      this.d += y
      this.tt += x * x
      this.dd += y * y
      this.td += x * y
    }
  }
  /** gain, offset and r², or undefined when the reference does not vary. */
  solve(): { gain: number; offset: number; r2: number; spread: number } | undefined {
    const { n } = this
    if (n < 2) return undefined
    const varT = this.tt / n - (this.t / n) ** 2,
      varD = this.dd / n - (this.d / n) ** 2
    const cov = this.td / n - (this.t / n) * (this.d / n)
    if (!(varT > 1e-12) || !(varD > 1e-12)) return undefined
    const gain = cov / varT
    return { gain, offset: this.d / n - gain * (this.t / n), r2: (cov * cov) / (varT * varD), spread: Math.sqrt(varT) }
  }
}

/** Below this r² the output is no straight function of the reference: left to the other probes. */
const MIN_R2 = 0.9
/** A "wrong scale or zero point" reading needs the points on a line this well. */
const MIN_R2_OTHER = 0.98
/**
 * Outside this gain (or with an offset over half the reference's spread) a straight line means a wrong scale or zero
 * point.
 */
const GAIN_RANGE = [2 / 3, 1.5] as const

/** Dequantizing must bring the output this much closer to the reference (dB) for "raw codes" to be the reading. */
const RAW_GAIN_DB = 10

/** Σ of squared reference values and of squared errors, for an SNR over every probe image. */
class Snr {
  signal = 0
  raw = 0
  dequantized = 0
  add(actual: ArrayLike<number>, truth: ArrayLike<number>, q: QuantParams | undefined): void {
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i]!,
        a = actual[i]!
      this.signal += t * t
      this.raw += (a - t) ** 2
      if (q !== undefined) this.dequantized += ((a - q.zeroPoint) * q.scale - t) ** 2
    }
  }
  /** How much closer (dB) the dequantized codes are to the reference than the values as given. */
  get gainDb(): number {
    return 10 * Math.log10(this.raw / Math.max(this.dequantized, Number.MIN_VALUE))
  }
}

/** What one output's values look like over every probe image. */
class Shape {
  integral = true
  min = Infinity
  max = -Infinity
  /** Reference rows that are probability vectors (in [0, 1], summing to 1). */
  probabilities = true
  add(actual: ArrayLike<number>, truth: ArrayLike<number>): void {
    let sum = 0
    for (let i = 0; i < actual.length; i++) {
      const v = actual[i]!,
        t = truth[i]!
      if (!Number.isInteger(v)) this.integral = false
      if (v < this.min) this.min = v
      if (v > this.max) this.max = v
      if (!(t >= 0 && t <= 1)) this.probabilities = false
      sum += t
    }
    if (Math.abs(sum - 1) > 1e-3) this.probabilities = false
  }
  /** Raw codes of a uint8 / uint16 output read as floats. */
  get codes(): boolean {
    return this.integral && this.min >= 0 && this.max <= 65535 && this.max > 0
  }
}

/**
 * Run the quantization probe against `reference` (fed the probe pixels normalized `norm`, if any).
 * @example
 * ```ts
 * const { causes } = await quantizationProbe(model, reference, images, norm, {})
 * ```
 */
export async function quantizationProbe(
  model: InferableModel,
  reference: InferableModel,
  images: ProbeImages,
  norm: NormalizationSpec | undefined,
  options: InferOptions,
): Promise<ProbeFindings> {
  const fits = new Map<string, LineFit>()
  const shapes = new Map<string, Shape>()
  const snrs = new Map<string, Snr>()
  for (const pixels of images.pixels) {
    const input = { [images.info.name]: asInput(images, pixels) }
    const expected = await referenceOutputs(model, reference, input, norm, norm === undefined ? 0 : 1, options)
    const { exemplar } = await agreement(model, await settledInfer(model, input, options), input, expected, options)
    for (const [name, actual] of Object.entries(exemplar.actual)) {
      const truth = exemplar.expected[name]
      if (truth === undefined || truth.data.length !== actual.data.length || typeof actual.data[0] === 'bigint')
        continue
      const fit = fits.get(name) ?? new LineFit()
      fit.add(truth.data as ArrayLike<number>, actual.data as ArrayLike<number>)
      fits.set(name, fit)
      const shape = shapes.get(name) ?? new Shape()
      shape.add(actual.data as ArrayLike<number>, truth.data as ArrayLike<number>)
      shapes.set(name, shape)
      const snr = snrs.get(name) ?? new Snr()
      snr.add(
        actual.data as ArrayLike<number>,
        truth.data as ArrayLike<number>,
        model.outputs.find((o) => o.name === name)?.quant,
      )
      snrs.set(name, snr)
    }
  }
  const probe = 'quantization' as const
  const causes: Cause[] = []
  for (const [name, fit] of fits) {
    const info = model.outputs.find((o) => o.name === name)
    const q = info?.quant
    // Declared float and quantized, every value a code, and much closer to the reference once dequantized:
    // the float32 path handed back raw codes.
    const closer = snrs.get(name)!.gainDb
    if (q !== undefined && info!.dtype.startsWith('float') && shapes.get(name)!.codes && closer >= RAW_GAIN_DB) {
      causes.push({
        code: 'outputs-not-dequantized',
        probe,
        confidence: 'strong',
        facts: { output: name, scale: q.scale, zeroPoint: q.zeroPoint, closerDb: round(closer) },
      })
      continue
    }
    const line = fit.solve()
    if (line === undefined || line.r2 < MIN_R2) continue
    const { gain, offset, spread } = line
    const shape = shapes.get(name)!
    const facts = { output: name, gain: round(gain), offset: round(offset), r2: round(line.r2) }
    // Softmax outputs bend quantization noise: a line through them says nothing about the dequantization.
    if (shape.probabilities || line.r2 < MIN_R2_OTHER) continue
    if (gain >= GAIN_RANGE[0] && gain <= GAIN_RANGE[1] && Math.abs(offset) <= 0.5 * spread) continue
    causes.push({ code: 'outputs-dequantized-wrongly', probe, confidence: 'likely', facts })
  }
  return { outcome: { probe, status: 'ran', inferences: images.pixels.length * 2 }, causes }
}

const round = (x: number): number => Number(x.toPrecision(4))
