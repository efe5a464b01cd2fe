/**
 * Model fingerprints: a sha256 over the model bytes and the load options, so a report or replay
 * token names exactly what ran (the same file loaded with `format: 'raw'` is a different model).
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { canonicalOptions } from './load-options.js'
import type { LoadOptions } from './types.js'

/**
 * Hex sha256 of `bytes`, a separator, and the canonical JSON of `options`.
 * @example
 * ```ts
 * modelFingerprint(bytes, { format: 'raw' }) // '3f1c…' (64 hex digits)
 * ```
 */
export function modelFingerprint(bytes: Uint8Array, options: LoadOptions): string {
  return createHash('sha256').update(bytes).update('\0load-options\0').update(canonicalOptions(options)).digest('hex')
}
