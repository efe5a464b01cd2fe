/**
 * The option names `runDeterminism` accepts, listed once: the engine refuses any other key, and the
 * matcher refuses the same keys less `runs` (its first argument), so a typo fails with the list.
 * @packageDocumentation
 */
import type { DeterminismOptions } from './types.js'

/** Every key of {@link DeterminismOptions}. */
export const DETERMINISM_OPTION_KEYS = [
  'runs',
  'input',
  'inputs',
  'tolerance',
  'warmup',
  'seed',
  'signal',
  'interleave',
  'maxExemplars',
  'image',
  'shape',
] as const satisfies readonly (keyof DeterminismOptions)[]

// Compile-time: an option added to the type and not listed here would be refused as unknown.
const _everyKeyListed: Record<Exclude<keyof DeterminismOptions, (typeof DETERMINISM_OPTION_KEYS)[number]>, never> = {}
