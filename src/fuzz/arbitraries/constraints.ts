/**
 * Validation shared by the arbitraries: a constraints object is checked once, when the arbitrary is
 * built, and every error names the arbitrary and the key, as fast-check's own do.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../../errors.js'
import { assertKnownKeys, describeValue } from '../../validate.js'

/**
 * Check `constraints` is an object (or undefined) with only `keys`; return it (or `{}`).
 * @example
 * ```ts
 * const c = checkConstraints('inputDescription', constraints, ['kinds', 'range', 'shape'])
 * ```
 */
export function checkConstraints<T extends object>(
  api: string,
  constraints: T | undefined,
  keys: readonly string[],
): T {
  if (constraints === undefined) return {} as T
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) {
    throw new InvalidArgumentError(
      `Expected a constraints object for ${api} but received ${describeValue(constraints)}. Its keys: ${keys.join(', ')}.`,
    )
  }
  assertKnownKeys(`${api} constraints`, constraints, keys)
  return constraints
}

/**
 * Throw unless `value` is an integer in `[min, max]`, naming `api` and `key`.
 * @example
 * ```ts
 * integerConstraint('frameSchedule', 'maxLength', 8, 1, 1000)
 * ```
 */
export function integerConstraint(api: string, key: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `Expected an integer between ${min} and ${max} for ${api} constraint ${key} but received ${describeValue(value)}.`,
    )
  }
  return value
}

/**
 * Throw unless `value` is a finite number in `[min, max]`, naming `api` and `key`.
 * @example
 * ```ts
 * numberConstraint('perturbation', 'maxContrast', 0.2, 0, 1)
 * ```
 */
export function numberConstraint(api: string, key: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `Expected a finite number between ${min} and ${max} for ${api} constraint ${key} but received ${describeValue(value)}.`,
    )
  }
  return value
}

/**
 * Throw unless `value` is a pair `[min, max]` of finite numbers with `min ≤ max` inside `[lo, hi]`.
 * @example
 * ```ts
 * rangeConstraint('inputDescription', 'range', [0, 255], 0, 255)
 * ```
 */
export function rangeConstraint(api: string, key: string, value: unknown, lo: number, hi: number): [number, number] {
  const ok =
    Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v))
  if (!ok || value[0] > value[1] || value[0] < lo || value[1] > hi) {
    throw new InvalidArgumentError(
      `Expected a pair [min, max] of finite numbers with min ≤ max within [${lo}, ${hi}] for ${api} constraint ${key} but received ${Array.isArray(value) ? JSON.stringify(value) : describeValue(value)}.`,
    )
  }
  return [value[0], value[1]]
}
