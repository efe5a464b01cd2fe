/**
 * A plain convolutional classifier of any input size: what the bench and the timeout tests need
 * when the fixture ConvNeXt (square, 128×128, ~0.6 ms) is the wrong size or speed — a ~2 ms
 * text-direction classifier of 1×3×48×192 (PaddleOCR's `cls` input) or a 640×480 detector-sized
 * network of tens of milliseconds.
 * @packageDocumentation
 */
import type { Dim } from '../../../src/tensor/types.js'
import type { BuiltModel } from './built-model.js'
import { GraphBuilder } from './graph-builder.js'
import { seededWeights } from './weights.js'

/** Options of {@link convClassifierModel}. */
export interface ConvClassifierOptions {
  /** Input height. @defaultValue 48 */
  readonly height?: number
  /** Input width. @defaultValue 192 */
  readonly width?: number
  /**
   * Output channels of each 3×3 convolution (+ ReLU); the first has stride 1, the others stride 2.
   * @defaultValue [16, 32, 64, 64]
   */
  readonly channels?: readonly number[]
  /** Number of classes. @defaultValue 2 */
  readonly classes?: number
  /** @defaultValue 1 */
  readonly batch?: Dim
  /** Seed of the weights. @defaultValue 1 */
  readonly seed?: number
}

/**
 * `x` float32 [batch, 3, H, W] (NCHW) → 3×3 convolutions with ReLU → global average pool → linear
 * head → `logits` [batch, classes] → softmax → `probs`. The defaults take ~2 ms on one CPU thread.
 * @example
 * ```ts
 * const cls = convClassifierModel()                                                  // 1×3×48×192, 2 classes
 * const detectorSized = convClassifierModel({ height: 480, width: 640, channels: [8, 16, 32] })
 * ```
 */
export function convClassifierModel(options: ConvClassifierOptions = {}): BuiltModel {
  const { height = 48, width = 192, channels = [32, 64, 128, 128], classes = 2, batch = 1, seed = 1 } = options
  for (const [name, v] of [
    ['height', height],
    ['width', width],
    ['classes', classes],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`Expected a positive integer for ${name} but received ${v}`)
  }
  if (channels.length === 0 || !channels.every((c) => Number.isInteger(c) && c >= 1)) {
    throw new RangeError(
      `Expected a non-empty list of positive integers for channels but received ${JSON.stringify(channels)}`,
    )
  }
  const w = seededWeights(seed)
  const name = `conv-classifier-${height}x${width}`
  const g = new GraphBuilder({ name })
  const inputShape = [batch, 3, height, width]
  let x = g.input('x', 'float32', inputShape)
  let inChannels = 3
  channels.forEach((out, i) => {
    const fanIn = inChannels * 9
    const weight = g.float32([out, inChannels, 3, 3], w.kaiming(out * fanIn, fanIn), `conv${i}.weight`)
    const bias = g.float32([out], w.kaiming(out, fanIn), `conv${i}.bias`)
    const conv = g.node('Conv', [x, weight, bias], {
      attributes: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: i === 0 ? [1, 1] : [2, 2] },
    })
    x = g.node('Relu', [conv])
    inChannels = out
  })
  const pooled = g.node('Flatten', [g.node('GlobalAveragePool', [x])])
  const head = g.float32([classes, inChannels], w.kaiming(classes * inChannels, inChannels), 'head.weight')
  const logits = g.node('Gemm', [pooled, head, g.float32([classes], w.kaiming(classes, inChannels), 'head.bias')], {
    outputs: ['logits'],
    attributes: { transB: 1 },
  })
  g.node('Softmax', [logits], { outputs: ['probs'], attributes: { axis: -1 } })
  const outShape = [batch, classes]
  g.output('logits', 'float32', outShape)
  g.output('probs', 'float32', outShape)
  return {
    name,
    bytes: g.toBytes(),
    inputs: [{ name: 'x', dtype: 'float32', shape: inputShape }],
    outputs: [
      { name: 'logits', dtype: 'float32', shape: outShape },
      { name: 'probs', dtype: 'float32', shape: outShape },
    ],
  }
}
