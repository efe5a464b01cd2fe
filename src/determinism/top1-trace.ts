/**
 * The top-1 class of each run whose output was not kept (beyond `maxExemplars` distinct outputs), so
 * a noisy chip's report can still say "run 7: class 3 at 12 %" for every run, as the field report did.
 * Bounded: at most {@link MAX_TRACED_RUNS} runs, 12 bytes each, whatever n is.
 * @packageDocumentation
 */
import type { TensorInfo, TensorMap } from '../tensor/types.js'
import { classifyOutput } from './classifier.js'

/** Runs traced per sample; later ones are counted only. */
export const MAX_TRACED_RUNS = 4096

/** The traced runs of one sample: `[run, class, confidence]` per run, for one classifier output. */
export interface OtherRunsTop1 {
  /** The output classified: the first classifier-like output, in the model's order. */
  readonly output: string
  readonly runs: readonly (readonly [number, number, number])[]
  /** True when more runs went untraced than {@link MAX_TRACED_RUNS} allows. */
  readonly truncated: boolean
}

/** Collects the top-1 of runs as they come. */
export class Top1Trace {
  readonly #runs: [number, number, number][] = []
  #output: string | undefined | null = undefined
  #truncated = false

  constructor(
    private readonly names: readonly string[],
    private readonly infoByName: ReadonlyMap<string, TensorInfo>,
  ) {}

  /** Classify run `run`'s outputs (no-op when no output is a classifier). */
  add(run: number, outputs: TensorMap): void {
    if (this.#output === null) return
    if (this.#runs.length >= MAX_TRACED_RUNS) {
      this.#truncated = true
      return
    }
    // The output is chosen on the first traced run: the first that classifies.
    const name =
      this.#output ??
      this.names.find(
        (n) => outputs[n] !== undefined && classifyOutput(outputs[n]!, this.infoByName.get(n)) !== undefined,
      )
    if (name === undefined) {
      this.#output = null
      return
    }
    this.#output = name
    const t = outputs[name]
    const p = t === undefined ? undefined : classifyOutput(t, this.infoByName.get(name))
    if (p !== undefined) this.#runs.push([run, p.top1, p.confidence])
  }

  /** The trace, or `undefined` when nothing was traced. */
  build(): OtherRunsTop1 | undefined {
    if (typeof this.#output !== 'string' || this.#runs.length === 0) return undefined
    return { output: this.#output, runs: this.#runs, truncated: this.#truncated }
  }
}
