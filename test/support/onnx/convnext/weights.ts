/**
 * The parameters of the ConvNeXt-like fixture classifier, and their seeded generation.
 * @packageDocumentation
 */
import { seededWeights, type WeightSource } from '../weights.js'

/** Scale and shift of one LayerNorm. */
export interface NormWeights {
  readonly gamma: Float32Array
  readonly beta: Float32Array
}

/**
 * One ConvNeXt block: depthwise 7×7 → LayerNorm → pointwise expand ×4 → GELU → pointwise contract → layer scale → +
 * input.
 */
export interface BlockWeights {
  readonly dim: number
  /** [dim, 1, 7, 7] */
  readonly dwWeight: Float32Array
  readonly dwBias: Float32Array
  readonly norm: NormWeights
  /** [4·dim, dim, 1, 1] */
  readonly expandWeight: Float32Array
  readonly expandBias: Float32Array
  /** [dim, 4·dim, 1, 1] */
  readonly contractWeight: Float32Array
  readonly contractBias: Float32Array
  /** Per-channel layer scale [dim]. */
  readonly layerScale: Float32Array
}

/** One stage: an optional downsampling (LayerNorm + 2×2 stride-2 conv) then its blocks. */
export interface StageWeights {
  readonly dim: number
  /** Absent for the first stage (the stem does it). */
  readonly downsample?: { readonly norm: NormWeights; readonly weight: Float32Array; readonly bias: Float32Array }
  readonly blocks: readonly BlockWeights[]
}

/** All parameters of the classifier. */
export interface ConvNextWeights {
  /** Input height and width (square), a multiple of 4·2^(stages−1). */
  readonly size: number
  readonly classes: number
  /** Stem: 4×4 stride-4 conv [dims[0], 3, 4, 4] + LayerNorm. */
  readonly stem: { readonly weight: Float32Array; readonly bias: Float32Array; readonly norm: NormWeights }
  readonly stages: readonly StageWeights[]
  /** LayerNorm of the pooled features, then the linear head [classes, lastDim]. */
  readonly headNorm: NormWeights
  readonly headWeight: Float32Array
  readonly headBias: Float32Array
}

/** Shape of the network. */
export interface ConvNextShape {
  /** @defaultValue 64 */
  readonly size?: number
  /** @defaultValue 67 */
  readonly classes?: number
  /** Channels and number of blocks per stage. @defaultValue `[{ dim: 32, depth: 1 }, { dim: 64, depth: 1 }]` */
  readonly stages?: readonly { readonly dim: number; readonly depth: number }[]
}

/** The fixtures' default shape: 64×64 input, two stages (32 and 64 channels), 67 classes as in the report. */
export const DEFAULT_CONVNEXT_SHAPE: Required<ConvNextShape> = {
  size: 64,
  classes: 67,
  stages: [
    { dim: 32, depth: 1 },
    { dim: 64, depth: 1 },
  ],
}

function norm(w: WeightSource, dim: number): NormWeights {
  // Trained LayerNorms are not all-ones / all-zeros; spread them so a wrong broadcast shows.
  return { gamma: w.around(dim, 1, 0.2), beta: w.uniform(dim, 0.1) }
}

function block(w: WeightSource, dim: number): BlockWeights {
  const hidden = 4 * dim
  return {
    dim,
    dwWeight: w.kaiming(dim * 49, 49),
    dwBias: w.kaiming(dim, 49),
    norm: norm(w, dim),
    expandWeight: w.kaiming(hidden * dim, dim),
    expandBias: w.kaiming(hidden, dim),
    contractWeight: w.kaiming(dim * hidden, hidden),
    contractBias: w.kaiming(dim, hidden),
    layerScale: w.around(dim, 0.5, 0.25),
  }
}

/**
 * Seeded random parameters. The head is random too; {@link fitHead} then makes chosen scenes
 * land on chosen classes with high confidence.
 * @example
 * ```ts
 * const weights = randomConvNextWeights(2024)
 * ```
 */
export function randomConvNextWeights(seed: number, shape: ConvNextShape = {}): ConvNextWeights {
  const { size, classes, stages } = { ...DEFAULT_CONVNEXT_SHAPE, ...shape }
  const first = stages[0]
  if (first === undefined) throw new RangeError('Expected at least one stage')
  const stride = 4 * 2 ** (stages.length - 1)
  if (!Number.isInteger(size) || size < stride || size % stride !== 0) {
    throw new RangeError(`Expected a size that is a positive multiple of ${stride} but received ${size}`)
  }
  const w = seededWeights(seed)
  const stem = {
    weight: w.kaiming(first.dim * 3 * 16, 3 * 16),
    bias: w.kaiming(first.dim, 3 * 16),
    norm: norm(w, first.dim),
  }
  const stageWeights: StageWeights[] = stages.map((stage, index) => {
    const previous = stages[index - 1]
    const downsample =
      previous === undefined
        ? undefined
        : {
            norm: norm(w, previous.dim),
            weight: w.kaiming(stage.dim * previous.dim * 4, previous.dim * 4),
            bias: w.kaiming(stage.dim, previous.dim * 4),
          }
    const blocks = Array.from({ length: stage.depth }, () => block(w, stage.dim))
    return downsample === undefined ? { dim: stage.dim, blocks } : { dim: stage.dim, downsample, blocks }
  })
  const last = stages[stages.length - 1] as { dim: number }
  return {
    size,
    classes,
    stem,
    stages: stageWeights,
    headNorm: norm(w, last.dim),
    headWeight: w.kaiming(classes * last.dim, last.dim),
    headBias: w.uniform(classes, 0.05),
  }
}
