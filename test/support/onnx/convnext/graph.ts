/**
 * The ConvNeXt-like classifier as an ONNX graph, in the variants the fixtures need: LayerNorm as
 * one op or decomposed into elementary ops, float32 NCHW input (host-normalized) or uint8 NHWC raw
 * pixels normalized inside the graph (like a HEF whose model script does the normalization).
 * @packageDocumentation
 */
import type { Dim } from '../../../../src/tensor/types.js'
import { float } from '../attributes.js'
import type { BuiltModel, ValueSpec } from '../built-model.js'
import { GraphBuilder } from '../graph-builder.js'
import type { BlockWeights, ConvNextWeights, NormWeights } from './weights.js'

/** ImageNet mean in pixel units (0–255), RGB: what a Dataflow Compiler `.alls` `normalization([…], […])` line holds. */
export const IMAGENET_MEAN_PIXELS: readonly number[] = [123.675, 116.28, 103.53]
/** ImageNet standard deviation in pixel units (0–255), RGB. */
export const IMAGENET_STD_PIXELS: readonly number[] = [58.395, 57.12, 57.375]

/** ConvNeXt's LayerNorm epsilon. */
export const LAYER_NORM_EPSILON = 1e-6

/** How LayerNorm is written in the graph. */
export type LayerNormStyle = 'op' | 'decomposed'

/** What the graph takes as input. */
export type ConvNextInput = 'float32-nchw' | 'uint8-nhwc'

/** Variant options of {@link convNextGraph}. */
export interface ConvNextGraphOptions {
  /**
   * `'op'`: one `LayerNormalization` node; `'decomposed'`: ReduceMean, Sub, Mul, ReduceMean, Add,
   * Sqrt, Div, Mul, Add. The square is `Mul(d, d)`, not `Pow(d, 2)`, so ONNX Runtime's LayerNorm
   * fusion does not turn the decomposed graph back into the single op.
   * @defaultValue 'op'
   */
  readonly layerNorm?: LayerNormStyle
  /**
   * `'float32-nchw'`: input `input` [batch, 3, S, S], already normalized with ImageNet mean/std;
   * `'uint8-nhwc'`: input `image` [batch, S, S, 3] raw RGB pixels, cast, transposed and normalized
   * (`(x − mean) / std`, pixel units) inside the graph.
   * @defaultValue 'float32-nchw'
   */
  readonly input?: ConvNextInput
  /** Batch dimension, a size or a symbolic name. @defaultValue 1 */
  readonly batch?: Dim
  /** Graph name. @defaultValue derived from the options */
  readonly name?: string
}

class ConvNextWriter {
  constructor(
    readonly g: GraphBuilder,
    readonly style: LayerNormStyle,
  ) {}

  /** LayerNorm over the last axis. */
  layerNorm(x: string, w: NormWeights, prefix: string): string {
    const { g } = this
    const dim = w.gamma.length
    const gamma = g.float32([dim], w.gamma, `${prefix}.weight`)
    const beta = g.float32([dim], w.beta, `${prefix}.bias`)
    if (this.style === 'op') {
      return g.node('LayerNormalization', [x, gamma, beta], {
        attributes: { axis: -1, epsilon: float(LAYER_NORM_EPSILON) },
      })
    }
    const mean = g.node('ReduceMean', [x], { attributes: { axes: [-1], keepdims: 1 } })
    const centered = g.node('Sub', [x, mean])
    const squared = g.node('Mul', [centered, centered])
    const variance = g.node('ReduceMean', [squared], { attributes: { axes: [-1], keepdims: 1 } })
    const shifted = g.node('Add', [variance, g.float32([], [LAYER_NORM_EPSILON])])
    const std = g.node('Sqrt', [shifted])
    const normalized = g.node('Div', [centered, std])
    return g.node('Add', [g.node('Mul', [normalized, gamma]), beta])
  }

  /** LayerNorm over the channels of an NCHW tensor (ConvNeXt's "channels_first" LayerNorm). */
  channelLayerNorm(x: string, w: NormWeights, prefix: string): string {
    const nhwc = this.g.node('Transpose', [x], { attributes: { perm: [0, 2, 3, 1] } })
    return this.g.node('Transpose', [this.layerNorm(nhwc, w, prefix)], { attributes: { perm: [0, 3, 1, 2] } })
  }

  conv(
    x: string,
    weight: Float32Array,
    bias: Float32Array,
    dims: [number, number, number, number],
    attributes: Record<string, number | number[]>,
    prefix: string,
  ): string {
    const { g } = this
    return g.node(
      'Conv',
      [x, g.float32(dims, weight, `${prefix}.weight`), g.float32([dims[0]], bias, `${prefix}.bias`)],
      {
        attributes: { kernel_shape: [dims[2], dims[3]], ...attributes },
      },
    )
  }

  /** GELU as PyTorch exports it at opset 17: x · 0.5 · (1 + erf(x / √2)). */
  gelu(x: string): string {
    const { g } = this
    const erf = g.node('Erf', [g.node('Div', [x, g.float32([], [Math.SQRT2])])])
    return g.node('Mul', [g.node('Mul', [x, g.node('Add', [erf, g.float32([], [1])])]), g.float32([], [0.5])])
  }

