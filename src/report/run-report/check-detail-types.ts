/**
 * The kind-specific part of a `report.json` check record: what each matcher keeps for its plot or table on the
 * report page (determinism runs, parity histograms, the fuzz counterexample, the stages steps). Plain JSON.
 * @packageDocumentation
 */
/** `toBeDeterministicAcross`. */
export interface DeterminismDetail {
  readonly runs: number
  readonly warmup: number
  readonly distinctOutputs: number
  /** `deterministic`, `random`, `alternating`… of the input the tables describe. */
  readonly pattern: string
  /** Per input: its pattern and distinct outputs (the same order as `inputs`). */
  readonly perInput: readonly { readonly pattern: string; readonly distinctOutputs: number }[]
  /** "with 95 % confidence ≥ 1 run in 12 differs", when not deterministic. */
  readonly flakiness?: string
  readonly tolerance?: unknown
}

/** `toMatchOnnxWithin`. */
export interface ParityDetail {
  readonly tolerance: unknown
  /** Per model output, of the worst sample: the numbers a person reads first. */
  readonly outputs: readonly ParityOutputDetail[]
  /** Histogram of |model − reference| over every element of the worst sample's outputs. */
  readonly histogram?: DifferenceHistogram
  /** Index (in `inputs`) of the sample the numbers and histogram describe. */
  readonly sample: number
}

/** One output of a parity check. */
export interface ParityOutputDetail {
  readonly name: string
  readonly pass: boolean
  readonly maxAbsDiff?: number
  readonly cosine?: number
  readonly mismatched?: number
  readonly elements?: number
}

/**
 * |difference| counts in logarithmic bins: bin i holds values in `[edges[i], edges[i+1])` (the last bin
 * includes its upper edge); exact zeros are counted apart.
 */
export interface DifferenceHistogram {
  readonly edges: readonly number[]
  readonly counts: readonly number[]
  readonly zeros: number
  readonly total: number
  readonly max: number
  /** The `atol` allowed, when the tolerance has one (drawn as a line). */
  readonly allowed?: number
}

/** `toSurviveFuzzing`: the shrunk counterexample, when it failed. */
export interface FuzzDetail {
  readonly numRuns: number
  /** The time budget ran out before every property had run its `numRuns` cases (some ran fewer, or none). */
  readonly budgetExhausted?: true
  /**
   * The properties that passed although every case gave the first case's output bytes for different inputs
   * (`FuzzPropertyOutcome.sameOutputForEveryInput`): their self-comparison could not see an input-path fault.
   */
  readonly sameOutputForEveryInput?: readonly string[]
  /** The replay token printed in the failure. */
  readonly replay?: string
  /** The shrunk input description (seed, range, dtype, layout…), as fast-check reported it. */
  readonly counterexample?: Readonly<Record<string, unknown>>
  readonly property?: string
  /** The counterexample's frames as small images (failures only), for the page's plot. */
  readonly previews?: readonly FuzzInputPreview[]
  /** |difference| between the two outputs that disagreed, binned (failures with a difference only). */
  readonly difference?: FuzzOutputDifference
}

/** One input of a fuzz counterexample, downsampled for the report page. */
export interface FuzzInputPreview {
  /** Which input set of the case, e.g. `frame 1`, `uint8`. */
  readonly label: string
  /** The model input's name. */
  readonly input: string
  /** The input tensor's shape and dtype before downsampling. */
  readonly shape: readonly number[]
  readonly dtype: string
  readonly width: number
  readonly height: number
  /** 1: grey, 3: RGB (in the tensor's channel order). */
  readonly channels: 1 | 3
  /** For inputs that are not uint8: the value range mapped to 0–255. */
  readonly range?: readonly [number, number]
  /** Row-major pixels, `channels` bytes each, base64. */
  readonly pixels: string
}

/** The largest |actual − expected| in each run of consecutive output elements. */
export interface FuzzOutputDifference {
  readonly output: string
  /** The two labelled sides compared, `[actual, expected]`. */
  readonly between: readonly [string, string]
  readonly elements: number
  readonly bins: readonly number[]
  readonly max: number
}

/** `toMatchStagesWithin`: the toolchain's stages, each step a stage compared with the one before it. */
export interface StagesDetail {
  readonly tolerance: unknown
  /** The stages compared, in toolchain order: `onnx`, `native`, `quantized`, `chip`. */
  readonly stages: readonly string[]
  readonly steps: readonly StageStepDetail[]
  /** Index into `steps` of the first step over the tolerance; absent when every step held. */
  readonly firstBroken?: number
}

/** One step of a stages check, over every sample. */
export interface StageStepDetail {
  readonly from: string
  readonly to: string
  /** What can break at this step: `parsing` (and translation), `quantization`, `compilation` (runtime, host path). */
  readonly suspects: string
  readonly pass: boolean
  /** One side is the emulator device standing in for the Dataflow Compiler's quantized stage. */
  readonly approximation: boolean
  /** Largest |difference| over every output and sample, in output units. */
  readonly maxAbs: number
  /** The same in the chip output's quantization steps, when its quantization is known. */
  readonly maxSteps?: number
  /** Lowest cosine similarity over the outputs (of each output's worst sample). */
  readonly cosine: number
  /** Rows whose top-1 class agrees, over every classifier-like output and sample. */
  readonly top1: { readonly agreeing: number; readonly rows: number }
  /** The criteria the step failed, per output, with the worst measured value. */
  readonly failed: readonly {
    readonly output: string
    readonly criterion: string
    /** `min`: the measured value must reach `required` (cosine, top-1); `max`: stay under it (atol, steps). */
    readonly bound: 'min' | 'max'
    readonly required: number
    readonly measured: number
  }[]
}
