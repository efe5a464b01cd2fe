/**
 * A named error a check throws quotes names from the model file (its inputs, its outputs), which may hold
 * terminal escapes. Vitest prints an error's message as it is, so the message is made inert first.
 * @packageDocumentation
 */
import { VitestHailoError } from '../src/errors.js'
import { printableText } from '../src/report/printable.js'

/**
 * `error`, with the control characters of its message (and of the stack's copy of it) shown as escapes
 * when it is one of vitest-hailo's own; any other error is left as it is (Vitest's assertion errors carry
 * Vitest's colours).
 * @example
 * ```ts
 * throw withPrintableMessage(error) // UsageError: output "y\x1b[2J" …, never a cleared screen
 * ```
 */
export function withPrintableMessage(error: unknown): unknown {
  if (!(error instanceof VitestHailoError)) return error
  const message = printableText(error.message)
  if (message === error.message) return error
  const head = `${error.name}: ${error.message}`
  if (typeof error.stack === 'string' && error.stack.startsWith(head))
    error.stack = `${error.name}: ${message}${error.stack.slice(head.length)}`
  error.message = message
  return error
}
