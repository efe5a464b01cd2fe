/**
 * The streaming heart of the determinism engine: each run's outputs are compared with the exemplars
 * of the distinct outputs seen so far (memcmp first), at most `maxExemplars` are kept, and the
 * statistics the pattern needs are updated on the fly — nothing per run is stored.
 * @packageDocumentation
 */
import type { TensorMap } from '../tensor/types.js'
import { copyOutputs, hashOutputs, sameOutputBytes } from './bytes.js'
import { largestDifference } from './difference.js'
import { RunSetBuilder } from './run-set.js'

/** Decides whether a run's outputs belong with an exemplar beyond byte equality (a tolerance). */
export type OutputsMatcher = (run: TensorMap, exemplar: TensorMap) => boolean

/** Most distinct "other" outputs counted by hash; beyond this the count saturates. */
const MAX_OTHER_HASHES = 65_536
/** Keys of "other" runs live above every group id. */
const OTHER_KEY_BASE = 2 ** 33

interface Group {
  readonly id: number
  readonly firstRun: number
  readonly outputs: TensorMap
  readonly runs: RunSetBuilder
}

/** Streaming statistics for the pattern classification. */
export interface GroupStats {
  /** Runs whose output differs from the run just before. */
  changes: number
  /** Runs that went back to an output seen earlier but not just before. */
  returns: number
  /** Runs k ≥ 3 that break "same as run k−2, different from run k−1". */
  period2Breaks: number
  /** New distinct outputs whose distance from run 1 grew / shrank vs the previous new output. */
  driftUps: number
  driftDowns: number
  /** First run whose output differs from run 1's. */
  firstDivergentRun: number | undefined
  /** Interleaving: previous input → output key; false once a previous input led to two outputs. */
  previousInputConsistent: boolean
  /** Interleaving: how many previous inputs were seen at least twice. */
  previousInputsRepeated: number
  /** Interleaving: runs whose output equals the interleaved run's output just before (an echo). */
  echoes: number
}

/** Groups outputs of successive runs. */
export class OutputGroups {
  readonly groups: Group[] = []
  private readonly other = new RunSetBuilder()
  private readonly otherHashes = new Map<number, number>()
  private previousKey = NaN
  private previousPreviousKey = NaN
  private lastNewDistance = NaN
  private readonly byPreviousInput = new Map<number, { key: number; seen: number }>()
  readonly stats: GroupStats = {
    changes: 0,
    returns: 0,
    period2Breaks: 0,
    driftUps: 0,
    driftDowns: 0,
    firstDivergentRun: undefined,
    previousInputConsistent: true,
    previousInputsRepeated: 0,
    echoes: 0,
  }

  constructor(
    private readonly names: readonly string[],
    private readonly maxExemplars: number,
    private readonly withinTolerance?: OutputsMatcher,
  ) {}

  /**
   * Record run `run` (1-based, ascending). `previousInput` is the index of the interleaved input run
   * just before it (or -1), and `previousOutputs` that run's outputs, to catch stale buffers.
   * Returns false when the output joined no kept exemplar (an "other" run).
   */
  observe(run: number, outputs: TensorMap, previousInput = -1, previousOutputs?: TensorMap): boolean {
    const { key, isNew } = this.place(run, outputs)
    const s = this.stats
    if (run > 1) {
      if (key !== this.previousKey) {
        s.changes++
        if (!isNew) s.returns++
      }
      if (s.firstDivergentRun === undefined && key !== 1) s.firstDivergentRun = run
      if (run > 2 && (key !== this.previousPreviousKey || key === this.previousKey)) s.period2Breaks++
      if (isNew) this.trackDrift(outputs)
    }
    if (previousInput >= 0) this.trackPreviousInput(previousInput, key, outputs, previousOutputs)
    this.previousPreviousKey = this.previousKey
    this.previousKey = key
    return key < OTHER_KEY_BASE
  }

  /** The "other" runs, when any run matched no kept exemplar. */
  otherRuns(): { runs: ReturnType<RunSetBuilder['build']>; distinctBytes: number; largestCount: number } | undefined {
    const runs = this.other.build()
    if (runs.count === 0) return undefined
    let largestCount = 0
    for (const c of this.otherHashes.values()) if (c > largestCount) largestCount = c
    return { runs, distinctBytes: this.otherHashes.size, largestCount }
  }

  private place(run: number, outputs: TensorMap): { key: number; isNew: boolean } {
    // The previous run's group is the likeliest match: try it first.
    const ordered =
      this.groups.length > 1 && this.previousKey <= this.groups.length
        ? [this.groups[this.previousKey - 1]!, ...this.groups.filter((g) => g.id !== this.previousKey)]
        : this.groups
    for (const g of ordered) {
      if (sameOutputBytes(outputs, g.outputs, this.names)) {
        g.runs.add(run)
        return { key: g.id, isNew: false }
      }
    }
    if (this.withinTolerance !== undefined) {
      for (const g of ordered) {
        if (this.withinTolerance(outputs, g.outputs)) {
          g.runs.add(run)
          return { key: g.id, isNew: false }
        }
      }
    }
    if (this.groups.length < this.maxExemplars) {
      const g: Group = {
        id: this.groups.length + 1,
        firstRun: run,
        outputs: copyOutputs(outputs, this.names),
        runs: new RunSetBuilder(),
      }
      g.runs.add(run)
      this.groups.push(g)
      return { key: g.id, isNew: true }
    }
    this.other.add(run)
    const hash = hashOutputs(outputs, this.names)
    const seen = this.otherHashes.get(hash)
    if (seen !== undefined) this.otherHashes.set(hash, seen + 1)
    else if (this.otherHashes.size < MAX_OTHER_HASHES) this.otherHashes.set(hash, 1)
    return { key: OTHER_KEY_BASE + hash, isNew: seen === undefined }
  }

  private trackDrift(outputs: TensorMap): void {
    const first = this.groups[0]
    if (first === undefined) return
    const distance = largestDifference(outputs, first.outputs, this.names)?.absolute ?? 0
    if (!Number.isNaN(this.lastNewDistance)) {
      if (distance > this.lastNewDistance) this.stats.driftUps++
      else if (distance < this.lastNewDistance) this.stats.driftDowns++
    }
    this.lastNewDistance = distance
  }

  private trackPreviousInput(
    previousInput: number,
    key: number,
    outputs: TensorMap,
    previousOutputs?: TensorMap,
  ): void {
    const s = this.stats
    const entry = this.byPreviousInput.get(previousInput)
    if (entry === undefined) this.byPreviousInput.set(previousInput, { key, seen: 1 })
    else {
      if (entry.key !== key) s.previousInputConsistent = false
      if (++entry.seen === 2) s.previousInputsRepeated++
    }
    if (previousOutputs !== undefined && sameOutputBytes(outputs, previousOutputs, this.names)) s.echoes++
  }
}
