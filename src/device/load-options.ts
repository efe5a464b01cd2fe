/**
 * Validation of `device.load` options, shared by every backend: keys that `LoadOptions` does not
 * have are refused (a typo must never silently do nothing), and values are checked whichever
 * backend honours them, so a test behaves the same when `VITEST_HAILO_DEVICE` switches devices.
 * @packageDocumentation
 */
import type { LoadOptions, NormalizationSpec } from './types.js'
import type { QuantParams } from '../tensor/types.js'
import { assertInteger, assertKnownKeys, assertNumber, invalidParameter } from '../validate.js'

/** Every key {@link LoadOptions} may hold; anything else is refused. */
export const LOAD_OPTION_KEYS = [
  'format',
  'networkGroup',
  'batchSize',
  'timeoutMs',
  'threads',
  'inputQuant',
  'outputQuant',
  'normalization',
  'calibrationSeed',
] as const satisfies readonly (keyof LoadOptions)[]

/** What `normalization.mean` must be: one value applies to every channel, but it is still an array. */
export const ONE_PER_CHANNEL =
  'an array of numbers, one per channel, or one for every channel (e.g. mean: [127.5], std: [127.5])'

/** Most intra-op threads accepted: more is never useful and usually a unit mistake. */
const MAX_THREADS = 256

function validateQuantParams(name: string, value: unknown): asserts value is QuantParams {
  if (typeof value !== 'object' || value === null) throw invalidParameter(name, 'an object { scale, zeroPoint }', value)
  assertKnownKeys(name, value, ['scale', 'zeroPoint', 'min', 'max'])
  const q = value as Record<string, unknown>
  assertNumber(`${name}.scale`, q.scale, Number.MIN_VALUE)
  assertNumber(`${name}.zeroPoint`, q.zeroPoint)
  if (q.min !== undefined) assertNumber(`${name}.min`, q.min)
  if (q.max !== undefined) assertNumber(`${name}.max`, q.max)
  if (q.min !== undefined && q.max !== undefined && (q.min as number) > (q.max as number)) {
    throw invalidParameter(`${name}.max`, `a number ≥ ${name}.min (${String(q.min)})`, q.max)
  }
}

function validateQuantRecord(name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter(name, 'a record of { scale, zeroPoint } by tensor name', value)
  }
  for (const [key, q] of Object.entries(value)) validateQuantParams(`${name}.${key}`, q)
}

function validateNormalization(value: unknown): asserts value is NormalizationSpec {
  if (typeof value !== 'object' || value === null)
    throw invalidParameter('normalization', 'an object { mean: number[], std: number[] }', value)
  assertKnownKeys('normalization', value, ['mean', 'std'])
  const { mean, std } = value as { mean?: unknown; std?: unknown }
  if (!Array.isArray(mean) || mean.length === 0) throw invalidParameter('normalization.mean', ONE_PER_CHANNEL, mean)
  if (!Array.isArray(std) || std.length !== mean.length) {
    throw invalidParameter('normalization.std', `an array of ${mean.length} numbers (as many as mean)`, std)
  }
  mean.forEach((m, i) => assertNumber(`normalization.mean[${i}]`, m))
  std.forEach((s, i) => assertNumber(`normalization.std[${i}]`, s, Number.MIN_VALUE))
}

/**
 * Check `options` for `device.load`: unknown keys and values out of their domain throw
 * `InvalidArgumentError` naming the option. Keys a backend does not use are accepted and ignored
 * by it (each backend documents what it honours).
 * @example
 * ```ts
 * validateLoadOptions({ threads: 1, format: 'raw' })
 * ```
 */
export function validateLoadOptions(options: unknown): asserts options is LoadOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidParameter('load options', 'an object such as { format: "float32" }', options)
  }
  assertKnownKeys('load options', options, LOAD_OPTION_KEYS)
  const o = options as Record<string, unknown>
  if (o.format !== undefined && o.format !== 'float32' && o.format !== 'raw')
    throw invalidParameter('format', "'float32' or 'raw'", o.format)
  if (o.networkGroup !== undefined && (typeof o.networkGroup !== 'string' || o.networkGroup === '')) {
    throw invalidParameter('networkGroup', 'a network group name', o.networkGroup)
  }
  if (o.batchSize !== undefined) assertInteger('batchSize', o.batchSize, 1, 1024)
  if (o.timeoutMs !== undefined) assertNumber('timeoutMs', o.timeoutMs, 1)
  if (o.threads !== undefined) assertInteger('threads', o.threads, 1, MAX_THREADS)
  if (o.inputQuant !== undefined) validateQuantRecord('inputQuant', o.inputQuant)
  if (o.outputQuant !== undefined) validateQuantRecord('outputQuant', o.outputQuant)
  if (o.normalization !== undefined) validateNormalization(o.normalization)
  if (o.calibrationSeed !== undefined) assertInteger('calibrationSeed', o.calibrationSeed, 0, 0xffffffff)
}

/**
 * The options as a canonical string (keys sorted at every depth, `undefined` dropped), so the same
 * options always hash the same in a model's fingerprint.
 */
export function canonicalOptions(options: LoadOptions): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort)
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      )
    }
    return v
  }
  return JSON.stringify(sort(options))
}
