/**
 * What the engine does around each case fast-check runs: on a replay, it runs exactly the token's case —
 * fast-check, given a path, would go on to that case's siblings when it holds, and report those as cases
 * of the replay — and it tells a fault device with internal randomness which case starts, so the same case
 * meets the same faults on replay as when it was found.
 * @packageDocumentation
 */
import type * as fc from 'fast-check'

/** How the replayed case went: not run yet, failed (as in the token), or held (the failure did not reproduce). */
export type ReplayedCase = 'not-run' | 'failed' | 'held'

/** A property wrapped by {@link observeRuns}. */
export interface ObservedRuns<T> {
  readonly property: fc.IAsyncPropertyWithHooks<[T]>
  /** On a replay, how the token's case went; `not-run` otherwise. */
  replayedCase(): ReplayedCase
}

/**
 * Wrap `property`'s runs: `beforeCase(value)` before each case; with `replay`, the first case run is the
 * token's, and once it holds no other case runs (each later run holds at once, and is not counted).
 * @example
 * ```ts
 * const observed = observeRuns(property, { replay: true })
 * await fc.check(observed.property, { seed, path })
 * observed.replayedCase() // 'failed' when the failure reproduced
 * ```
 */
export function observeRuns<T>(
  property: fc.IAsyncPropertyWithHooks<[T]>,
  options: { readonly replay: boolean; readonly beforeCase?: (value: T) => void },
): ObservedRuns<T> {
  let replayed: ReplayedCase = 'not-run'
  const run = async (value: [T]): Promise<fc.PreconditionFailure | fc.PropertyFailure | null> => {
    if (options.replay && replayed === 'held') return null
    options.beforeCase?.(value[0])
    const outcome = await property.run(value)
    if (options.replay && replayed === 'not-run') replayed = outcome === null ? 'held' : 'failed'
    return outcome
  }
  const wrapped = new Proxy(property, {
    get(target, key) {
      if (key === 'run') return run
      const member: unknown = Reflect.get(target, key, target)
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(target) : member
    },
  })
  return { property: wrapped, replayedCase: () => replayed }
}
