/**
 * The one tolerance vocabulary every matcher speaks (`toMatchOnnxWithin`, `toBeDeterministicAcross`
 * with a tolerance, the CLI's `compare`). Every criterion given must hold; criteria not given are
 * not checked.
 * @packageDocumentation
 */
import { UnknownNameError } from '../errors.js'
import { didYouMean, invalidParameter } from '../validate.js'

/** `topK` over a dataset: the expected top-1 class is among the actual top `k` in at least `fraction` of samples. */
export interface TopKFraction {
  /**
   * How many of the actual's highest classes may hold the expected top-1 class. An integer ≥ 1, below the output's
   * number of classes (checked when compared: every class is among the top k of k classes).
   */
  readonly k: number
  /** Minimum fraction of samples (batch rows × dataset samples) where it does, in `(0, 1]`. */
  readonly fraction: number
}

/**
 * Criteria for one output. Every criterion given must hold.
 *
 * @example
 * ```ts
 * const t: ToleranceCriteria = { atol: 1e-3, rtol: 1e-3, cosine: 0.999, top1: true }
 * ```
 */
export interface ToleranceCriteria {
  /**
   * Absolute tolerance. With {@link ToleranceCriteria.rtol} every element must satisfy
   * `|actual − expected| ≤ atol + rtol·|expected|`; a missing one of the pair counts as 0.
   */
  readonly atol?: number
  /** Relative tolerance, see {@link ToleranceCriteria.atol}. */
  readonly rtol?: number
  /**
   * Maximum error in quantization steps: `|actual − expected| / scale ≤ steps` for every element, with
   * `scale` the output's quantization scale (per channel when the output has per-channel parameters).
   * Needs the output's quantization; comparing without one is a `UsageError`.
   */
  readonly steps?: number
  /**
   * Minimum cosine similarity of the two tensors seen as flat vectors, in `(0, 1]` (typically 0.99): a bound ≤ 0
   * would accept an output at right angles to the expected one, or all zeros.
   */
  readonly cosine?: number
  /**
   * Minimum signal-to-noise ratio in dB: `10·log10(Σ expected² / Σ (actual − expected)²)`, above 0 (typically 20 or
   * more): at 0 dB or less an output of all zeros would pass.
   */
  readonly snrDb?: number
  /**
   * Top-1 agreement: the index of the largest element (per batch row when the first dimension is a batch
   * of more than one) is the same on both sides. `true` = every row and sample agrees; a number in
   * `(0, 1]` = at least that fraction of rows over all samples agree. `false` = not checked.
   */
  readonly top1?: boolean | number
  /**
   * Top-k agreement: the expected (reference) top-1 class is among the `k` highest classes of the actual
   * output (ties broken by lower index first). A number `k` = in every row and sample; `{ k, fraction }`
   * = in at least that fraction of them.
   */
  readonly topK?: number | TopKFraction
  /**
   * Treat NaN on both sides at the same element as equal. Otherwise any NaN in either output fails,
   * whatever the other criteria say. @defaultValue false
   */
  readonly equalNaN?: boolean
}

/**
 * A default {@link ToleranceCriteria} plus per-output overrides. An override replaces the default's
 * criteria key by key (`{ perOutput: { boxes: { atol: 0.5 } } }` keeps the default's `top1` for `boxes`
 * unless it sets `top1: false`).
 *
 * @example
 * ```ts
 * await expect(hef).toMatchOnnxWithin('model.onnx', {
 *   tolerance: { cosine: 0.99, top1: true, perOutput: { 'yolo/conv81': { steps: 2, top1: false } } },
 * })
 * ```
 */
export interface Tolerance extends ToleranceCriteria {
  readonly perOutput?: Readonly<Record<string, ToleranceCriteria>>
}

/** Every key a {@link ToleranceCriteria} may have, in the order messages list them. */
export const CRITERIA_KEYS = ['atol', 'rtol', 'steps', 'cosine', 'snrDb', 'top1', 'topK', 'equalNaN'] as const

/** Every key a {@link Tolerance} may have. */
export const TOLERANCE_KEYS = [...CRITERIA_KEYS, 'perOutput'] as const

/** A suggestion after a message that ends without a full stop. */
const sentence = (hint: string): string => (hint === '' ? '' : `.${hint}`)

function refuseUnknownKeys(where: string, value: object, known: readonly string[]): void {
  const unknown = Object.keys(value).filter((k) => !known.includes(k))
  if (unknown.length > 0) {
    const hint = didYouMean(unknown, known)
    throw new UnknownNameError(
      'E_TOLERANCE_KEY',
      `Unknown tolerance key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in ${where}; ` +
        `valid keys are: ${known.join(', ')}${sentence(hint)}`,
    )
  }
}

/** What each bound accepts, a typical value, and why the values just outside would check nothing. */
const BOUNDS = {
  atol: 'a finite number ≥ 0, e.g. 1e-3 for a float rewrite or 0.05 for a quantized model',
  rtol: 'a finite number ≥ 0, e.g. 1e-3',
  steps: 'a finite number ≥ 0 of quantization steps, e.g. 2',
} as const

/** Why Infinity is refused for atol, rtol and steps: it accepts every difference, so the key would check nothing. */
const NO_INFINITY = '(Infinity accepts every difference, so it would check nothing: leave the key out instead)'

function checkNonNegative(where: string, key: keyof typeof BOUNDS, value: unknown): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw invalidParameter(`${where}.${key}`, `${BOUNDS[key]} ${NO_INFINITY}`, value)
  }
}

/**
 * A minimum cosine of 0 or less accepts an output at right angles to the reference (no relation to it) and an
 * output of all zeros (cosine 0); −1 accepts every output. None of them is "within tolerance" of the reference.
 */
