/**
 * Checking {@link FuzzOptions} before any inference, and filling in the defaults: every mistake is a
 * named `UsageError` that says what is accepted.
 * @packageDocumentation
 */
import { validateTolerance } from '../compare/tolerance.js'
import { validateImageOptions } from '../inputs/image.js'
import { UnknownNameError, InvalidArgumentError } from '../errors.js'
import { checkNormalizationSpec } from '../parity/normalization.js'
import { resolveSeed } from '../random/seed.js'
import { assertKnownKeys, describeValue, didYouMean, invalidParameter } from '../validate.js'
import { decodeToken, type ReplayToken } from './token.js'
import { PROPERTY_NAMES, type FuzzOptions, type FuzzPropertyName } from './types.js'

/** Generated cases per property when `numRuns` is not given. */
export const DEFAULT_NUM_RUNS = 50

/** Every key {@link FuzzOptions} may have. */
export const FUZZ_OPTION_KEYS = [
  'properties',
  'numRuns',
  'timeBudgetMs',
  'seed',
  'replay',
  'input',
  'inputs',
  'shape',
  'reference',
  'tolerance',
  'normalization',
  'image',
  'signal',
  'runs',
  'loadVariant',
] as const

/** Options with defaults filled in and the token decoded. */
export interface CheckedFuzzOptions extends Omit<FuzzOptions, 'replay' | 'numRuns' | 'seed'> {
  readonly numRuns: number
  readonly seed: number
  readonly replay?: ReplayToken
  /** The names the caller asked for, or undefined for "every one that applies". */
  readonly requested?: readonly FuzzPropertyName[]
}

function checkProperties(value: unknown): readonly FuzzPropertyName[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidParameter('properties', `a non-empty array of property names (${PROPERTY_NAMES.join(', ')})`, value)
  }
  for (const name of value) {
    if (!(PROPERTY_NAMES as readonly unknown[]).includes(name)) {
      throw new UnknownNameError(
        'E_UNKNOWN_PROPERTY',
        `Unknown fuzz property ${JSON.stringify(name)}. The properties are: ${PROPERTY_NAMES.join(', ')}.` +
          (typeof name === 'string' ? didYouMean([name], PROPERTY_NAMES) : ''),
      )
    }
  }
  return PROPERTY_NAMES.filter((n) => value.includes(n))
}

/**
 * Check `options` and fill in defaults.
 * @throws {@link InvalidArgumentError} / {@link UnknownNameError} naming the option, and what it accepts.
 * @example
 * ```ts
 * checkFuzzOptions({ numRuns: 20 }) // { numRuns: 20, seed: <fresh>, … }
 * ```
 */
export function checkFuzzOptions(options: FuzzOptions = {}): CheckedFuzzOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidParameter('fuzz options', 'an object such as { numRuns: 50 }', options)
  }
  assertKnownKeys('fuzz options', options, FUZZ_OPTION_KEYS)
  const o = options
  const requested = o.properties === undefined ? undefined : checkProperties(o.properties)
  const numRuns = o.numRuns ?? DEFAULT_NUM_RUNS
  if (typeof numRuns !== 'number' || !Number.isInteger(numRuns) || numRuns < 1)
    throw invalidParameter('numRuns', 'an integer ≥ 1', numRuns)
  if (
    o.timeBudgetMs !== undefined &&
    (typeof o.timeBudgetMs !== 'number' || !(o.timeBudgetMs > 0) || !Number.isFinite(o.timeBudgetMs))
  ) {
    throw invalidParameter('timeBudgetMs', 'a finite number of milliseconds > 0', o.timeBudgetMs)
  }
  if (o.runs !== undefined && (typeof o.runs !== 'number' || !Number.isInteger(o.runs) || o.runs < 2))
    throw invalidParameter('runs', 'an integer ≥ 2', o.runs)
  if (o.loadVariant !== undefined && typeof o.loadVariant !== 'function')
    throw invalidParameter('loadVariant', 'a function (format) => Promise<LoadedModel>', o.loadVariant)
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal))
    throw invalidParameter('signal', 'an AbortSignal', o.signal)
  if (o.tolerance !== undefined) validateTolerance(o.tolerance)
  if (o.normalization !== undefined) checkNormalizationSpec(o.normalization)
  if (o.image !== undefined) validateImageOptions(o.image, 'fuzz option image')
  if (o.input !== undefined && o.inputs !== undefined) {
    throw new InvalidArgumentError('Give either input (one base input) or inputs (several), not both.')
  }
  if (o.replay !== undefined && typeof o.replay !== 'string')
    throw invalidParameter('replay', 'a replay token (string)', o.replay)
  const replay = o.replay === undefined || o.replay === '' ? undefined : decodeToken(o.replay)
  if (replay !== undefined && requested !== undefined && !requested.includes(replay.property)) {
    throw new InvalidArgumentError(
      `The replay token is for the property ${replay.property}, which properties (${requested.join(', ')}) leaves out. Add it, or drop the token. Received properties ${describeValue(o.properties)}.`,
    )
  }
  const { properties: _p, numRuns: _n, seed: _s, replay: _r, ...rest } = o
  return {
    ...rest,
    numRuns,
    // fast-check (and so the token) gives a seed ≥ 2³¹ as a negative int32; fast-check reads both alike, people do not.
    seed: replay === undefined ? resolveSeed(o.seed) : replay.seed >>> 0,
    ...(replay === undefined ? {} : { replay }),
    ...(requested === undefined ? {} : { requested }),
  }
}
