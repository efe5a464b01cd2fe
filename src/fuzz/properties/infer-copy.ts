/**
 * One inference whose outputs the property owns: a backend may hand back buffers it reuses on the next
 * call, and a case compares outputs of several calls.
 * @packageDocumentation
 */
import type { InferableModel } from '../../device/types.js'
import { tensorsEqualBytes } from '../../tensor/equal.js'
import type { Tensor, TensorMap } from '../../tensor/types.js'

/**
 * `model.infer(inputs)`, outputs copied.
 * @example
 * ```ts
 * const out = await inferCopy(model, materialize(model.inputs, input), signal)
 * ```
 */
export async function inferCopy(
  model: InferableModel,
  inputs: Readonly<Record<string, Tensor>>,
  signal: AbortSignal | undefined,
): Promise<TensorMap> {
  const outputs = await model.infer(inputs, signal === undefined ? {} : { signal })
  const copy: TensorMap = {}
  for (const [name, t] of Object.entries(outputs))
    copy[name] = { data: t.data.slice(), shape: [...t.shape], dtype: t.dtype } as Tensor
  return copy
}

/**
 * True when both maps have the same outputs with identical bytes.
 * @example
 * ```ts
 * sameBytes(run1, run2) // false after a flipped bit
 * ```
 */
export function sameBytes(a: TensorMap, b: TensorMap): boolean {
  const names = Object.keys(a)
  return (
    names.length === Object.keys(b).length && names.every((n) => b[n] !== undefined && tensorsEqualBytes(a[n]!, b[n]!))
  )
}
