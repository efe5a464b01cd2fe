/**
 * What a comparison returns: data only. Matchers, the CLI and the reporter each turn it into words.
 * @packageDocumentation
 */
import type { ToleranceCriteria } from './tolerance.js'

/**
 * A criterion of a {@link ToleranceCriteria} that can fail, plus two that always apply:
 * - `'atol'` — the element-wise `|a − e| ≤ atol + rtol·|e|` bound (atol and/or rtol given);
 * - `'exact'` — no element-wise criterion given: every element must be equal (bit-exact by value);
 * - `'nan'` — a NaN on either side that `equalNaN` does not excuse.
 */
export type CriterionName = 'atol' | 'exact' | 'steps' | 'cosine' | 'snrDb' | 'top1' | 'topK' | 'nan'

/** One criterion that did not hold, with the bound and the measured value. */
export interface FailedCriterion {
  readonly criterion: CriterionName
  /**
   * The bound the tolerance set: for `'atol'` the atol given, for `'top1'` / `'topK'` the minimum fraction
   * of agreeing rows (1 for `true`), for `'exact'` / `'nan'` 0 elements.
   */
  readonly required: number
  /**
   * What was measured, on the same scale as `required`: for `'atol'` the smallest atol that would pass
   * with the rtol given, for `'exact'` / `'nan'` the number of offending elements.
   */
  readonly measured: number
  /** `'max'`: measured must be ≤ required; `'min'`: measured must be ≥ required. */
  readonly bound: 'max' | 'min'
  /** The rtol that went with `'atol'`, the `k` of `'topK'`. */
  readonly rtol?: number
  readonly k?: number
}

/** One element singled out (largest error, first NaN): where it is and the two values there. */
export interface ElementDifference {
  /** Row-major index into the flat data. */
  readonly flatIndex: number
  /** The same position as a multi-dimensional index into the actual tensor's shape. */
  readonly index: readonly number[]
  readonly actual: number
  readonly expected: number
  /** The measure that singled it out (absolute error, relative error, steps). */
  readonly value: number
}

/** Top-1 classes of both sides, per batch row (one row unless the first dimension is a batch > 1). */
export interface Top1Comparison {
  /** Rows compared. */
  readonly rows: number
  /** Rows whose top-1 class is the same on both sides. */
  readonly agreeing: number
  /** Top-1 class of each row of the actual tensor (index within the row). */
  readonly actual: readonly number[]
  /** Top-1 class of each row of the expected tensor. */
  readonly expected: readonly number[]
  /** Per row, the 1-based rank of the expected top-1 class among the actual's classes (1 = agree). */
  readonly expectedRankInActual: readonly number[]
}

/** The smallest tolerance values that would have passed this comparison (each on its own). */
export interface MinimumPassing {
  /** The smallest atol that passes with the rtol that was given (0 when none). */
  readonly atol: number
  /** The smallest `steps`, when the quantization is known. */
  readonly steps?: number
  /** The largest `cosine` bound that passes (the measured cosine). */
  readonly cosine: number
  /** The largest `snrDb` bound that passes (the measured SNR). */
  readonly snrDb: number
  /**
   * The largest `top1` fraction that passes (the measured agreement); absent for single-score outputs, which top1
   * refuses.
   */
  readonly top1?: number
  /** The smallest `topK` k that passes in every row; absent for single-score outputs. */
  readonly topK?: number
  /**
   * True when both sides hold NaN at the same places and nowhere else: `equalNaN: true` is then needed
   * and enough for the NaN. False when there is no NaN, or a NaN on one side only (nothing excuses that).
   */
  readonly equalNaN: boolean
}

/** The result of {@link compareTensors}. */
export interface TensorComparison {
  /** Every criterion given held. */
  readonly pass: boolean
  /** The criteria that did not hold; empty when `pass`. */
  readonly failed: readonly FailedCriterion[]
  /** The criteria that were applied (the default overlaid with the output's own). */
  readonly criteria: ToleranceCriteria
  readonly actualShape: readonly number[]
  readonly expectedShape: readonly number[]
  /** Elements compared. */
  readonly n: number
  /**
   * Elements that mismatch: outside `atol + rtol·|expected|` when atol or rtol is given, otherwise not
   * exactly equal. NaN mismatches are included.
   */
  readonly mismatched: number
  /** Whether {@link TensorComparison.mismatched} counts elements outside atol/rtol or elements not equal. */
  readonly mismatchKind: 'tolerance' | 'exact'
  /** Elements where a NaN on either side is not excused by `equalNaN`. */
  readonly nanMismatched: number
  readonly firstNaNMismatch?: ElementDifference
  /** Largest `|actual − expected|` (over elements that are not NaN); absent when there are none. */
  readonly maxAbs?: ElementDifference
  /** Largest `|actual − expected| / |expected|` (Infinity where expected is 0 and actual is not). */
  readonly maxRel?: ElementDifference
  /** Mean of `|actual − expected|` over the elements that are not NaN. */
  readonly meanAbs: number
  /** Cosine similarity of the flat vectors (1 when both are all zeros, 0 when only one is). */
  readonly cosine: number
  /** `10·log10(Σe² / Σ(a − e)²)` in dB; Infinity when equal. */
  readonly snrDb: number
  /** Largest error in quantization steps, when the quantization is known. */
  readonly maxSteps?: ElementDifference
  readonly top1: Top1Comparison
  readonly minimumPassing: MinimumPassing
}

/** The result of {@link compareOutputs}: one comparison per output. */
export interface OutputsComparison {
  /** Every output passed. */
  readonly pass: boolean
  /** Output names, in the order of the expected map. */
  readonly names: readonly string[]
  readonly outputs: Readonly<Record<string, TensorComparison>>
}

/** One output over a dataset, from {@link aggregateComparisons}. */
export interface DatasetOutputComparison {
  readonly pass: boolean
  /** Criteria that failed over the dataset, with the worst measured value among the samples. */
  readonly failed: readonly FailedCriterion[]
  readonly samples: number
  /** 0-based indices of samples where an element-wise or similarity criterion failed. */
  readonly failingSamples: readonly number[]
  /** Top-1 agreement over every row of every sample. */
  readonly top1: { readonly rows: number; readonly agreeing: number; readonly fraction: number }
  /** The sample with the largest absolute error, and its comparison. */
  readonly worst: { readonly sample: number; readonly comparison: TensorComparison }
  /** The smallest tolerance that passes every sample (top1 = the agreeing fraction). */
  readonly minimumPassing: MinimumPassing
}

/** The result of {@link aggregateComparisons}: the dataset verdict. */
export interface DatasetComparison {
  readonly pass: boolean
  readonly samples: number
  readonly names: readonly string[]
  readonly outputs: Readonly<Record<string, DatasetOutputComparison>>
}
