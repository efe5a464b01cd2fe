/**
 * Byte-level comparison and hashing of outputs, the hot path of the determinism engine: one
 * `Buffer.compare` (memcmp) per output over the tensors' own memory, no copies.
 * @packageDocumentation
 */
import type { Tensor, TensorMap, TypedArray } from '../tensor/types.js'

function bytesOf(data: TypedArray): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

/** True when both tensors have the same dtype, shape and bytes. */
export function sameTensorBytes(a: Tensor, b: Tensor): boolean {
  if (a.dtype !== b.dtype || a.data.byteLength !== b.data.byteLength || a.shape.length !== b.shape.length) return false
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false
  return Buffer.compare(bytesOf(a.data), bytesOf(b.data)) === 0
}

/** True when every output in `names` is byte-identical in `a` and `b` (missing outputs differ). */
export function sameOutputBytes(a: TensorMap, b: TensorMap, names: readonly string[]): boolean {
  for (const name of names) {
    const x = a[name], y = b[name]
    if (x === undefined || y === undefined || !sameTensorBytes(x, y)) return false
  }
  return true
}

/**
 * A deep copy of outputs: backends may hand back the same buffer every run (a stale-buffer bug is
 * exactly that), so an exemplar must own its bytes.
 */
export function copyOutputs(outputs: TensorMap, names: readonly string[]): TensorMap {
  const copy: TensorMap = {}
  for (const name of names) {
    const t = outputs[name]
    if (t !== undefined) copy[name] = { data: t.data.slice() as TypedArray, shape: [...t.shape], dtype: t.dtype } as Tensor
  }
  return copy
}

/**
 * A cheap 32-bit hash of the outputs' bytes (FNV-1a over 32-bit words). Used only to count distinct
 * outputs beyond the exemplars kept; equality is always decided by bytes.
 */
export function hashOutputs(outputs: TensorMap, names: readonly string[]): number {
  let h = 0x811c9dc5
  for (const name of names) {
    const t = outputs[name]
    if (t === undefined) continue
    const bytes = bytesOf(t.data)
    const words = bytes.byteLength >>> 2
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    for (let i = 0; i < words; i++) h = Math.imul(h ^ view.getUint32(i * 4, true), 0x01000193)
    for (let i = words * 4; i < bytes.byteLength; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
    h = Math.imul(h ^ bytes.byteLength, 0x01000193)
  }
  return h >>> 0
}
