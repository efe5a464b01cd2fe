/**
 * Seeds: every random thing in vitest-hailo is seeded, and the seed is printed in every failure,
 * so a failure can be replayed from its message alone.
 * @packageDocumentation
 */
import { invalidParameter } from '../validate.js'

/** Environment variable that fixes the seed of a whole run (`VITEST_HAILO_SEED=1234 npx vitest`). */
export const SEED_ENV = 'VITEST_HAILO_SEED'

/**
 * The seed to use: the explicit one, else `VITEST_HAILO_SEED`, else a fresh random 32-bit seed.
 *
 * @example
 * ```ts
 * const seed = resolveSeed(options.seed) // print it in every failure
 * ```
 */
export function resolveSeed(explicit?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (explicit !== undefined) {
    if (!Number.isInteger(explicit) || explicit < 0 || explicit > 0xffffffff) {
      throw invalidParameter('seed', 'an integer between 0 and 4294967295', explicit)
    }
    return explicit
  }
  const fromEnv = env[SEED_ENV]
  if (fromEnv !== undefined && fromEnv !== '') {
    const n = Number(fromEnv)
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw invalidParameter(SEED_ENV, 'an integer between 0 and 4294967295', fromEnv)
    }
    return n
  }
  return Math.floor(Math.random() * 0x100000000) >>> 0
}
