/**
 * Text from files (HEF tensor and network names, notes that quote them) made safe to print on a
 * terminal: control characters would otherwise run as commands (ANSI colour or cursor escapes,
 * BEL, a NUL that cuts the line, C1 CSI) and bidirectional overrides would reorder what is shown.
 * @packageDocumentation
 */

/** C0 and C1 controls, DEL, line / paragraph separators and the bidirectional embeddings, overrides and isolates. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** {@link UNPRINTABLE} but for the line feed and the tab, which lay out a message of several lines. */
const UNPRINTABLE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** One control character as the escape a reader can type back: `\x1b`, `\u202e`. */
function escaped(c: string): string {
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

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
  return text.replace(UNPRINTABLE, escaped)
}

/**
 * {@link printable} for a message of several lines that quotes names from files (a failure message, an
 * error): its line feeds and tabs stay, every other control character is shown as an escape.
 *
 * @example
 * ```ts
 * printableText('output "y\u001b[2J"\ndiffers') // 'output "y\\x1b[2J"\ndiffers'
 * ```
 */
export function printableText(text: string): string {
  return text.replace(UNPRINTABLE_IN_TEXT, escaped)
}
