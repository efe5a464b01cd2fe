/**
 * How flaky is it, really? From k differing runs out of n, exact (Clopper–Pearson) one-sided bounds
 * on the per-run probability that a run differs. With k = 0 the upper bound is the "rule of three":
 * fewer than about 1 run in n/3 would differ, at 95 % confidence.
 * @packageDocumentation
 */
import { assertInteger, assertNumber } from '../validate.js'

/** Bounds on the per-run probability of a differing run. */
export interface FlakinessBound {
  /** Runs whose output differs from the majority output. */
  readonly differing: number
  /** Runs counted (warm-up excluded). */
  readonly runs: number
  /** Confidence of each one-sided bound, e.g. 0.95. */
  readonly confidence: number
  /** Point estimate k / n. */
  readonly estimate: number
  /** With `confidence`, the probability is at least this (0 when no run differed). */
  readonly lower: number
  /** With `confidence`, the probability is below this (1 when every run differed). */
  readonly upper: number
}

/**
 * Clopper–Pearson one-sided bounds for k differing runs of n.
 * @example
 * ```ts
 * flakinessBound(1, 12).lower  // ≈ 0.0043: "at least 1 run in 235 differs, 95 % confidence"
 * flakinessBound(0, 50).upper  // ≈ 0.058:  "fewer than 1 run in 17 would differ"
 * ```
 */
export function flakinessBound(differing: number, runs: number, confidence = 0.95): FlakinessBound {
  assertInteger('runs', runs, 1)
  assertInteger('differing', differing, 0, runs)
  assertNumber('confidence', confidence, 0.5, 0.999999)
  const alpha = 1 - confidence
  const k = differing,
    n = runs
  // P(X ≥ k | p) grows with p: the lower bound is where it first reaches alpha.
  const lower = k === 0 ? 0 : k === n ? alpha ** (1 / n) : bisect((p) => 1 - binomialCdf(k - 1, n, p) >= alpha)
  // P(X ≤ k | p) falls with p: the upper bound is where it drops to alpha.
  const upper = k === n ? 1 : k === 0 ? 1 - alpha ** (1 / n) : bisect((p) => binomialCdf(k, n, p) <= alpha)
  return { differing: k, runs: n, confidence, estimate: k / n, lower, upper }
}

/** Smallest p in (0, 1) where the monotone predicate becomes true, to ~1e-12. */
function bisect(reached: (p: number) => boolean): number {
  let lo = 0,
    hi = 1
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (reached(mid)) hi = mid
    else lo = mid
  }
  return hi
}

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0
  if (k >= n || p <= 0) return 1
  if (p >= 1) return 0
  const logRatio = Math.log(p) - Math.log1p(-p)
  let logPmf = n * Math.log1p(-p)
  let logSum = logPmf
  for (let j = 0; j < k; j++) {
    logPmf += Math.log((n - j) / (j + 1)) + logRatio
    const hi = Math.max(logSum, logPmf)
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logPmf - hi))
  }
  return Math.min(1, Math.exp(logSum))
}
