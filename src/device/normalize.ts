/**
 * Input normalization as the Dataflow Compiler's `.alls` line `normalization([mean…], [std…])`
 * declares it: `(x − mean[c]) / std[c]` per channel, in pixel units. The emulator applies it after
 * dequantizing (on chip), the `onnx` device before ONNX Runtime sees its float inputs.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import type { TensorInfo } from '../tensor/types.js'
import { channelAxis } from './layout.js'
import type { NormalizationSpec } from './types.js'

/** Normalization bound to one input: which axis holds the channels. */
export interface BoundNormalization extends NormalizationSpec {
  /** The channel axis, or undefined when one mean/std applies to every element. */
  readonly axis: number | undefined
}

/**
 * Check `spec` fits `info` (one value, or one per channel of a NCHW / NHWC input) and bind it.
 * @example
 * ```ts
 * bindNormalization({ mean: [123.7, 116.3, 103.5], std: [58.4, 57.1, 57.4] }, input)
 * ```
 */
export function bindNormalization(spec: NormalizationSpec, info: TensorInfo): BoundNormalization {
  if (spec.mean.length === 1) return { ...spec, axis: undefined }
  const axis = channelAxis(info.layout)
  const channels = axis === undefined ? undefined : info.shape[axis]
  if (axis === undefined || channels !== spec.mean.length) {
    throw new InvalidArgumentError(
      `normalization has ${spec.mean.length} channels but input "${info.name}" (shape [${info.shape.join(', ')}], layout ${info.layout}) has ${channels === undefined ? 'no channel axis' : `${String(channels)} channels`}. Give one mean/std per channel, or a single value.`,
    )
  }
  return { ...spec, axis }
}

/**
 * Normalize `data` (shape `shape`) in place.
 */
export function applyNormalization(
  data: Float32Array | Float64Array,
  shape: readonly number[],
  norm: BoundNormalization,
): void {
  if (norm.axis === undefined) {
    const m = norm.mean[0]!
    const s = norm.std[0]!
    for (let i = 0; i < data.length; i++) data[i] = (data[i]! - m) / s
    return
  }
  const channels = norm.mean.length
  const inner = shape.slice(norm.axis + 1).reduce((n, d) => n * d, 1)
  for (let i = 0; i < data.length; i++) {
    const c = Math.floor(i / inner) % channels
    data[i] = (data[i]! - norm.mean[c]!) / norm.std[c]!
  }
}
