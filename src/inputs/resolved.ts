/**
 * Records `resolveInputs` produced, remembered so that feeding one again costs nothing: the
 * determinism loop feeds the same resolved input n times, and re-checking 27 648 floats for NaN
 * on every run was ~2 % of a 2 ms inference. A record counts as resolved only for the very infos
 * array it was resolved against, and only while it still holds the same tensors with the same data,
 * shape and dtype (checked on every use: a few property reads). What is not re-checked is the
 * content of `data`: values written into the buffer after resolution are not scanned for NaN again.
 * @packageDocumentation
 */
import type { DType, Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { sameShape } from './shape.js'

/** One input of a resolved record as it was when resolved. */
interface Entry {
  readonly name: string
  readonly tensor: Tensor
  readonly data: TypedArray
  readonly dtype: DType
  readonly shape: readonly number[]
}

interface Snapshot {
  readonly infos: readonly TensorInfo[]
  readonly entries: readonly Entry[]
}

const remembered = new WeakMap<object, Snapshot>()

/**
 * Remember `record` as resolved against `infos` (called by `resolveInputs` on what it returns).
 * @example
 * ```ts
 * rememberResolved(model.inputs, record)
 * isStillResolved(model.inputs, record) // true
 * ```
 */
export function rememberResolved(infos: readonly TensorInfo[], record: Readonly<Record<string, Tensor>>): void {
  const entries = Object.entries(record).map(([name, tensor]) => ({
    name,
    tensor,
    data: tensor.data,
    dtype: tensor.dtype,
    shape: [...tensor.shape],
  }))
  remembered.set(record, { infos, entries })
}

/**
 * True when `value` is a record `resolveInputs` returned for these very `infos` and nobody has
 * swapped, added or removed a tensor, or changed a tensor's data, shape or dtype since.
 * @example
 * ```ts
 * const inputs = isStillResolved(this.inputs, source) ? source : await resolveInputs(this.inputs, source)
 * ```
 */
export function isStillResolved(
  infos: readonly TensorInfo[],
  value: unknown,
): value is Readonly<Record<string, Tensor>> {
  if (typeof value !== 'object' || value === null) return false
  const snapshot = remembered.get(value)
  if (snapshot === undefined || snapshot.infos !== infos) return false
  const record = value as Readonly<Record<string, Tensor | undefined>>
  if (Object.keys(record).length !== snapshot.entries.length) return false
  for (const { name, tensor, data, dtype, shape } of snapshot.entries) {
    const now = record[name]
    if (now !== tensor || now.data !== data || now.dtype !== dtype || !sameShape(now.shape, shape)) return false
  }
  return true
}
