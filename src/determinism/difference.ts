/**
 * The largest element-wise difference between two sets of outputs and where it is, as a
 * multi-dimensional index ("logits[0, 17]"), for "how different are the distinct outputs".
 * @packageDocumentation
 */
import type { Tensor, TensorMap } from '../tensor/types.js'
import { unravelIndex } from '../tensor/dtype.js'

/** The largest absolute difference found between two outputs sets. */
export interface LargestDifference {
  /** Output name. */
  readonly output: string
  /** |a − b| at that element; `Infinity` when one side is NaN/±Inf and the other is not, or shapes differ. */
  readonly absolute: number
  /** Flat (row-major) element index; -1 when the shapes differ. */
  readonly flatIndex: number
  /** Multi-dimensional index of the element, e.g. `[0, 17]`; empty when the shapes differ. */
  readonly index: readonly number[]
  /** Value in the first outputs set. */
  readonly a: number
  /** Value in the second outputs set. */
  readonly b: number
}

/**
 * The single largest element-wise difference over the outputs in `names`, or `undefined` when all
 * are numerically equal (bytes may still differ: `-0` vs `0`, NaN payloads).
 * @example
 * ```ts
 * largestDifference({ y: a }, { y: b }, ['y']) // { output: 'y', absolute: 0.25, index: [0, 17], … }
 * ```
 */
export function largestDifference(a: TensorMap, b: TensorMap, names: readonly string[]): LargestDifference | undefined {
  let best: LargestDifference | undefined
  for (const name of names) {
    const x = a[name],
      y = b[name]
    if (x === undefined || y === undefined) continue
    const found = tensorDifference(name, x, y)
    if (found !== undefined && (best === undefined || found.absolute > best.absolute)) best = found
  }
  return best
}

function tensorDifference(output: string, x: Tensor, y: Tensor): LargestDifference | undefined {
  if (x.data.length !== y.data.length) return { output, absolute: Infinity, flatIndex: -1, index: [], a: NaN, b: NaN }
  let worst = 0,
    at = -1
  const xs = x.data,
    ys = y.data
  for (let i = 0; i < xs.length; i++) {
    const p = Number(xs[i]!),
      q = Number(ys[i]!)
    if (p === q || (Number.isNaN(p) && Number.isNaN(q))) continue
    const d = Number.isFinite(p) && Number.isFinite(q) ? Math.abs(p - q) : Infinity
    if (d > worst || at === -1) {
      worst = d
      at = i
    }
  }
  if (at === -1) return undefined
  return {
    output,
    absolute: worst,
    flatIndex: at,
    index: unravelIndex(at, x.shape),
    a: Number(xs[at]!),
    b: Number(ys[at]!),
  }
}
