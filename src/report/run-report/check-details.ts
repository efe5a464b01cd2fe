/**
 * The engine-specific part of a check record: what each engine's result contributes to report.json
 * (inputs with their output digests, timings, the plot data). Data only; the words come from the
 * matchers (the summary line) and the page.
 * @packageDocumentation
 */
import type { CheckKind, CheckRecord } from './types.js'

/** What a result contributes to its {@link CheckRecord}, before the matcher adds the call's facts. */
export type CheckDetails = Pick<
  CheckRecord,
  'kind' | 'inputs' | 'timing' | 'determinism' | 'parity' | 'fuzz' | 'stages' | 'health'
> & {
  readonly kind: CheckKind
  /** The model's reference, for parity (and the stages compared, for stages). */
  readonly reference?: string
  readonly seed?: number
}
