/**
 * The whole failure message of a parity check, shared by `toMatchOnnxWithin` and
 * `vitest-hailo compare`: the same Expected / Received sentences, body and footer wherever it ran.
 * @packageDocumentation
 */
import type { ParityResult } from '../../src/parity/types.js'
import { seedDrove, type ArtifactsOutcome, type deviceFact } from './footer.js'
import { assembleMessage, type MessageState } from './message.js'
import { formatCriteria, formatParityBody, formatParitySummary } from './parity.js'
import { overSamples } from './samples.js'

/** The matcher's name, as its hint and its `summary.json` say it. */
export const PARITY_MATCHER = 'toMatchOnnxWithin'

/** What a parity message says besides the result: where the artifacts went and which device ran. */
export interface ParityMessageFacts {
  readonly result: ParityResult
  readonly artifacts?: ArtifactsOutcome
  readonly named: ReturnType<typeof deviceFact>
}

/**
 * The message of a parity check, `.not` included (read from `state.isNot`).
 * @example
 * ```ts
 * return { pass, message: () => parityMessage(this, { result, artifacts, named }) }
 * ```
 */
export function parityMessage(state: MessageState, { result: r, artifacts, named }: ParityMessageFacts): string {
  const allowed = formatCriteria(r.tolerance)
  const perOutput =
    r.tolerance.perOutput === undefined
      ? ''
      : ` (per-output overrides for ${Object.keys(r.tolerance.perOutput)
          .map((n) => JSON.stringify(n))
          .join(', ')})`
  const over = overSamples(r.samples.length)
  return assembleMessage(state, {
    matcher: PARITY_MATCHER,
    expectedArgument: 'reference',
    notSentence: `expected model not to match ${r.referenceLabel} within the tolerance, but ${formatParitySummary(r)}`,
    expected:
      state.isNot === true
        ? `some output outside: ${allowed}${perOutput}${over}`
        : `every output within: ${allowed}${perOutput}${over}`,
    received: formatParitySummary(r),
    failed: !r.pass,
    body: formatParityBody(r),
    ...(r.health === undefined ? {} : { health: r.health }),
    footer: {
      seed: r.seed,
      seedDrove: seedDrove(r.syntheticInput),
      ...(artifacts === undefined ? {} : { artifacts }),
      ...named,
    },
  })
}
