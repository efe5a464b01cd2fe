/**
 * The element-wise difference `model − reference` of the exemplar's outputs, saved beside them as
 * `difference.<output>.npy` so a failure can be inspected without recomputing it.
 * @packageDocumentation
 */
import type { Tensor, TensorMap } from '../tensor/types.js'

/**
 * `actual − expected` per output, as float32 in the model output's shape; outputs whose sizes differ
 * (or int64 ones) have no difference tensor.
 * @example
 * ```ts
 * differenceTensors({ y: modelY }, { y: referenceY }).y // Float32Array of modelY − referenceY
 * ```
 */
export function differenceTensors(actual: TensorMap, expected: TensorMap): TensorMap {
  const out: Record<string, Tensor> = {}
  for (const [name, a] of Object.entries(actual)) {
    const e = expected[name]
    if (
      e === undefined ||
      a.data.length !== e.data.length ||
      a.data instanceof BigInt64Array ||
      e.data instanceof BigInt64Array
    )
      continue
    const d = new Float32Array(a.data.length)
    for (let i = 0; i < d.length; i++) d[i] = (a.data[i] as number) - (e.data[i] as number)
    out[name] = { data: d, shape: [...a.shape], dtype: 'float32' }
  }
  return out
}
