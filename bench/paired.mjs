// The bench's estimator for "ours / what a user would write instead": paired, alternating rounds in one
// process, the median of the per-round ratios, and a bootstrap confidence interval of that median.
//
// Why this shape (measured on the 2-core CI machine, December 2026):
// - Two processes running the same loop differ by up to 25 % (memory placement, which core, the
//   neighbours), so both sides share one process and alternate, the order flipping every round.
// - One round's ratio wanders ±5–10 %: a time slice lost to another process lands on one side only.
//   Nine rounds left the median ±3 % wide, wider than the 2 % being measured; 31 rounds of 100 runs
//   bring the 95 % interval to about ±0.5 %.
// - An A/A control (the raw loop against the same loop on a second session) is printed beside the rows:
//   it is what the method reports when both sides are the same, so a row's distance from 1 can be read
//   against it.

/** Median of numbers (mean of the middle two for an even count). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Wall and CPU milliseconds of one call of `fn`. */
export async function timed(fn) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await fn()
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  return { wall, cpu: (cpu.user + cpu.system) / 1000 }
}

/**
 * Alternate `ours` and `raw` for `rounds` rounds (order flipped every round, one warm-up call of each first);
 * per-round wall and CPU times and ratios. `ours(round)` and `raw(round)` get the round's index; `before(round)`,
 * when given, runs untimed ahead of each round (the warm-up's is round −1).
 */
export async function alternate(ours, raw, rounds, { before } = {}) {
  await before?.(-1)
  await raw(-1)
  await ours(-1)
  const samples = { ours: [], raw: [], wall: [], cpu: [] }
  for (let r = 0; r < rounds; r++) {
    await before?.(r)
    const [first, second] = r % 2 === 0 ? [raw, ours] : [ours, raw]
    const a = await timed(() => first(r))
    const b = await timed(() => second(r))
    const [t, o] = r % 2 === 0 ? [a, b] : [b, a]
    samples.raw.push(t)
    samples.ours.push(o)
    samples.wall.push(o.wall / t.wall)
    samples.cpu.push(o.cpu / t.cpu)
  }
  return samples
}

/**
 * 95 % percentile-bootstrap interval of the median of `ratios` (2000 resamples, a fixed seed so the same
 * samples give the same interval).
 */
export function medianInterval(ratios, { resamples = 2000, seed = 1 } = {}) {
  let state = seed >>> 0
  const next = () => {
    // mulberry32: a small, seeded generator; the interval must not change from one printing to the next.
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const medians = []
  const pick = new Array(ratios.length)
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < ratios.length; i++) pick[i] = ratios[Math.floor(next() * ratios.length)]
    medians.push(median(pick))
  }
  medians.sort((a, b) => a - b)
  return [medians[Math.floor(resamples * 0.025)], medians[Math.ceil(resamples * 0.975) - 1]]
}

/** "median 1.012 (95 % CI 1.006–1.018) of 31 rounds, range 0.97–1.08" for a list of per-round ratios. */
export function describeRatios(ratios) {
  const [lo, hi] = medianInterval(ratios)
  return (
    `median ${median(ratios).toFixed(3)} (95 % CI ${lo.toFixed(3)}–${hi.toFixed(3)}) of ${ratios.length} rounds, ` +
    `range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`
  )
}
