/**
 * `vitest-hailo/matchers`: importing this module registers every vitest-hailo matcher with
 * `expect.extend` and brings their TypeScript types.
 *
 * @example
 * ```ts
 * import 'vitest-hailo/matchers'   // or list it in `setupFiles`; the plugin does it for you
 * await expect(hef).toBeDeterministicAcross(50, { input: 'cat.png' })
 * ```
 * @packageDocumentation
 */
import { expect } from 'vitest'
import { toBeDeterministicAcross, type ToBeDeterministicAcrossOptions } from './to-be-deterministic-across.js'

export type { ToBeDeterministicAcrossOptions }

/** Every matcher this package adds, by name (for `expect.extend` in a custom setup). */
export const hailoMatchers = { toBeDeterministicAcross }

expect.extend(hailoMatchers)

/**
 * The matchers as users call them. Every one runs inferences, so every one is async: always `await` it.
 */
export interface HailoMatchers {
  /**
   * Run the model `runs` times (default: the plugin's `runs`, 20) on the same input and pass when every run gives identical output
   * bytes (or outputs within `options.tolerance`). On failure: the distinct outputs and which runs
   * gave them, top-1 class and confidence per output, the largest difference and where, the pattern,
   * a flakiness bound, the seed and the artifact folder.
   * @example
   * ```ts
   * await expect(hef).toBeDeterministicAcross(50, { input: 'cat.png', warmup: 2 })
   * ```
   */
  toBeDeterministicAcross(runs?: number, options?: ToBeDeterministicAcrossOptions): Promise<void>
}

/*
 * The type augmentation. Vitest 4 declares `Matchers<T>` and Vitest 5 `Matchers<R, T>`; TypeScript
 * refuses to merge an interface whose type parameters differ (TS2428), so no single
 * `declare module 'vitest' { interface Matchers … }` compiles against both. Both versions build
 * `Assertion` from the global `Chai.Assertion` and keep its methods as they are, so augmenting it
 * types `expect(model).toBeDeterministicAcross(…)` (and `.not`) identically under 4 and 5, with no
 * error even for consumers who do not skip lib checks. `matchers.test-d.ts` proves it.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion extends HailoMatchers {}
  }
}
