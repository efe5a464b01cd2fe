/**
 * Text as one word of a POSIX shell line, for the commands the CLI prints for a user to paste.
 * @packageDocumentation
 */

/**
 * `text` as one shell word: as it is when it holds no character a shell treats specially, else single-quoted.
 * @example
 * ```ts
 * shellWord('models/ocr.onnx') // 'models/ocr.onnx'
 * shellWord('{"steps":1}') // `'{"steps":1}'`
 * ```
 */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`
}
