/**
 * The whole failure message of a determinism check, shared by `toBeDeterministicAcross` and
 * `vitest-hailo check`: the same Expected / Received sentences, body and footer wherever it ran.
 * @packageDocumentation
 */
import type { DeterminismResult } from '../../src/determinism/types.js'
import { formatDeterminismBody, formatDistinctSummary } from './determinism.js'
import { seedDrove, type ArtifactsOutcome, type deviceFact } from './footer.js'
import { assembleMessage, type MessageState } from './message.js'
import { plural } from './numbers.js'
import { overSamples } from './samples.js'

/** The matcher's name, as its hint and its `summary.json` say it. */
export const DETERMINISM_MATCHER = 'toBeDeterministicAcross'

/** What a determinism message says besides the result: where the artifacts went and which device ran. */
export interface DeterminismMessageFacts {
  readonly runs: number
  readonly result: DeterminismResult
  readonly artifacts?: ArtifactsOutcome
  readonly named: ReturnType<typeof deviceFact>
}

/**
 * The message of a determinism check, `.not` included (read from `state.isNot`).
 * @example
 * ```ts
 * return { pass, message: () => determinismMessage(this, { runs: 50, result, artifacts, named }) }
 * ```
 */
export function determinismMessage(
  state: MessageState,
  { runs, result, artifacts, named }: DeterminismMessageFacts,
): string {
  const same = result.mode === 'bytes' ? 'identical output bytes' : 'outputs within the tolerance'
  const over = overSamples(result.samples.length)
  return assembleMessage(state, {
    matcher: DETERMINISM_MATCHER,
    expectedArgument: String(runs),
    notSentence: `expected model not to be deterministic across ${plural(runs, 'run')}, but ${formatDistinctSummary(result)}`,
    expected:
      state.isNot === true
        ? `some of ${plural(runs, 'run')} to differ${over}`
        : `${plural(runs, 'run')} with ${same}${over}`,
    received: formatDistinctSummary(result),
    failed: !result.deterministic,
    body: formatDeterminismBody(result),
    ...(result.health === undefined ? {} : { health: result.health }),
    footer: {
      seed: result.seed,
      seedDrove: seedDrove(result.syntheticInput, result.syntheticInterleaved ? result.interleaved : 0),
      ...(artifacts === undefined ? {} : { artifacts }),
      ...named,
    },
  })
}
