/**
 * What every ready-made property builder returns: a fast-check async property, usable with
 * `fc.assert` / `fc.check` or `@fast-check/vitest`, that can also release what it loaded.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InputDependence } from './input-dependence.js'

/**
 * A fast-check async property over cases of type `T` that may hold resources (a second load of the
 * model, a reference): dispose it when done (`await using` works).
 */
export type FuzzProperty<T> = fc.IAsyncPropertyWithHooks<[T]> &
  AsyncDisposable & {
    /** Releases what the property loaded. Idempotent. */
    dispose(): Promise<void>
    /**
     * For a property whose device may refuse a case (nothing then reaches the chip to compare): how many
     * cases were compared and how many refused. A property that compared too little proves nothing.
     */
    readonly tally?: CaseTally
    /**
     * For a property that compares the model with itself on generated inputs: whether its outputs depended on
     * those inputs at all (a self-comparison of a model that answers the same for every input proves nothing).
     */
    readonly dependence?: InputDependence
  }

/** Cases a property compared, and cases the device refused before anything could be compared. */
export interface CaseTally {
  readonly counts: { readonly compared: number; readonly refused: number; readonly firstRefusal?: string }
  /** Count one compared case. */
  compared(): void
  /** Count one refused case; the first refusal's message is kept to say why. */
  refused(message: string): void
}

/**
 * A fresh {@link CaseTally}.
 * @example
 * ```ts
 * const tally = caseTally()
 * tally.refused('outside 0–255'); tally.compared()
 * tally.counts // { compared: 1, refused: 1, firstRefusal: 'outside 0–255' }
 * ```
 */
export function caseTally(): CaseTally {
  const counts: { compared: number; refused: number; firstRefusal?: string } = { compared: 0, refused: 0 }
  return {
    counts,
    compared: () => void counts.compared++,
    refused: (message) => {
      counts.refused++
      counts.firstRefusal ??= message
    },
  }
}

/** What a property keeps about its cases besides their verdicts, for {@link disposable}. */
export interface CaseWatches {
  readonly tally?: CaseTally
  readonly dependence?: InputDependence
}

/**
 * Wrap an async property with a `dispose` that runs `release` once, and what it keeps about its cases, if anything.
 * @example
 * ```ts
 * return disposable(fc.asyncProperty(arb, predicate), async () => { await variant?.dispose() })
 * ```
 */
export function disposable<T>(
  property: fc.IAsyncPropertyWithHooks<[T]>,
  release: () => Promise<void> = async () => undefined,
  watches: CaseWatches = {},
): FuzzProperty<T> {
  let done: Promise<void> | undefined
  const dispose = (): Promise<void> => (done ??= release())
  return Object.assign(property, { dispose, [Symbol.asyncDispose]: dispose }, watches)
}

/**
 * Run `fn` once, on first use, and share its promise (a lazily loaded variant or reference).
 * @example
 * ```ts
 * const variant = lazy(() => device.load(path, { format: 'raw' }))
 * ```
 */
export function lazy<T>(fn: () => Promise<T>): { get(): Promise<T>; readonly started: boolean } {
  let p: Promise<T> | undefined
  return {
    get: () => (p ??= fn()),
    get started() {
      return p !== undefined
    },
  }
}
