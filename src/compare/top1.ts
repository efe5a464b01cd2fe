/**
 * Top-1 / top-k agreement per batch row.
 * @packageDocumentation
 */
import { argmaxRange, rankOf } from '../tensor/classify.js'
import type { Top1Comparison } from './types.js'

/**
 * Rows of a tensor for classification: the first dimension when it is a batch of more than one (rank ≥ 2),
 * otherwise the whole tensor is one row (so `[1, 1, 1, 67]` and `[1, 67]` are one row of 67 classes).
 */
export function classRows(shape: readonly number[], n: number): number {
  return shape.length >= 2 && shape[0]! > 1 && n % shape[0]! === 0 ? shape[0]! : 1
}

/**
 * Rows that have a class to agree on: {@link classRows}, or 0 when a row holds a single element (a
 * `[N, 1]` sigmoid or score output has no argmax worth comparing, so top-1 / top-k do not apply there).
 * An empty tensor keeps its rows (top-1 holds vacuously on no data).
 */
export function applicableClassRows(shape: readonly number[], n: number): number {
  const rows = classRows(shape, n)
  return n > 0 && n / rows < 2 ? 0 : rows
}

/**
 * Compare the top-1 class of each row of `actual` and `expected` (both `n` elements, `rows` rows), and
 * find where the expected top-1 ranks among the actual's classes.
 */
export function compareTop1(actual: ArrayLike<number>, expected: ArrayLike<number>, rows: number): Top1Comparison {
  const length = rows === 0 ? 0 : actual.length / rows
  const a: number[] = []
  const e: number[] = []
  const ranks: number[] = []
  let agreeing = 0
  for (let r = 0; r < rows && length > 0; r++) {
    const start = r * length
    const ai = argmaxRange(actual, start, length)
    const ei = argmaxRange(expected, start, length)
    a.push(ai)
    e.push(ei)
    if (ai === ei) {
      agreeing++
      ranks.push(1)
    } else {
      ranks.push(rankOf(actual, start, length, ei))
    }
  }
  return { rows: a.length, agreeing, actual: a, expected: e, expectedRankInActual: ranks }
}

/** Rows where the expected top-1 class is within the actual's top `k`. */
export function rowsWithinTopK(top1: Top1Comparison, k: number): number {
  let count = 0
  for (const rank of top1.expectedRankInActual) if (rank <= k) count++
  return count
}
