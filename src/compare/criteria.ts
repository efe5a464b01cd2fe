/**
 * Judging: which criteria of a tolerance hold for measured numbers. Pure bookkeeping over data the
 * single pass produced, shared by one comparison and by dataset aggregation.
 * @packageDocumentation
 */
import type { ToleranceCriteria } from './tolerance.js'
import type { FailedCriterion } from './types.js'

/** The numbers a verdict depends on, for one tensor or a whole dataset. */
export interface Verdict {
  /** Element-wise mismatches that are not NaN. */
  readonly numericMismatched: number
  readonly nanMismatched: number
  /** The smallest atol that passes with the given rtol. */
  readonly neededAtol: number
  readonly maxSteps?: number
  readonly cosine: number
  readonly snrDb: number
  readonly top1Rows: number
  readonly top1Agreeing: number
  /** Rows whose expected top-1 is within the actual's top k (for the tolerance's k). */
  readonly topKAgreeing: number
}

/** Required fraction of `top1` (`true` → 1), or undefined when top-1 is not checked. */
export function requiredTop1(c: ToleranceCriteria): number | undefined {
  return c.top1 === true ? 1 : typeof c.top1 === 'number' ? c.top1 : undefined
}

/** `k` and required fraction of `topK`, or undefined when top-k is not checked. */
export function requiredTopK(c: ToleranceCriteria): { k: number; fraction: number } | undefined {
  if (c.topK === undefined) return undefined
  return typeof c.topK === 'number' ? { k: c.topK, fraction: 1 } : { k: c.topK.k, fraction: c.topK.fraction }
}

/** True when atol or rtol is given: element-wise mismatches are then judged against `atol + rtol·|e|`. */
export function isElementwise(c: ToleranceCriteria): boolean {
  return c.atol !== undefined || c.rtol !== undefined
}

/** True when no criterion but `equalNaN` is given: then every element must be equal. */
export function isExactOnly(c: ToleranceCriteria): boolean {
  return (
    !isElementwise(c) &&
    c.steps === undefined &&
    c.cosine === undefined &&
    c.snrDb === undefined &&
    requiredTop1(c) === undefined &&
    c.topK === undefined
  )
}

/**
 * Every criterion of `c` that `v` does not meet, in the order of `CRITERIA_KEYS` after `'nan'`. With no
 * rows (an empty output), top-1 and top-k hold vacuously.
 * `only` restricts the judgement to some criteria (dataset aggregation judges top-1 / top-k apart).
 */
export function failedCriteria(
  c: ToleranceCriteria,
  v: Verdict,
  only?: (name: FailedCriterion['criterion']) => boolean,
): FailedCriterion[] {
  const failed: FailedCriterion[] = []
  const want = only ?? (() => true)
  if (want('nan') && v.nanMismatched > 0)
    failed.push({ criterion: 'nan', required: 0, measured: v.nanMismatched, bound: 'max' })
  if (isElementwise(c)) {
    if (want('atol') && v.numericMismatched > 0) {
      failed.push({ criterion: 'atol', required: c.atol ?? 0, measured: v.neededAtol, bound: 'max', rtol: c.rtol ?? 0 })
    }
  } else if (isExactOnly(c) && want('exact') && v.numericMismatched > 0) {
    failed.push({ criterion: 'exact', required: 0, measured: v.numericMismatched, bound: 'max' })
  }
  if (c.steps !== undefined && want('steps') && !((v.maxSteps ?? Infinity) <= c.steps)) {
    failed.push({ criterion: 'steps', required: c.steps, measured: v.maxSteps ?? Number.NaN, bound: 'max' })
  }
  if (c.cosine !== undefined && want('cosine') && !(v.cosine >= c.cosine)) {
    failed.push({ criterion: 'cosine', required: c.cosine, measured: v.cosine, bound: 'min' })
  }
  if (c.snrDb !== undefined && want('snrDb') && !(v.snrDb >= c.snrDb)) {
    failed.push({ criterion: 'snrDb', required: c.snrDb, measured: v.snrDb, bound: 'min' })
  }
  const top1 = requiredTop1(c)
  if (top1 !== undefined && want('top1')) {
    const measured = v.top1Rows === 0 ? 1 : v.top1Agreeing / v.top1Rows
    if (!(measured >= top1)) failed.push({ criterion: 'top1', required: top1, measured, bound: 'min' })
  }
  const topK = requiredTopK(c)
  if (topK !== undefined && want('topK')) {
    const measured = v.top1Rows === 0 ? 1 : v.topKAgreeing / v.top1Rows
    if (!(measured >= topK.fraction))
      failed.push({ criterion: 'topK', required: topK.fraction, measured, bound: 'min', k: topK.k })
  }
  return failed
}
