/**
 * Words for the determinism patterns: what happened and where to look next.
 * @packageDocumentation
 */
import type { DeterminismPattern } from '../../src/determinism/types.js'

/** One line per pattern: the symptom, then the usual suspects. */
export const PATTERN_DESCRIPTIONS: Readonly<Record<DeterminismPattern, string>> = {
  deterministic: 'every run gave the same output',
  'first-run-only': 'run 1 differs and every later run agrees (uninitialized state or lazy setup on first use)',
  alternating: 'two outputs take turns (double buffering gone wrong)',
  'depends-on-previous-input': 'the output follows the input of the run before it (a stale buffer is read)',
  random: 'every run gave a different output (noise: uninitialized memory, a corrupted transfer, a failing device)',
  drift: 'outputs move away from run 1 step by step and never come back (heat, throttling or accumulating state)',
  sporadic: 'one output nearly always, with rare runs that differ (intermittent transfer or timing fault)',
  mixed: 'several outputs with no recognizable pattern',
}

/** `random — every run gave a different output (…)`. */
export function formatPattern(pattern: DeterminismPattern): string {
  return `${pattern} — ${PATTERN_DESCRIPTIONS[pattern]}`
}
