/**
 * Text from files (HEF tensor and network names, notes that quote them) made safe to print on a
 * terminal: control characters would otherwise run as commands (ANSI colour or cursor escapes,
 * BEL, a NUL that cuts the line, C1 CSI) and bidirectional overrides would reorder what is shown.
 * @packageDocumentation
 */

/** C0 and C1 controls, DEL, line / paragraph separators and the bidirectional embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * The text with every terminal control character shown as an escape (`\x1b`, `\x07`, `\x00`,
 * `\u202e`), so a name prints as what it is instead of acting on the terminal. Printable text,
 * including every other Unicode character, is kept as it is.
 *
 * @example
 * ```ts
 * printable('net/\u001b[31mout\u0007') // 'net/\\x1b[31mout\\x07'
 * ```
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0)
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
