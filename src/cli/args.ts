/**
 * Every command's command line goes through {@link parseCommandLine}: node's `util.parseArgs`, strict,
 * with its terse errors turned into {@link CommandLineError}s that name the option and list what the
 * command accepts.
 * @packageDocumentation
 */
import { parseArgs } from 'node:util'
import { UsageError } from '../errors.js'
import { CommandLineError } from './command-line-error.js'
import { didYouMean, invalidParameter } from '../validate.js'
import { errorMessage } from '../error-message.js'

/** One option: `--name <value>` (`string`) or a flag (`boolean`). */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
}

/** What a command accepts besides its options. */
export interface PositionalSpec {
  /** Names in order, for messages: `['model', 'reference']`. The last may repeat when `variadic`. */
  readonly names: readonly string[]
  /** The last name takes one or more values. @defaultValue false */
  readonly variadic?: boolean
}

/** Parsed values: a string for `--name <value>`, true for a flag, absent when not given. */
export type ParsedOptions<O extends Record<string, OptionSpec>> = {
  readonly [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean
}

const HELP: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' } }

/**
 * Parse `args` strictly; throw {@link CommandLineError} for an unknown option, a missing value, a
 * value given twice, or the wrong number of positional arguments.
 * @example
 * ```ts
 * const { values, positionals } = parseCommandLine(args, { runs: { type: 'string' } }, { names: ['model'] })
 * ```
 */
export function parseCommandLine<O extends Record<string, OptionSpec>>(
  args: readonly string[],
  options: O,
  positional: PositionalSpec,
): { values: ParsedOptions<O>; positionals: string[] } {
  const accepted = Object.keys(options)
    .map((k) => `--${k}`)
    .join(', ')
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...options, ...HELP },
      allowPositionals: true,
      strict: true,
      tokens: true,
    })
  } catch (error) {
    throw new CommandLineError(parseErrorMessage(error, accepted, Object.keys(options)))
  }
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue
    if (parsed.tokens!.filter((t) => t.kind === 'option' && t.name === token.name).length > 1) {
      throw new CommandLineError(`--${token.name} is given more than once; give it once.`)
    }
  }
  const { names, variadic = false } = positional
  const got = parsed.positionals
  const expected = `${names.map((n) => `<${n}>`).join(' ')}${variadic ? '…' : ''}`
  if (got.length < names.length || (!variadic && got.length > names.length)) {
    const received =
      got.length === 0
        ? 'no argument'
        : `${got.length === 1 ? '1 argument' : `${got.length} arguments`} (${got.join(' ')})`
    throw new CommandLineError(`expected ${expected} but received ${received}.`)
  }
  return { values: parsed.values as ParsedOptions<O>, positionals: got }
}

function parseErrorMessage(error: unknown, accepted: string, names: readonly string[]): string {
  const code = (error as { code?: string }).code
  const message = errorMessage(error)
  // Node says `'--bogus'`, or `'-o, --out <value>'` for an option with a short form: name the long one.
  const option = /'(?:-\w, )?(-[^' ]+)/.exec(message)?.[1]
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return (
        `unknown option ${option ?? message}; this command accepts ${accepted === '' ? 'no options' : accepted}, and --help.` +
        (option?.startsWith('--') === true ? didYouMean([option.slice(2)], names, (n) => `--${n}`) : '')
      )
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return option === undefined
        ? message
        : `${option} needs a value (${option} <value>); a flag-like value must be written ${option}=<value>.`
    default:
      return message
  }
}

/**
 * An integer option (`--runs 50`), undefined when absent; anything else is a {@link CommandLineError}.
 * @example
 * ```ts
 * const runs = integerOption('--runs', values.runs, 1) ?? 20
 * ```
 */
export function integerOption(name: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined
  const value = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min)
    throw new CommandLineError(invalidParameter(name, `an integer ≥ ${min}`, text).message)
  return value
}

/**
 * One of a fixed set of words (`--format float32|raw`), or undefined when absent.
 * @example
 * ```ts
 * const format = choiceOption('--format', values.format, ['float32', 'raw'] as const)
 * ```
 */
export function choiceOption<T extends string>(
  name: string,
  text: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined
  if (!(choices as readonly string[]).includes(text))
    throw new CommandLineError(invalidParameter(name, choices.map((c) => `"${c}"`).join(' or '), text).message)
  return text as T
}

/**
 * Run `parse`, turning any usage error it throws into a {@link CommandLineError} (so the usage is printed with it).
 * @example
 * ```ts
 * const tolerance = asCommandLine('--tolerance', () => validateTolerance(JSON.parse(text)))
 * ```
 */
export function asCommandLine<T>(name: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    if (error instanceof CommandLineError) throw error
    if (error instanceof UsageError) throw new CommandLineError(`${name}: ${error.message}`)
    throw error
  }
}
