/**
 * The histogram of |model − reference| a parity check's plot draws: logarithmic bins, because the
 * interesting differences span decades (1e-7 rounding next to a 0.05 planted shift), and exact zeros
 * apart (a log axis has no place for them). Bounded size whatever the tensor size.
 * @packageDocumentation
 */
import type { Tensor } from '../../tensor/types.js'
import type { DifferenceHistogram } from './types.js'

/** Bins per decade: fine enough to tell rounding from a shift, few enough to stay small. */
const BINS_PER_DECADE = 2
/** At most this many decades below the largest difference; smaller ones join the first bin. */
const MAX_DECADES = 8

/**
 * Histogram of the absolute values of `differences` (float tensors of `actual − expected`); NaN is
 * skipped. `allowed` is the atol the check allowed, drawn as a line.
 * @example
 * ```ts
 * differenceHistogram([{ data: new Float32Array([0, 0.05, -0.05, 1e-6]), shape: [4], dtype: 'float32' }])
 * // { zeros: 1, total: 4, max: 0.05, edges: [...], counts: [...] }
 * ```
 */
export function differenceHistogram(differences: readonly Tensor[], allowed?: number): DifferenceHistogram {
  let max = 0,
    zeros = 0,
    total = 0,
    smallest = Infinity
  for (const t of differences) {
    for (const x of numbers(t)) {
      const a = Math.abs(x)
      if (Number.isNaN(a)) continue
      total++
      if (a === 0) zeros++
      else {
        if (a > max) max = a
        if (a < smallest) smallest = a
      }
    }
  }
  const withAllowed = allowed === undefined ? {} : { allowed }
  if (max === 0 || !Number.isFinite(max)) return { edges: [], counts: [], zeros, total, max, ...withAllowed }
  const top = Math.ceil(Math.log10(max) * BINS_PER_DECADE + 1e-9) / BINS_PER_DECADE
  const bottom = Math.max(top - MAX_DECADES, Math.floor(Math.log10(smallest) * BINS_PER_DECADE) / BINS_PER_DECADE)
  const bins = Math.max(1, Math.round((top - bottom) * BINS_PER_DECADE))
  const edges = Array.from({ length: bins + 1 }, (_, i) => 10 ** (bottom + i / BINS_PER_DECADE))
  const counts = new Array<number>(bins).fill(0)
  for (const t of differences) {
    for (const x of numbers(t)) {
      const a = Math.abs(x)
      if (!(a > 0)) continue
      const bin = Math.floor((Math.log10(a) - bottom) * BINS_PER_DECADE)
      counts[Math.min(bins - 1, Math.max(0, bin))]!++
    }
  }
  return { edges, counts, zeros, total, max, ...withAllowed }
}

function numbers(t: Tensor): Iterable<number> {
  // Differences are float32; integer tensors are accepted as they are, int64 through Number().
  if (t.data instanceof BigInt64Array) return Array.from(t.data, Number)
  return t.data as Iterable<number>
}
