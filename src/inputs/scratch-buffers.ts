/**
 * Input buffers a run of generated cases reuses: a fuzz case writes ~100 KB–600 KB of fresh input,
 * and allocating it anew per case (zeroed pages, then the collector) cost as much as generating it.
 * Internal to the package.
 * @packageDocumentation
 */
import { typedArrayFor } from '../tensor/dtype.js'
import type { DType, TypedArrayByDType } from '../tensor/types.js'

/**
 * One buffer per input name, handed out again to the next case of the same shape. A case whose tensors
 * outlive it (a failure keeps its inputs as evidence) must call {@link ScratchBuffers.forget} first, so
 * the next case writes into new memory and never into the evidence.
 * @example
 * ```ts
 * const scratch = new ScratchBuffers()
 * const a = scratch.take('x', 'float32', 27648) // new
 * const b = scratch.take('x', 'float32', 27648) // a again: a's case is over
 * ```
 */
export class ScratchBuffers {
  readonly #buffers = new Map<string, { readonly dtype: DType; readonly data: TypedArrayByDType[DType] }>()

  /** A buffer of `n` elements of `dtype` for input `name`: the last one handed out when it fits, else a new one. */
  take<D extends DType>(name: string, dtype: D, n: number): TypedArrayByDType[D] {
    const kept = this.#buffers.get(name)
    if (kept !== undefined && kept.dtype === dtype && kept.data.length === n) return kept.data as TypedArrayByDType[D]
    const data = typedArrayFor(dtype, n)
    this.#buffers.set(name, { dtype, data })
    return data
  }

  /** Hand out no buffer again: the tensors written so far belong to whoever keeps them now. */
  forget(): void {
    this.#buffers.clear()
  }
}