  block(x: string, w: BlockWeights, prefix: string): string {
    const { dim } = w
    const dw = this.conv(
      x,
      w.dwWeight,
      w.dwBias,
      [dim, 1, 7, 7],
      { group: dim, pads: [3, 3, 3, 3] },
      `${prefix}.dwconv`,
    )
    const normed = this.channelLayerNorm(dw, w.norm, `${prefix}.norm`)
    const expanded = this.conv(normed, w.expandWeight, w.expandBias, [4 * dim, dim, 1, 1], {}, `${prefix}.pwconv1`)
    const contracted = this.conv(
      this.gelu(expanded),
      w.contractWeight,
      w.contractBias,
      [dim, 4 * dim, 1, 1],
      {},
      `${prefix}.pwconv2`,
    )
    const scaled = this.g.node('Mul', [contracted, this.g.float32([dim, 1, 1], w.layerScale, `${prefix}.gamma`)])
    return this.g.node('Add', [x, scaled])
  }
}

function defaultName(options: ConvNextGraphOptions): string {
  return `convnext-tiny${options.input === 'uint8-nhwc' ? '-uint8-nhwc' : ''}${options.layerNorm === 'decomposed' ? '-decomposed-ln' : ''}`
}

/**
 * Write the classifier with the given weights as an ONNX model. Outputs: `logits` and `probs`
 * (softmax), both float32 [batch, classes].
 * @example
 * ```ts
 * const model = convNextGraph(weights, { layerNorm: 'decomposed', batch: 'batch' })
 * ```
 */
export function convNextGraph(weights: ConvNextWeights, options: ConvNextGraphOptions = {}): BuiltModel {
  const { layerNorm = 'op', input = 'float32-nchw', batch = 1 } = options
  if (layerNorm !== 'op' && layerNorm !== 'decomposed')
    throw new RangeError(`Expected 'op' or 'decomposed' for layerNorm but received ${String(layerNorm)}`)
  if (input !== 'float32-nchw' && input !== 'uint8-nhwc')
    throw new RangeError(`Expected 'float32-nchw' or 'uint8-nhwc' for input but received ${String(input)}`)
  const name = options.name ?? defaultName(options)
  const { size, classes } = weights
  const g = new GraphBuilder({
    name,
    doc: `ConvNeXt-like ${classes}-class classifier for vitest-hailo fixtures (LayerNorm: ${layerNorm}, input: ${input}).`,
  })
  const w = new ConvNextWriter(g, layerNorm)

  let inputSpec: ValueSpec
  let x: string
  if (input === 'uint8-nhwc') {
    inputSpec = { name: 'image', dtype: 'uint8', shape: [batch, size, size, 3] }
    g.input(inputSpec.name, inputSpec.dtype, inputSpec.shape)
    const pixels = g.node('Cast', [inputSpec.name], { attributes: { to: 1 } })
    const nchw = g.node('Transpose', [pixels], { attributes: { perm: [0, 3, 1, 2] } })
    const centered = g.node('Sub', [nchw, g.float32([1, 3, 1, 1], IMAGENET_MEAN_PIXELS, 'normalization.mean')])
    x = g.node('Div', [centered, g.float32([1, 3, 1, 1], IMAGENET_STD_PIXELS, 'normalization.std')])
  } else {
    inputSpec = { name: 'input', dtype: 'float32', shape: [batch, 3, size, size] }
    x = g.input(inputSpec.name, inputSpec.dtype, inputSpec.shape)
  }

  const first = weights.stages[0]
  if (first === undefined) throw new RangeError('Expected weights with at least one stage')
  x = w.conv(x, weights.stem.weight, weights.stem.bias, [first.dim, 3, 4, 4], { strides: [4, 4] }, 'stem.conv')
  x = w.channelLayerNorm(x, weights.stem.norm, 'stem.norm')
  let inDim = first.dim
  weights.stages.forEach((stage, s) => {
    if (stage.downsample !== undefined) {
      x = w.channelLayerNorm(x, stage.downsample.norm, `stages.${s}.downsample.norm`)
      x = w.conv(
        x,
        stage.downsample.weight,
        stage.downsample.bias,
        [stage.dim, inDim, 2, 2],
        { strides: [2, 2] },
        `stages.${s}.downsample.conv`,
      )
    }
    stage.blocks.forEach((b, i) => {
      x = w.block(x, b, `stages.${s}.blocks.${i}`)
    })
    inDim = stage.dim
  })
  const pooled = g.node('ReduceMean', [x], { attributes: { axes: [2, 3], keepdims: 0 } })
  const features = w.layerNorm(pooled, weights.headNorm, 'head.norm')
  const logits = g.node(
    'Gemm',
    [
      features,
      g.float32([classes, inDim], weights.headWeight, 'head.weight'),
      g.float32([classes], weights.headBias, 'head.bias'),
    ],
    {
      outputs: ['logits'],
      attributes: { transB: 1 },
    },
  )
  g.node('Softmax', [logits], { outputs: ['probs'], attributes: { axis: -1 } })
  const outShape = [batch, classes]
  g.output('logits', 'float32', outShape)
  g.output('probs', 'float32', outShape)
  return {
    name,
    bytes: g.toBytes(),
    inputs: [inputSpec],
    outputs: [
      { name: 'logits', dtype: 'float32', shape: outShape },
      { name: 'probs', dtype: 'float32', shape: outShape },
    ],
  }
}
