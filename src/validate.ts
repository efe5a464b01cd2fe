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
 * so a typo such as `{ tolerence: … }` never silently does nothing; a near miss gets a suggestion.
 */
export function assertKnownKeys(name: string, options: object, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k))
  if (unknown.length > 0) {
    const hint = didYouMean(unknown, known)
    throw new InvalidArgumentError(
      `Unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in ${name}; expected some of: ${known.join(', ')}${hint === '' ? '' : `.${hint}`}`,
    )
  }
}

/**
 * A sentence suggesting the name each unknown one was probably meant to be, or `''` when none is close:
 * the same letters in another case (`numruns` → `numRuns`), or at most two edits away on a name long enough
 * for that to mean a typo (`cosin` → `cosine`, `resise` → `resize`). A name with two equally close candidates
 * gets no suggestion. `spell` writes a name as the user typed it (a CLI flag: `--` before it).
 * @example
 * ```ts
 * didYouMean(['cosin'], ['atol', 'rtol', 'cosine']) // ' Did you mean "cosine" for "cosin"?'
 * didYouMean(['refrence'], ['reference'], (n) => `--${n}`) // ' Did you mean "--reference" for "--refrence"?'
 * ```
 */
export function didYouMean(
  unknown: readonly string[],
  known: readonly string[],
  spell: (name: string) => string = (name) => name,
): string {
  const pairs = unknown.flatMap((name) => {
    const best = closestName(name, known)
    return best === undefined ? [] : [`"${spell(best)}" for "${spell(name)}"`]
  })
  return pairs.length === 0 ? '' : ` Did you mean ${pairs.join(', ')}?`
}

function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const sameLetters = known.filter((k) => k.toLowerCase() === lower)
  if (sameLetters.length === 1) return sameLetters[0]
  const limit = Math.min(2, Math.floor(name.length / 3))
  let best: string | undefined
  let bestDistance = limit + 1
  let tied = false
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase(), limit)
    if (d < bestDistance) [best, bestDistance, tied] = [candidate, d, false]
    else if (d === bestDistance) tied = true
  }
  return best === undefined || tied ? undefined : best
}

/** Levenshtein distance of `a` and `b` (adjacent swaps count as one edit), or `limit + 1` once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  // Rows of the dynamic-programming table: two rows back (for swaps), the row before, this row.
  let older: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, older[j - 2]! + 1)
      current.push(d)
      rowMin = Math.min(rowMin, d)
    }
    if (rowMin > limit) return limit + 1
    ;[older, previous] = [previous, current]
  }
  return Math.min(previous[b.length]!, limit + 1)
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
