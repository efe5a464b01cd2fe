/**
 * Guessing the memory layout of a declared tensor from its shape, for models (ONNX) that do not
 * say. The guess only matters for images; anything unclear is `'other'`.
 * @packageDocumentation
 */
import type { Dim, Layout } from '../tensor/types.js'

/**
 * 2-D → `NC`; 4-D with dim 1 of 1 or 3 → `NCHW`; otherwise 4-D with a last dim of 1 or 3 → `NHWC`;
 * anything else (or symbolic dims where it matters) → `other`.
 * @example
 * ```ts
 * guessLayout([1, 3, 224, 224]) // 'NCHW'
 * guessLayout(['batch', 224, 224, 3]) // 'NHWC'
 * ```
 */
export function guessLayout(shape: readonly Dim[]): Layout {
  if (shape.length === 2) return 'NC'
  if (shape.length !== 4) return 'other'
  const channelsFirst = shape[1]
  const channelsLast = shape[3]
  if (channelsFirst === 1 || channelsFirst === 3) return 'NCHW'
  if (channelsLast === 1 || channelsLast === 3) return 'NHWC'
  return 'other'
}

/** Index of the channel axis for an image layout, or undefined when the layout has none. */
export function channelAxis(layout: Layout): number | undefined {
  return layout === 'NCHW' ? 1 : layout === 'NHWC' ? 3 : undefined
}
