/**
 * Shape helpers for matching what a caller passes against what a model declares.
 * Internal to `src/inputs`.
 * @packageDocumentation
 */
import type { Dim } from '../tensor/types.js'

export { elementCount, unravelIndex } from '../tensor/dtype.js'
export { NCHW_TO_NHWC, NHWC_TO_NCHW } from '../tensor/layout.js'

/**
 * True when a declared dimension accepts any size: a symbolic name (`'batch'`), or a negative /
 * non-integer number (some exporters write `-1` for "unknown").
 */
export function isDynamicDim(dim: Dim): boolean {
  return typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0
}

/** True when `shape` fits `declared`: same rank, every static dimension equal. */
export function shapeFits(shape: readonly number[], declared: readonly Dim[]): boolean {
  if (shape.length !== declared.length) return false
  for (let i = 0; i < shape.length; i++) {
    const d = declared[i] as Dim
    if (!isDynamicDim(d) && d !== shape[i]) return false
  }
  return true
}

/** `[1, 224, 224, 3]` / `[batch, 3, 224, 224]` for messages. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (typeof d === 'string' ? d : String(d))).join(', ')}]`
}

/** True when `shape` is an array of non-negative integers. */
export function isValidShape(shape: unknown): shape is readonly number[] {
  return Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)
}

/**
 * True when `a` is still an array holding exactly the sizes of `b` (a caller may have swapped or edited a shape
 * since it was recorded).
 * @example
 * ```ts
 * sameShape(tensor.shape, recorded) // false once tensor.shape[0] = 2
 * ```
 */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** `shape` permuted: `out[i] = shape[perm[i]]`. */
export function permuteShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((p) => shape[p] as number)
}
