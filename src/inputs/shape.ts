/**
 * Shape helpers for matching what a caller passes against what a model declares.
 * Internal to `src/inputs`.
 * @packageDocumentation
 */
import type { Dim } from '../tensor/types.js'

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

/** Product of the dimensions (1 for a scalar shape). */
export function elementCount(shape: readonly number[]): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

/** `[1, 224, 224, 3]` / `[batch, 3, 224, 224]` for messages. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (typeof d === 'string' ? d : String(d))).join(', ')}]`
}

/** Multi-dimensional index of flat (row-major) index `flat` in `shape`. */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0)
  let rest = flat
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i] as number
    if (d === 0) return index
    index[i] = rest % d
    rest = Math.floor(rest / d)
  }
  return index
}

/** True when `shape` is an array of non-negative integers. */
export function isValidShape(shape: unknown): shape is readonly number[] {
  return Array.isArray(shape) && shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)
}

/** Permutation that turns an NHWC tensor into NCHW (`out[i] = in[perm[i]]`). */
export const NHWC_TO_NCHW = [0, 3, 1, 2] as const
/** Permutation that turns an NCHW tensor into NHWC. */
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const

/** `shape` permuted: `out[i] = shape[perm[i]]`. */
export function permuteShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((p) => shape[p] as number)
}
