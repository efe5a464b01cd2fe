/**
 * `--time-budget 60s`: a duration as people write it (`500ms`, `60s`, `2m`, or plain seconds).
 * @packageDocumentation
 */
import { CommandLineError } from './command-line-error.js'

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, '': 1000, m: 60_000, min: 60_000, h: 3_600_000 }

/**
 * Milliseconds of a duration option; undefined when absent.
 * @throws {@link CommandLineError} naming the option and the accepted forms.
 * @example
 * ```ts
 * durationOption('--time-budget', '2m') // 120000
 * ```
 */
export function durationOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|)\s*$/.exec(text)
  const ms = match === null ? Number.NaN : Number(match[1]) * UNITS[match[2]!]!
  if (!(ms > 0) || !Number.isFinite(ms)) {
    throw new CommandLineError(
      `Expected a duration > 0 such as 500ms, 60s, 2m or 1h for ${name} but received ${JSON.stringify(text)}.`,
    )
  }
  return ms
}
