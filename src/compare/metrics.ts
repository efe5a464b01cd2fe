/**
 * The single pass over two tensors' values that every comparison number comes from. Kept apart from
 * the judging so the hot loop stays small and monomorphic; this runs on 224×224×3 inputs and
 * 256 KiB outputs.
 * @packageDocumentation
 */

/** What {@link measure} needs to know besides the values. */
export interface MeasureSettings {
  /** Absolute and relative tolerance (0 when not given). */
  readonly atol: number
  readonly rtol: number
  /** True when atol or rtol was given: mismatches are then elements outside the bound, else unequal ones. */
  readonly elementwise: boolean
  readonly equalNaN: boolean
  /** Quantization scale of each channel, and the run length of one channel, when steps are measured. */
  readonly scales?: readonly number[]
  readonly inner?: number
}

/** Raw sums and extremes of one pass; indices are flat, −1 when there was no such element. */
export interface Measurements {
  /** Elements that count for errors and similarities (not NaN on either side). */
  compared: number
  mismatched: number
  /** NaN not excused: on one side only, or on both without `equalNaN`. */
  nanMismatched: number
  /** Both sides NaN at the same place (excused only with `equalNaN`). */
  nanBoth: number
  firstNaN: number
  sumAbs: number
  maxAbs: number
  maxAbsIndex: number
  maxRel: number
  maxRelIndex: number
  maxSteps: number
  maxStepsIndex: number
  /** max over elements of `|a − e| − rtol·|e|`: the atol that would be needed (before clamping at 0). */
  neededAtol: number
  dot: number
  sumA2: number
  sumE2: number
  noise: number
  /** Pairs with an infinity on at least one side that are not the same infinity on both (±Inf vs ∓Inf or a finite). */
  infMismatched: number
}

/**
 * Measure `actual` against `expected` element by element in one pass.
 * Both must have `n` elements; numbers only (convert `BigInt64Array` first).
 */
export function measure(actual: ArrayLike<number>, expected: ArrayLike<number>, s: MeasureSettings): Measurements {
  const n = actual.length
  const { atol, rtol, elementwise, equalNaN } = s
  const scales = s.scales
  const inner = s.inner ?? n
  const channels = scales?.length ?? 1
  let channel = 0
  let inRun = 0
  let scale = scales?.[0] ?? 1
  let sumAbs = 0,
    dot = 0,
    sumA2 = 0,
    sumE2 = 0,
    noise = 0,
    neededAtol = 0
  let maxAbs = -1,
    maxAbsIndex = -1,
    maxRel = -1,
    maxRelIndex = -1,
    maxSteps = -1,
    maxStepsIndex = -1
  let nanMismatched = 0,
    nanBoth = 0,
    firstNaN = -1
  let mismatched = 0,
    compared = 0,
    infMismatched = 0
  for (let i = 0; i < n; i++) {
    const a = actual[i]!
    const e = expected[i]!
    if (scales !== undefined && ++inRun > inner) {
      inRun = 1
      channel = channel + 1 === channels ? 0 : channel + 1
      scale = scales[channel]!
    }
    if (a !== a || e !== e) {
      // NaN on at least one side: never part of the error statistics.
      const both = a !== a && e !== e
      if (both) nanBoth++
      if (!(both && equalNaN)) {
        nanMismatched++
        mismatched++
        if (firstNaN < 0) firstNaN = i
      }
      continue
    }
    compared++
    const d = a === e ? 0 : Math.abs(a - e) // a === e also covers equal infinities
    const absE = Math.abs(e)
    sumAbs += d
    if (d > maxAbs) {
      maxAbs = d
      maxAbsIndex = i
    }
    const rel = d === 0 ? 0 : d / absE // Infinity when e is 0
    if (rel > maxRel) {
      maxRel = rel
      maxRelIndex = i
    }
    if (scales !== undefined) {
      const st = d / scale
      if (st > maxSteps) {
        maxSteps = st
        maxStepsIndex = i
      }
    }
    if (elementwise ? d > atol + rtol * absE : d !== 0) mismatched++
    const need = d - rtol * absE
    if (need > neededAtol) neededAtol = need
    if (d === 0) {
      // Equal values: no noise; an equal infinity pair adds nothing to the sums (Inf·Inf would poison them).
      if (a - a === 0) {
        dot += a * e
        sumA2 += a * a
        sumE2 += e * e
      }
    } else if (d === Infinity || a - a !== 0 || e - e !== 0) {
      // An infinity not matched by the same infinity: infinite noise, and no cosine can be honest.
      infMismatched++
      noise = Infinity
    } else {
      dot += a * e
      sumA2 += a * a
      sumE2 += e * e
      noise += (a - e) * (a - e)
    }
  }
  return {
    compared,
    mismatched,
    nanMismatched,
    nanBoth,
    firstNaN,
    sumAbs,
    maxAbs,
    maxAbsIndex,
    maxRel,
    maxRelIndex,
    maxSteps,
    maxStepsIndex,
    neededAtol,
    dot,
    sumA2,
    sumE2,
    noise,
    infMismatched,
  }
}

/**
 * The smallest atol ≥ `candidate` for which every element passes `|a − e| ≤ atol + rtol·|e|` as
 * {@link measure} evaluates it. `candidate` (max of `d − rtol·|e|`) can miss by one rounding step when
 * rtol > 0; this second pass nudges it up until it really passes.
 */
export function settleAtol(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  candidate: number,
): number {
  let atol = Math.max(0, candidate)
  if (rtol === 0 || !Number.isFinite(atol)) return atol
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!
    const e = expected[i]!
    if (a !== a || e !== e) continue
    const d = a === e ? 0 : Math.abs(a - e)
    const absE = Math.abs(e)
    while (d > atol + rtol * absE) atol = atol === 0 ? Number.MIN_VALUE : atol + atol * Number.EPSILON
  }
  return atol
}

/**
 * Cosine similarity from the sums: 1 when both vectors are zero, 0 when only one is. Equal infinities
 * are left out of the sums; an unmatched infinity gives −Infinity, below every valid bound in `[-1, 1]`,
 * so no cosine tolerance can pass it (and the minimum passing cosine says so).
 */
export function cosineOf(m: Measurements): number {
  if (m.infMismatched > 0) return -Infinity
  if (m.sumA2 === 0 && m.sumE2 === 0) return 1
  if (m.sumA2 === 0 || m.sumE2 === 0) return 0
  return Math.max(-1, Math.min(1, m.dot / (Math.sqrt(m.sumA2) * Math.sqrt(m.sumE2))))
}

/**
 * SNR in dB from the sums: Infinity when there is no noise, −Infinity when there is no signal or the
 * noise is infinite (an unmatched infinity). Equal infinities add neither signal nor noise.
 */
export function snrDbOf(m: Measurements): number {
  if (m.noise === 0) return Infinity
  if (m.sumE2 === 0) return -Infinity
  return 10 * Math.log10(m.sumE2 / m.noise)
}