const COSINE =
  'a minimum cosine similarity in (0, 1], typically 0.99, or 0.999 and more for a float rewrite (a bound ≤ 0 ' +
  'accepts an output at right angles to the reference or all zeros, and −1 every output)'

/** An SNR of 0 dB or less accepts an output of all zeros: its noise is the reference itself (exactly 0 dB). */
const SNR =
  "a minimum SNR in dB above 0, typically 20 or more (20 dB: noise power 1 % of the signal's; a bound ≤ 0 dB " +
  'accepts an output of all zeros, whose noise is the reference itself, and −Infinity every output)'

function checkFraction(name: string, value: unknown): void {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw invalidParameter(name, 'a fraction in (0, 1]', value)
  }
}

function checkCriteria(where: string, c: unknown, known: readonly string[]): void {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) {
    throw invalidParameter(where, 'an object such as { atol: 1e-3, cosine: 0.99 }', c)
  }
  refuseUnknownKeys(where, c, known)
  const t = c as Record<string, unknown>
  for (const key of ['atol', 'rtol', 'steps'] as const) checkNonNegative(where, key, t[key])
  if (t.cosine !== undefined && (typeof t.cosine !== 'number' || !(t.cosine > 0 && t.cosine <= 1))) {
    throw invalidParameter(`${where}.cosine`, COSINE, t.cosine)
  }
  if (t.snrDb !== undefined && (typeof t.snrDb !== 'number' || !(t.snrDb > 0))) {
    throw invalidParameter(`${where}.snrDb`, SNR, t.snrDb)
  }
  if (t.top1 !== undefined && typeof t.top1 !== 'boolean') checkFraction(`${where}.top1`, t.top1)
  if (t.topK !== undefined) {
    if (typeof t.topK === 'object' && t.topK !== null) {
      refuseUnknownKeys(`${where}.topK`, t.topK, ['k', 'fraction'])
      const { k, fraction } = t.topK as Record<string, unknown>
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 1)
        throw invalidParameter(`${where}.topK.k`, 'an integer ≥ 1', k)
      checkFraction(`${where}.topK.fraction`, fraction)
    } else if (typeof t.topK !== 'number' || !Number.isInteger(t.topK) || t.topK < 1) {
      throw invalidParameter(`${where}.topK`, 'an integer k ≥ 1 or { k, fraction }', t.topK)
    }
  }
  if (t.equalNaN !== undefined && typeof t.equalNaN !== 'boolean') {
    throw invalidParameter(`${where}.equalNaN`, 'a boolean', t.equalNaN)
  }
}

/**
 * Check a tolerance before anything runs: unknown keys (a typo must never silently check nothing),
 * negative, infinite or NaN bounds, a cosine outside `(0, 1]`, an SNR ≤ 0 dB (bounds that would check nothing),
 * fractions outside `(0, 1]`. Returns it typed. A `topK` of every class is refused when the classes are known.
 * Output names in `perOutput` are checked later, against the model ({@link criteriaFor} / compareOutputs).
 *
 * @throws {@link UnknownNameError} for an unknown key, {@link InvalidArgumentError} for a bad value.
 * @example
 * ```ts
 * validateTolerance({ atol: 1e-3, cosine: 0.99 })  // ok
 * validateTolerance({ tolerence: 1 })              // throws: Unknown tolerance key "tolerence" …
 * ```
 */
export function validateTolerance(tolerance: unknown): Tolerance {
  checkCriteria('tolerance', tolerance, TOLERANCE_KEYS)
  const perOutput = (tolerance as Record<string, unknown>).perOutput
  if (perOutput !== undefined) {
    if (perOutput === null || typeof perOutput !== 'object' || Array.isArray(perOutput)) {
      throw invalidParameter('tolerance.perOutput', 'an object keyed by output name', perOutput)
    }
    for (const [name, c] of Object.entries(perOutput))
      checkCriteria(`tolerance.perOutput[${JSON.stringify(name)}]`, c, CRITERIA_KEYS)
  }
  return tolerance as Tolerance
}

/** True when the tolerance gives no criterion at all (then comparisons are bit-exact: every element equal). */
export function isEmptyCriteria(c: ToleranceCriteria): boolean {
  return CRITERIA_KEYS.every((k) => k === 'equalNaN' || c[k] === undefined || c[k] === false)
}

/**
 * The criteria that apply to one output: the default overlaid with `perOutput[name]`.
 *
 * @example
 * ```ts
 * criteriaFor({ cosine: 0.99, perOutput: { boxes: { atol: 1 } } }, 'boxes') // { cosine: 0.99, atol: 1 }
 * ```
 */
export function criteriaFor(tolerance: Tolerance, outputName: string): ToleranceCriteria {
  const { perOutput, ...defaults } = tolerance
  const override = perOutput?.[outputName]
  return override === undefined ? defaults : { ...defaults, ...override }
}

/**
 * Throw {@link UnknownNameError} when `perOutput` names an output the model does not have, listing the
 * ones it has.
 */
export function checkPerOutputNames(tolerance: Tolerance, outputNames: readonly string[]): void {
  const unknown = Object.keys(tolerance.perOutput ?? {}).filter((n) => !outputNames.includes(n))
  if (unknown.length > 0) {
    throw new UnknownNameError(
      'E_UNKNOWN_OUTPUT',
      `tolerance.perOutput names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which ${unknown.length > 1 ? 'are not outputs' : 'is not an output'} ` +
        `of the model; its outputs are: ${outputNames.map((n) => JSON.stringify(n)).join(', ') || '(none)'}` +
        sentence(didYouMean(unknown, outputNames)),
    )
  }
}
