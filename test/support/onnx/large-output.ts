/**
 * A model with a large output and almost no compute, for memory measurements: a 1×1 convolution
 * that turns a small image into many channels.
 * @packageDocumentation
 */
import type { BuiltModel } from './built-model.js'
import { GraphBuilder } from './graph-builder.js'
import { seededWeights } from './weights.js'

/** Options of {@link largeOutputModel}. */
export interface LargeOutputOptions {
  /** Output channels. @defaultValue 64 */
  readonly channels?: number
  /** Height and width of input and output. @defaultValue 32 */
  readonly size?: number
  /** Seed of the weights. @defaultValue 7 */
  readonly seed?: number
}

/**
 * `input` float32 [1, 3, S, S] → `features` float32 [1, C, S, S] (a seeded 1×1 conv). The default
 * output is 1×64×32×32 float32 = 256 KiB, from a 12 KiB input, in a few tens of microseconds.
 * @example
 * ```ts
 * const { bytes } = largeOutputModel() // features: 262 144 bytes per inference
 * ```
 */
export function largeOutputModel(options: LargeOutputOptions = {}): BuiltModel {
  const { channels = 64, size = 32, seed = 7 } = options
  const w = seededWeights(seed)
  const g = new GraphBuilder({
    name: 'large-output',
    doc: `1×1 conv 3→${channels} at ${size}×${size}: a ${(channels * size * size * 4) / 1024} KiB float32 output for memory benchmarks.`,
  })
  const inputShape = [1, 3, size, size]
  const outputShape = [1, channels, size, size]
  const x = g.input('input', 'float32', inputShape)
  const y = g.node(
    'Conv',
    [
      x,
      g.float32([channels, 3, 1, 1], w.kaiming(channels * 3, 3), 'conv.weight'),
      g.float32([channels], w.kaiming(channels, 3), 'conv.bias'),
    ],
    {
      outputs: ['features'],
      attributes: { kernel_shape: [1, 1] },
    },
  )
  g.output(y, 'float32', outputShape)
  return {
    name: 'large-output',
    bytes: g.toBytes(),
    inputs: [{ name: 'input', dtype: 'float32', shape: inputShape }],
    outputs: [{ name: 'features', dtype: 'float32', shape: outputShape }],
  }
}
