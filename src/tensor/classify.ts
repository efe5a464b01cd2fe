/**
 * Classifier helpers: argmax, top-k and a numerically stable softmax.
 * Ties always go to the lower index, so results are deterministic.
 * @packageDocumentation
 */
import { invalidParameter } from '../validate.js'
import { numericView } from './dtype.js'
import type { Tensor, TypedArray } from './types.js'

type Values = Tensor | TypedArray | readonly number[]

function valuesOf(input: Values, fn: string): ArrayLike<number> {
  const data = Array.isArray(input) ? input : ArrayBuffer.isView(input) ? input : (input as Tensor | undefined)?.data
  if (data === undefined || (!Array.isArray(data) && !ArrayBuffer.isView(data))) {
    throw invalidParameter(`${fn}'s input`, 'a tensor, a typed array or an array of numbers', input)
  }
  return Array.isArray(data) ? (data as readonly number[]) : numericView(data as TypedArray)
}

/**
 * Index of the largest element of `values[start … start + length)`, relative to `start`; the first on
 * ties; a NaN counts as the largest (as numpy's `argmax`). −1 when the range is empty.
 */
export function argmaxRange(values: ArrayLike<number>, start: number, length: number): number {
  if (length <= 0) return -1
  let best = 0
  let bestValue = values[start]!
  if (Number.isNaN(bestValue)) return 0
  for (let i = 1; i < length; i++) {
    const v = values[start + i]!
    if (v > bestValue) {
      best = i
      bestValue = v
    } else if (Number.isNaN(v)) {
      return i
    }
  }
  return best
}

/**
 * Flat index of the largest element (first on ties; a NaN counts as largest, as in numpy).
 * @throws {@link InvalidArgumentError} for an empty input.
 * @example
 * ```ts
 * argmax([0.1, 0.7, 0.7]) // 1
 * ```
 */
export function argmax(input: Values): number {
  const values = valuesOf(input, 'argmax')
  if (values.length === 0) throw invalidParameter("argmax's input", 'at least one element', input)
  return argmaxRange(values, 0, values.length)
}

/** One of the top-k classes. */
export interface RankedClass {
  readonly index: number
  readonly value: number
}

/** Descending by value, then ascending by index; NaN sorts last. */
function before(a: RankedClass, b: RankedClass): boolean {
  if (a.value > b.value) return true
  if (a.value < b.value) return false
  if (Number.isNaN(a.value) !== Number.isNaN(b.value)) return !Number.isNaN(a.value)
  return a.index < b.index
}

/**
 * The `k` largest elements, largest first (ties: lower index first; NaN last). `k` larger than the
 * input returns every element.
 * @throws {@link InvalidArgumentError} when `k` is not an integer ≥ 1.
 * @example
 * ```ts
 * topK([0.1, 0.7, 0.2], 2) // [{ index: 1, value: 0.7 }, { index: 2, value: 0.2 }]
 * ```
 */
export function topK(input: Values, k: number): RankedClass[] {
  if (!Number.isInteger(k) || k < 1) throw invalidParameter('k', 'an integer ≥ 1', k)
  const values = valuesOf(input, 'topK')
  const keep = Math.min(k, values.length)
  const best: RankedClass[] = []
  // One pass keeping a sorted list of `keep` entries: O(n·k), right for the small k classifiers use.
  for (let i = 0; i < values.length; i++) {
    const c = { index: i, value: values[i]! }
    if (best.length === keep && !before(c, best[keep - 1]!)) continue
    let j = best.length === keep ? keep - 1 : best.length
    while (j > 0 && before(c, best[j - 1]!)) {
      best[j] = best[j - 1]!
      j--
    }
    best[j] = c
  }
  return best
}

/**
 * 1-based rank of element `index` within `values[start … start + length)` in {@link topK}'s order: the
 * smallest `k` for which it is in the top k.
 */
export function rankOf(values: ArrayLike<number>, start: number, length: number, index: number): number {
  const v = values[start + index]!
  let rank = 1
  for (let i = 0; i < length; i++) {
    if (i !== index && before({ index: i, value: values[start + i]! }, { index, value: v })) rank++
  }
  return rank
}

/**
 * Softmax along the last axis (each row of the last dimension sums to 1), stable: the row's maximum is
 * subtracted before `exp`, so large logits do not overflow. Returns float32.
 * @example
 * ```ts
 * softmax(makeTensor('float32', [1, 3], [1000, 1000, 1000])).data // [1/3, 1/3, 1/3]
 * ```
 */
export function softmax(tensor: Tensor): Tensor<'float32'> {
  const values = valuesOf(tensor, 'softmax')
  const shape = tensor.shape
  const row = shape.length === 0 ? 1 : shape[shape.length - 1]!
  const out = new Float32Array(values.length)
  for (let start = 0; start < values.length && row > 0; start += row) {
    let max = -Infinity
    for (let i = start; i < start + row; i++) if (values[i]! > max) max = values[i]!
    let sum = 0
    for (let i = start; i < start + row; i++) sum += Math.exp(values[i]! - max)
    for (let i = start; i < start + row; i++) out[i] = Math.exp(values[i]! - max) / sum
  }
  return { data: out, shape: [...shape], dtype: 'float32' }
}
