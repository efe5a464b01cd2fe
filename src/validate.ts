/**
 * One validation helper for every public argument, in sharp's style:
 * "Expected integer ≥ 1 for runs but received 0.5 of type number".
 * @packageDocumentation
 */
import { InvalidArgumentError } from './errors.js'

/** A short, safe description of any received value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string')
    return `${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)} of type string`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${String(value)} of type ${typeof value}`
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name} of length ${(value as unknown as { length?: number }).length ?? value.byteLength}`
  if (Array.isArray(value)) return `array of length ${value.length}`
  if (typeof value === 'function') return 'a function'
  return `object with keys [${Object.keys(value as object)
    .slice(0, 8)
    .join(', ')}]`
}

/**
 * Build the error for an argument outside its domain.
 * @example
 * ```ts
 * if (!Number.isInteger(n) || n < 1) throw invalidParameter('runs', 'an integer ≥ 1', n)
 * ```
 */
export function invalidParameter(name: string, expected: string, actual: unknown): InvalidArgumentError {
  return new InvalidArgumentError(`Expected ${expected} for ${name} but received ${describeValue(actual)}`)
}

/** Throw unless `value` is an integer in `[min, max]`. */
export function assertInteger(name: string, value: unknown, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `between ${min} and ${max}`
    throw invalidParameter(name, `an integer ${range}`, value)
  }
}

/** Throw unless `value` is a finite number in `[min, max]`. */
export function assertNumber(name: string, value: unknown, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? (min === -Infinity ? '' : ` ≥ ${min}`) : ` between ${min} and ${max}`
    throw invalidParameter(name, `a finite number${range}`, value)
  }
}

/**
 * Throw {@link InvalidArgumentError} naming every key of `options` that is not in `known`,
 * so a typo such as `{ tolerence: … }` never silently does nothing.
 */
export function assertKnownKeys(name: string, options: object, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k))
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `Unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in ${name}; expected some of: ${known.join(', ')}`,
    )
  }
}

/**
 * True when `record`'s own enumerable keys (what `Object.keys` lists) are exactly the names of `named`, each
 * holding a value. Checked without allocating, for the per-inference paths (input records, output records);
 * anything else goes to the caller's slower path that names what is unknown or missing.
 * @example
 * ```ts
 * hasExactlyNames(model.inputs, { images: tensor }) // true for a single-input model named "images"
 * ```
 */
export function hasExactlyNames(named: readonly { readonly name: string }[], record: object): boolean {
  const values = record as Readonly<Record<string, unknown>>
  let keys = 0
  for (const key in values) {
    if (!Object.hasOwn(values, key)) continue
    if (!isNamed(named, key) || values[key] === undefined) return false
    keys++
  }
  return keys === named.length
}

function isNamed(named: readonly { readonly name: string }[], name: string): boolean {
  for (const item of named) if (item.name === name) return true
  return false
}
