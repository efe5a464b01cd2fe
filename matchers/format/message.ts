/**
 * The one shape of every failure message (Vitest's own): the hint, `Expected` / `Received`, the likely
 * cause when there is one, the matcher's body, then the footer. Each matcher fills the parts; the
 * order and spacing live here only, so the two matchers cannot drift apart.
 * @packageDocumentation
 */
import type { CompatVerdict } from '../../src/hailort-compat/verdict.js'
import type { BoardHealth } from '../../src/health/types.js'
import { boardSuspectLead, formatBoardLine } from '../../src/health/format.js'
import { printableText } from '../../src/report/printable.js'
import { formatLikelyCause } from './compatibility.js'
import { formatFooter, type FooterFacts } from './footer.js'

/**
 * The part of Vitest's `MatcherState` a message reads. Vitest's own state fits it; the CLI passes a
 * plain-text one, so the same words reach the shell without loading Vitest.
 */
export interface MessageState {
  readonly isNot?: boolean
  readonly promise?: string
  readonly utils: {
    matcherHint(
      matcherName: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string
    printExpected(value: unknown): string
    printReceived(value: unknown): string
  }
}

/** What a matcher says in its failure message. */
export interface MessageParts {
  /** The matcher's name, e.g. `toBeDeterministicAcross`. */
  readonly matcher: string
  /** How the hint names the expected argument: `'reference'`, `'50'`. */
  readonly expectedArgument: string
  /** Under `.not`: the plain sentence that opens the message. */
  readonly notSentence: string
  readonly expected: string
  readonly received: string
  /** Whether the check failed (the likely cause is said only then). */
  readonly failed: boolean
  readonly body: string
  readonly footer: FooterFacts
  /** The board's health over the check (chip devices only): its line ends the body; a suspect event comes first. */
  readonly health?: BoardHealth
}

/**
 * Assemble a failure message from its parts.
 * @example
 * ```ts
 * return { pass, message: () => assembleMessage(this, { matcher: 'toMatchOnnxWithin', expectedArgument: 'reference', …
 * }) }
 * ```
 */
export function assembleMessage(state: MessageState, parts: MessageParts): string {
  const { utils, promise } = state
  const isNot = state.isNot === true
  const compatibility: CompatVerdict | undefined = parts.footer.compatibility
  // A HEF on the chip with a pairing Hailo did not validate: the first thing to rule out, so it comes first.
  const likely = parts.failed && compatibility !== undefined ? formatLikelyCause(compatibility) : undefined
  // The board itself reported an event that can change values: said before anything about the model.
  const board = parts.failed ? boardSuspectLead(parts.health) : undefined
  // Our words quote names from the model file, which may hold terminal escapes: shown escaped, before Vitest
  // adds its own colours to the hint and the Expected / Received values.
  const body = printableText(
    [
      ...(board === undefined ? [] : [board, '']),
      ...(likely === undefined ? [] : [likely, '']),
      parts.body,
      ...(parts.health === undefined ? [] : [formatBoardLine(parts.health)]),
      '',
      formatFooter(parts.footer),
    ].join('\n'),
  )
  return [
    utils.matcherHint(`.${parts.matcher}`, 'model', parts.expectedArgument, { isNot, promise }),
    '',
    // Vitest's shape is hint, Expected, Received; `.not` gets one plain sentence first, as it reads oddly otherwise.
    ...(isNot ? [printableText(parts.notSentence), ''] : []),
    `Expected: ${utils.printExpected(printableText(parts.expected))}`,
    `Received: ${utils.printReceived(printableText(parts.received))}`,
    '',
    body,
  ].join('\n')
}
