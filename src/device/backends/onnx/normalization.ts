/**
 * `load(model, { normalization })` on the `onnx` device: the model takes pixels (0–255) and the
 * device normalizes its float inputs, `(x − mean[c]) / std[c]`, before ONNX Runtime sees them — what
 * the emulator and the chip do with the same option, so a test behaves the same on every device.
 * Integer inputs are fed unchanged; a model with no float input refuses the option.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../../../errors.js'
import type { Tensor, TensorInfo } from '../../../tensor/types.js'
import { applyNormalization, bindNormalization, type BoundNormalization } from '../../normalize.js'
import type { NormalizationSpec } from '../../types.js'

/** The normalization of each float input, by input name. */
export type InputNormalizations = ReadonlyMap<string, BoundNormalization>

/**
 * Bind `spec` to every float input; refuse it when there is none (it would silently do nothing).
 * @example
 * ```ts
 * const bound = bindInputNormalizations(inputs, { mean: [127.5], std: [127.5] })
 * ```
 */
export function bindInputNormalizations(
  inputs: readonly TensorInfo[],
  spec: NormalizationSpec | undefined,
): InputNormalizations {
  const bound = new Map<string, BoundNormalization>()
  if (spec === undefined) return bound
  for (const info of inputs)
    if (info.dtype === 'float32' || info.dtype === 'float64') bound.set(info.name, bindNormalization(spec, info))
  if (bound.size === 0) {
    throw new InvalidArgumentError(
      `normalization was given but the model has no float input to normalize (its inputs [${inputs.map((i) => `${i.name}: ${i.dtype}`).join(', ')}] take integers, fed unchanged). Drop the option, or load the float model.`,
    )
  }
  return bound
}

/**
 * The inputs with each bound one normalized, in a copy (the caller's tensors are never changed).
 * @example
 * ```ts
 * await session.run(normalizedInputs(inputs, bound))
 * ```
 */
export function normalizedInputs(
  inputs: Readonly<Record<string, Tensor>>,
  bound: InputNormalizations,
): Readonly<Record<string, Tensor>> {
  if (bound.size === 0) return inputs
  const result: Record<string, Tensor> = { ...inputs }
  for (const [name, norm] of bound) {
    const t = inputs[name]
    if (t === undefined || (t.dtype !== 'float32' && t.dtype !== 'float64')) continue
    const data = (t.data as Float32Array | Float64Array).slice()
    applyNormalization(data, t.shape, norm)
    result[name] = { ...t, data } as Tensor
  }
  return result
}
