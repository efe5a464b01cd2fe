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
 * Why the rows of a tensor of this shape have no class to agree on, or `undefined` when each row is a
 * vector of class scores: a row of a single element (a `[N, 1]` sigmoid or score output), or a row
 * spread over several dimensions (a `[1, 1, 480, 640]` probability map, a `[1, 21, H, W]` segmentation),
 * whose "best class" would only be the flat index of its largest pixel.
 * @example
 * ```ts
 * classRowsProblem([1, 1, 480, 640], 307200) // 'is not a vector of class scores: …'
 * classRowsProblem([1, 1, 1, 67], 67)        // undefined
 * ```
 */
export function classRowsProblem(shape: readonly number[], n: number): string | undefined {
  if (n === 0) return undefined
  const rows = classRows(shape, n)
  if (n / rows < 2) return 'has a single value per row: top-1 needs at least 2 classes per row'
  const spread = (rows > 1 ? shape.slice(1) : shape).filter((d) => d !== 1)
  if (spread.length > 1) {
    return `is not a vector of class scores: each ${rows > 1 ? 'batch row' : 'sample'} spans ${spread.join(' × ')} values (a map or an image), so its "best class" would only be the index of its largest element`
  }
  return undefined
}

/**
 * Rows that have a class to agree on: {@link classRows}, or 0 when {@link classRowsProblem} finds none
 * (top-1 / top-k do not apply there, and no class is reported). An empty tensor keeps its rows (top-1
 * holds vacuously on no data).
 */
export function applicableClassRows(shape: readonly number[], n: number): number {
  return classRowsProblem(shape, n) === undefined ? classRows(shape, n) : 0
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
