/**
 * Bit-exact tensor equality: the determinism engine's fast path ("memcmp first").
 * @packageDocumentation
 */
import type { Tensor, TypedArray } from './types.js'

/** The bytes of a typed array as a `Buffer` over the same memory (no copy). */
export function bytesOf(data: TypedArray): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

/**
 * True when both tensors have the same dtype, the same shape and the same bytes (memcmp: NaN payloads
 * and −0 vs +0 count as different, as they are different bytes).
 * @example
 * ```ts
 * tensorsEqualBytes(run1.logits, run2.logits) // false when the chip is non-deterministic
 * ```
 */
export function tensorsEqualBytes(a: Tensor, b: Tensor): boolean {
  if (a === b) return true
  if (a.dtype !== b.dtype || a.shape.length !== b.shape.length) return false
  for (let i = 0; i < a.shape.length; i++) if (a.shape[i] !== b.shape[i]) return false
  if (a.data.byteLength !== b.data.byteLength) return false
  return Buffer.compare(bytesOf(a.data), bytesOf(b.data)) === 0
}
