/**
 * Which runs gave an output, stored as ranges (`1-3, 7, 9`) with a cap, so the memory of a group
 * does not grow with the number of runs even when its runs are scattered.
 * @packageDocumentation
 */

/** Maximum ranges kept per set; beyond that only the count grows. */
export const MAX_RANGES = 32

/** A run set as data: 1-based inclusive ranges, how many runs in total, and whether ranges were cut. */
export interface RunSet {
  /** `[first, last]` pairs, 1-based, inclusive, ascending. */
  readonly ranges: readonly (readonly [number, number])[]
  /** How many runs the set holds (all of them, even past the cap). */
  readonly count: number
  /** True when more runs exist than {@link RunSet.ranges} lists. */
  readonly truncated: boolean
}

/** Builds a {@link RunSet} from runs added in ascending order. */
export class RunSetBuilder {
  private readonly ranges: [number, number][] = []
  private total = 0
  private truncated = false
  constructor(private readonly maxRanges = MAX_RANGES) {}

  /** How many runs were added so far. */
  get count(): number {
    return this.total
  }

  /** Add run `run` (1-based); runs must arrive in ascending order. */
  add(run: number): void {
    this.total++
    const last = this.ranges[this.ranges.length - 1]
    if (last !== undefined && last[1] === run - 1) last[1] = run
    else if (this.ranges.length < this.maxRanges) this.ranges.push([run, run])
    else this.truncated = true
  }

  /** The set as data. */
  build(): RunSet {
    return { ranges: this.ranges.map(([a, b]) => [a, b] as const), count: this.total, truncated: this.truncated }
  }
}
