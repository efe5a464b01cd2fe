/**
 * The words of anything thrown, for messages that quote a cause: JavaScript lets code throw any value,
 * so every `catch` that reports what went wrong needs the same one-line answer.
 * @packageDocumentation
 */

/**
 * `error.message` for an `Error`, else the thrown value as a string.
 * @example
 * ```ts
 * errorMessage(new Error('no such file')) // 'no such file'
 * errorMessage('stopped') // 'stopped'
 * ```
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
