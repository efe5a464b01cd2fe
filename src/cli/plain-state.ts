/**
 * The CLI's stand-in for Vitest's matcher state: the matchers' messages (`matchers/format/`) are
 * assembled with it, so the shell reads the words a test would, in plain text and without loading Vitest.
 * @packageDocumentation
 */
import type { MessageState } from '../../matchers/format/message.js'

/**
 * A {@link MessageState} whose hint is the assertion a test would write (`expect(model).toBeDeterministicAcross(50)`)
 * and whose Expected / Received are the plain sentences, unquoted and uncoloured.
 * @example
 * ```ts
 * determinismMessage(PLAIN_STATE, { runs: 50, result, named: {} })
 * ```
 */
export const PLAIN_STATE: MessageState = {
  isNot: false,
  utils: {
    matcherHint: (matcher, received = 'received', expected = '', options = {}) =>
      `expect(${received})${options.isNot === true ? '.not' : ''}${matcher}(${expected})`,
    printExpected: (value) => String(value),
    printReceived: (value) => String(value),
  },
}
