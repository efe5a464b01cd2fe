/**
 * `--tolerance '<json>'`: the tolerance object of the matchers, written as JSON on the command line and
 * checked by the same validator, so a typo or a shell-mangled quote is a usage error, never a weaker check.
 * @packageDocumentation
 */
import { TOLERANCE_KEYS, validateTolerance, type Tolerance } from '../compare/tolerance.js'
import { CommandLineError } from './command-line-error.js'
import { asCommandLine } from './args.js'

const EXAMPLE = `'{"top1":true,"cosine":0.99}'`

/**
 * Parse and validate `--tolerance`; undefined when absent.
 * @throws {@link CommandLineError} when the text is not JSON, not an object, or names an unknown key.
 * @example
 * ```ts
 * toleranceOption('{"atol":0.01}') // { atol: 0.01 }
 * ```
 */
export function toleranceOption(text: string | undefined): Tolerance | undefined {
  if (text === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CommandLineError(
      `--tolerance is not valid JSON (${(error as Error).message}): expected an object such as ${EXAMPLE}, in single quotes so the shell keeps the double ones; keys: ${TOLERANCE_KEYS.join(', ')}.`,
    )
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandLineError(
      `--tolerance must be a JSON object such as ${EXAMPLE} but received ${JSON.stringify(value)}; keys: ${TOLERANCE_KEYS.join(', ')}.`,
    )
  }
  return asCommandLine('--tolerance', () => validateTolerance(value))
}
