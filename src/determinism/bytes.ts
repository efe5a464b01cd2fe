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
    const x = a[name],
      y = b[name]
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
    if (t !== undefined)
      copy[name] = { data: t.data.slice() as TypedArray, shape: [...t.shape], dtype: t.dtype } as Tensor
  }
  return copy
}

/**
 * A cheap 48-bit hash of the outputs' bytes: FNV-1a over 32-bit words, plus 16 bits of a second,
 * differently mixed hash computed in the same pass. Used only to count distinct outputs beyond the
 * exemplars kept (equality is always decided by bytes), where a collision would merge two outputs:
 * 32 bits alone collide with odds of about 1 in 10 000 over 1 000 distinct outputs, 48 bits about 1 in
 * 500 million. The value is an integer below 2^48 (exact as a number).
 */
export function hashOutputs(outputs: TensorMap, names: readonly string[]): number {
  let h = 0x811c9dc5
  let g = 0x9747b28c
  const mix = (w: number): void => {
    h = Math.imul(h ^ w, 0x01000193)
    g = Math.imul(g ^ w, 0x5bd1e995)
    g ^= g >>> 15
  }
  for (const name of names) {
    const t = outputs[name]
    if (t === undefined) continue
    const bytes = bytesOf(t.data)
    const words = bytes.byteLength >>> 2
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    for (let i = 0; i < words; i++) mix(view.getUint32(i * 4, true))
    for (let i = words * 4; i < bytes.byteLength; i++) mix(bytes[i]!)
    mix(bytes.byteLength)
  }
  return (g >>> 16) * 2 ** 32 + (h >>> 0)
}
