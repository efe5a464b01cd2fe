/**
 * Feeding a float reference model (the ONNX a device runs) the same pixels as the device, and bringing
 * its outputs to the device's output names and saturation, so the two can be compared.
 * @packageDocumentation
 */
import type { InferableModel, NormalizationSpec } from '../../device/types.js'
import { resolveInputs } from '../../inputs/resolve.js'
import type { Tensor, TensorInfo, TensorMap } from '../../tensor/types.js'
import { referenceInput } from '../encode.js'
import { representableRange } from '../host-codes.js'

/** Names of `theirs` paired with `ours`: by name when every name exists there, else by position. */
function pairNames(ours: readonly TensorInfo[], theirs: readonly TensorInfo[]): Map<string, string> {
  const names = new Set(theirs.map((t) => t.name))
  const byName = ours.every((o) => names.has(o.name))
  return new Map(ours.map((o, i) => [o.name, byName ? o.name : (theirs[i]?.name ?? o.name)]))
}

/**
 * The reference's inputs for the device's `pixels` (generated per device input), normalized when known.
 * @example
 * ```ts
 * const refInputs = await referenceInputs(reference, model.inputs, pixels, normalization)
 * ```
 */
export async function referenceInputs(
  reference: InferableModel,
  deviceInputs: readonly TensorInfo[],
  pixels: Readonly<Record<string, Tensor>>,
  normalization: NormalizationSpec | undefined,
): Promise<Record<string, Tensor>> {
  const pairs = pairNames(deviceInputs, reference.inputs)
  const theirs = new Map(reference.inputs.map((i) => [i.name, i]))
  const record: Record<string, Tensor> = {}
  for (const info of deviceInputs) {
    const name = pairs.get(info.name)!
    const takesFloats = ['float32', 'float64'].includes(theirs.get(name)?.dtype ?? 'float32')
    // A reference input of integers takes the same codes as the device; a float one, the real (normalized) values.
    record[name] = takesFloats ? referenceInput(info, pixels[info.name]!, normalization) : pixels[info.name]!
  }
  return resolveInputs(reference.inputs, record)
}

/**
 * The reference's outputs under the device's output names, each clipped to what the device's quantized
 * output can represent (saturation is how the chip answers, not a difference).
 * @example
 * ```ts
 * const expected = referenceOutputs(await reference.infer(refInputs), reference.outputs, model.outputs)
 * ```
 */
export function referenceOutputs(
  outputs: TensorMap,
  referenceInfos: readonly TensorInfo[],
  deviceOutputs: readonly TensorInfo[],
): TensorMap {
  const pairs = pairNames(deviceOutputs, referenceInfos)
  const out: TensorMap = {}
  for (const info of deviceOutputs) {
    const t = outputs[pairs.get(info.name)!]
    if (t === undefined) continue
    if (info.quant === undefined || (t.dtype !== 'float32' && t.dtype !== 'float64')) {
      out[info.name] = t
      continue
    }
    const [a, b] = representableRange(info.quant, info.dtype === 'uint16' ? 'uint16' : 'uint8')
    const lo = Math.min(a, b),
      hi = Math.max(a, b)
    out[info.name] = {
      data: Float32Array.from(t.data as Float32Array, (x) => (x < lo ? lo : x > hi ? hi : x)),
      shape: t.shape,
      dtype: 'float32',
    }
  }
  return out
}
