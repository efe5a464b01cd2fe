/**
 * Time per run without memory that grows with the number of runs: every sample up to a cap, then a
 * seeded reservoir sample, so median and p95 stay honest estimates for any n.
 * @packageDocumentation
 */
import { createPrng, type Prng } from '../random/prng.js'

/** Time per run, in milliseconds. */
export interface RunTiming {
  readonly medianMs: number
  readonly p95Ms: number
  readonly minMs: number
  readonly maxMs: number
  /** Sum over every run (not just the sampled ones). */
  readonly totalMs: number
  /** How many runs were timed. */
  readonly runs: number
}

/** Samples kept for the quantiles; 4096 doubles = 32 KiB whatever n is. */
export const MAX_TIMING_SAMPLES = 4096

/** Collects run durations in bounded memory. */
export class TimingSampler {
  private readonly samples: Float64Array
  private seen = 0
  private total = 0
  private min = Infinity
  private max = -Infinity
  private readonly rng: Prng

  constructor(expectedRuns: number, seed = 0) {
    this.samples = new Float64Array(Math.max(1, Math.min(expectedRuns, MAX_TIMING_SAMPLES)))
    this.rng = createPrng(seed)
  }

  /** Record one run's duration. */
  add(ms: number): void {
    const i = this.seen++
    this.total += ms
    if (ms < this.min) this.min = ms
    if (ms > this.max) this.max = ms
    if (i < this.samples.length) this.samples[i] = ms
    else {
      const j = Math.floor(this.rng.next() * (i + 1))
      if (j < this.samples.length) this.samples[j] = ms
    }
  }

  /** The summary; all zeros when nothing was recorded. */
  summary(): RunTiming {
    const kept = this.samples.slice(0, Math.min(this.seen, this.samples.length)).sort()
    if (kept.length === 0) return { medianMs: 0, p95Ms: 0, minMs: 0, maxMs: 0, totalMs: 0, runs: 0 }
    return {
      medianMs: quantile(kept, 0.5),
      p95Ms: quantile(kept, 0.95),
      minMs: this.min,
      maxMs: this.max,
      totalMs: this.total,
      runs: this.seen,
    }
  }
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos),
    hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}
