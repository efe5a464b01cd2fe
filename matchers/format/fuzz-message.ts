/**
 * The whole failure message of a fuzz run (`toSurviveFuzzing`): the same hint, Expected / Received,
 * body and footer as the other matchers, the footer ending with the replay token.
 * @packageDocumentation
 */
import type { FuzzResult } from '../../src/fuzz/types.js'
import type { ArtifactsOutcome, deviceFact } from './footer.js'
import { formatFuzzBody, formatFuzzSummary, ranProperties } from './fuzz.js'
import { assembleMessage, type MessageState } from './message.js'
import { formatDuration, plural } from './numbers.js'

/** The matcher's name, as its hint and its `summary.json` say it. */
export const FUZZ_MATCHER = 'toSurviveFuzzing'

/** What a fuzz message says besides the result. */
export interface FuzzMessageFacts {
  readonly result: FuzzResult
  /** Whether the test gave options (the hint then reads `toSurviveFuzzing(options)`). */
  readonly withOptions: boolean
  /** The time budget in force, if any, for the Expected line. */
  readonly timeBudgetMs?: number
  /** What the cases were generated from, for the `Input:` line. */
  readonly generatedFrom: string
  readonly artifacts?: ArtifactsOutcome
  readonly named: ReturnType<typeof deviceFact>
}

/**
 * The message of a fuzz run, `.not` included (read from `state.isNot`).
 * @example
 * ```ts
 * return { pass, message: () => fuzzMessage(this, { result, withOptions: true, generatedFrom: "the model's declared
 * inputs", artifacts, named }) }
 * ```
 */
export function fuzzMessage(state: MessageState, facts: FuzzMessageFacts): string {
  const { result: r, artifacts, named } = facts
  const names = ranProperties(r).map((p) => p.name)
  const listed = names.length === 0 ? 'no property' : names.join(', ')
  const budget = facts.timeBudgetMs === undefined ? '' : ` (or until ${formatDuration(facts.timeBudgetMs)} is spent)`
  return assembleMessage(state, {
    matcher: FUZZ_MATCHER,
    expectedArgument: facts.withOptions ? 'options' : '',
    notSentence: `expected model not to survive fuzzing, but ${formatFuzzSummary(r)}`,
    expected:
      state.isNot === true
        ? `some property to fail within ${plural(r.numRuns, 'case')}: ${listed}`
        : `${listed} to hold over ${plural(r.numRuns, 'case')}${names.length > 1 ? ' each' : ''}${budget}`,
    received: formatFuzzSummary(r),
    failed: !r.passed,
    body: formatFuzzBody(r, `Input: generated from ${facts.generatedFrom}`),
    ...(r.health === undefined ? {} : { health: r.health }),
    footer: {
      seed: r.seed,
      seedDrove: ['the generated cases'],
      ...(r.failure === undefined ? {} : { replay: r.failure.token }),
      ...(artifacts === undefined ? {} : { artifacts }),
      ...named,
    },
  })
}
