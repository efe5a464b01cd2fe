/**
 * What the engine does around each case fast-check runs: on a replay, it runs exactly the token's case —
 * fast-check, given a path, would go on to that case's siblings when it holds, and report those as cases
 * of the replay — and it tells a fault device with internal randomness which case starts, so the same case
 * meets the same faults on replay as when it was found ({@link faultRestarter}).
 * @packageDocumentation
 */
import type * as fc from 'fast-check'
import type { InferableModel } from '../device/types.js'

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
  // Nothing to observe (no replay, no random faults): fast-check runs the property itself, at no cost per case.
  if (!options.replay && options.beforeCase === undefined) return { property, replayedCase: () => replayed }
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

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * For a model on a device with random faults (`faulty:random`, `faulty:bitflip`, …, possibly wrapped again):
 * a `beforeCase` that re-seeds those faults from the case itself (a hash of its JSON) and the run's seed, so a
 * replay — a fresh load running that one case, with the token's seed — meets the faults the search met.
 * `undefined` for any other device.
 * @example
 * ```ts
 * observeRuns(property, { replay: false, beforeCase: faultRestarter(model, seed) })
 * ```
 */
export function faultRestarter(model: InferableModel, runSeed: number): ((value: unknown) => void) | undefined {
  const devices: { restartFaults(seed: number): void }[] = []
  let device: unknown = (model as { device?: unknown }).device
  while (typeof device === 'object' && device !== null) {
    const d = device as { restartFaults?: unknown; inner?: unknown }
    if (typeof d.restartFaults === 'function') devices.push(d as { restartFaults(seed: number): void })
    device = d.inner
  }
  if (devices.length === 0) return undefined
  return (value) => {
    // The run's seed too (a replay runs with the token's): two runs meet different faults on the same case.
    const seed = (fnv1a(JSON.stringify(value) ?? '') ^ Math.imul(runSeed, 0x9e3779b1)) >>> 0
    for (const d of devices) d.restartFaults(seed)
  }
}
