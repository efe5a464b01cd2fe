/**
 * The option names `runParity` accepts, listed once: the parity matcher and the stages check take the
 * same options, and each refuses any other key with this list.
 * @packageDocumentation
 */
import type { ParityOptions } from './types.js'

/** Every key of {@link ParityOptions}. */
export const PARITY_OPTION_KEYS = [
  'tolerance',
  'input',
  'inputs',
  'normalization',
  'alls',
  'outputs',
  'seed',
  'signal',
  'image',
] as const satisfies readonly (keyof ParityOptions)[]

// Compile-time: an option added to the type and not listed here would be refused as unknown.
const _everyKeyListed: Record<Exclude<keyof ParityOptions, (typeof PARITY_OPTION_KEYS)[number]>, never> = {}
