/**
 * `--max-temperature <°C>` and `--on-event <fail|warn>`: the plugin's `health` option from the shell
 * (see docs/health.md). Read and checked before any device is opened.
 * @packageDocumentation
 */
import type { HealthPolicy } from '../health/policy.js'
import { invalidParameter } from '../validate.js'
import { choiceOption, type ParsedOptions } from './args.js'
import { CommandLineError } from './command-line-error.js'

/** The two options, for a command's option table. */
export const HEALTH_OPTIONS = {
  'max-temperature': { type: 'string' },
  'on-event': { type: 'string' },
} as const

/** Their lines in a command's usage. */
export const HEALTH_HELP = `  --max-temperature <°C>   fail (exit 1, BoardHealthError) when the chip got hotter than this during the
                           check: a number above 0, e.g. 85 (the Hailo-8 is rated to 85 °C)
  --on-event <fail|warn>   a board event during the check (ECC, run-time error, over-current, data-flow
                           shutdown, temperature alarm; not a clock change) fails it, or is only printed
                           on stderr (default fail once either option is given; without either, the
                           board's health is reported, never judged; devices without a board: never)`

const TEMPERATURE = /^\s*\+?(\d+(\.\d*)?|\.\d+)\s*$/

/**
 * The policy the options give, or undefined when neither is given (health reported, not judged).
 * @throws {@link CommandLineError} naming the option and what it accepts.
 * @example
 * ```ts
 * healthOption({ 'max-temperature': '85' }) // { maxTemperatureC: 85, onEvent: 'fail' }
 * ```
 */
export function healthOption(values: ParsedOptions<typeof HEALTH_OPTIONS>): HealthPolicy | undefined {
  const text = values['max-temperature']
  const onEvent = choiceOption('--on-event', values['on-event'], ['fail', 'warn'] as const)
  let maxTemperatureC: number | undefined
  if (text !== undefined) {
    maxTemperatureC = TEMPERATURE.test(text) ? Number(text) : Number.NaN
    if (!(maxTemperatureC > 0) || !Number.isFinite(maxTemperatureC))
      throw new CommandLineError(
        invalidParameter('--max-temperature', 'a temperature in °C above 0, such as 85', text).message,
      )
  }
  if (text === undefined && onEvent === undefined) return undefined
  // As the plugin's option: once health is judged at all, an event fails the check unless told to warn.
  return { ...(maxTemperatureC === undefined ? {} : { maxTemperatureC }), onEvent: onEvent ?? 'fail' }
}
