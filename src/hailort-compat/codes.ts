/**
 * Reason codes shared by the rules, the words and the refusal error's message.
 * @packageDocumentation
 */
import type { CompatReason } from './verdict.js'

/** Codes of the reasons that describe the pairing rather than a refusal. */
export const PAIRING_CODES: readonly CompatReason['code'][] = [
  'unknown-compiler',
  'hef-newer-than-runtime',
  'unvalidated-pairing',
]
