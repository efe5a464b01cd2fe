/**
 * What every ready-made property builder returns: a fast-check async property, usable with
 * `fc.assert` / `fc.check` or `@fast-check/vitest`, that can also release what it loaded.
 * @packageDocumentation
 */
import * as fc from 'fast-check'

/**
 * A fast-check async property over cases of type `T` that may hold resources (a second load of the
 * model, a reference): dispose it when done (`await using` works).
 */
export type FuzzProperty<T> = fc.IAsyncPropertyWithHooks<[T]> &
  AsyncDisposable & {
    /** Releases what the property loaded. Idempotent. */
    dispose(): Promise<void>
  }

/**
 * Wrap an async property with a `dispose` that runs `release` once.
 * @example
 * ```ts
 * return disposable(fc.asyncProperty(arb, predicate), async () => { await variant?.dispose() })
 * ```
 */
export function disposable<T>(
  property: fc.IAsyncPropertyWithHooks<[T]>,
  release: () => Promise<void> = async () => undefined,
): FuzzProperty<T> {
  let done: Promise<void> | undefined
  const dispose = (): Promise<void> => (done ??= release())
  return Object.assign(property, { dispose, [Symbol.asyncDispose]: dispose })
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
