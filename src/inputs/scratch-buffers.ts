/**
 * Input buffers a run of generated cases reuses: a fuzz case writes ~100 KB–600 KB of fresh input,
 * and allocating it anew per case (zeroed pages, then the collector) cost as much as generating it.
 * Internal to the package.
 * @packageDocumentation
 */
import { typedArrayFor } from '../tensor/dtype.js'
import type { DType, TypedArray, TypedArrayByDType } from '../tensor/types.js'

/** Where a generated input's buffer comes from: `take` one of `n` elements of `dtype` for input `name`. */
export interface BufferSource {
  take<D extends DType>(name: string, dtype: D, n: number): TypedArrayByDType[D]
}

/**
 * The buffers one case holds. It hands them back with {@link ScratchLease.release} when the case passed;
 * a case that failed, or is still running (a timed-out one), never does, so its buffers stay its own.
 */
export interface ScratchLease extends BufferSource {
  /** Return every buffer this lease took to the pool. Idempotent. */
  release(): void
}

/**
 * A pool of input buffers shared by the cases of one property. Each case leases what it needs; only a
 * released buffer is handed out again, so cases running at the same time (one property checked twice
 * at once) never share one, and a failure's inputs are never overwritten by the shrinking that follows.
 * @example
 * ```ts
 * const pool = new ScratchBuffers()
 * const lease = pool.lease()
 * const x = lease.take('x', 'float32', 27648) // new
 * lease.release() // the case passed: the next lease gets x again
 * ```
 */
export class ScratchBuffers {
  readonly #free = new Map<string, TypedArray[]>()

  /** A lease for one case. */
  lease(): ScratchLease {
    const taken: { readonly key: string; readonly data: TypedArray }[] = []
    let released = false
    return {
      take: <D extends DType>(name: string, dtype: D, n: number): TypedArrayByDType[D] => {
        const key = `${dtype}:${n}:${name}`
        const data = (this.#free.get(key)?.pop() ?? typedArrayFor(dtype, n)) as TypedArrayByDType[D]
        taken.push({ key, data })
        return data
      },
      release: () => {
        if (released) return
        released = true
        for (const { key, data } of taken) {
          const list = this.#free.get(key)
          if (list === undefined) this.#free.set(key, [data])
          else list.push(data)
        }
      },
    }
  }
}
