/**
 * Checking a `normalization: { mean, std }` option before anything runs.
 * @packageDocumentation
 */
import type { NormalizationSpec } from '../device/types.js'
import { assertKnownKeys, assertNumber, invalidParameter } from '../validate.js'

/**
 * Throw `InvalidArgumentError` unless `value` is `{ mean: number[], std: number[] }` with as many
 * stds as means (one per channel, or one for all) and every std > 0.
 * @example
 * ```ts
 * checkNormalizationSpec({ mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] })
 * ```
 */
export function checkNormalizationSpec(value: unknown): asserts value is NormalizationSpec {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter('normalization', 'an object { mean: number[], std: number[] } in pixel units', value)
  }
  assertKnownKeys('normalization', value, ['mean', 'std'])
  const { mean, std } = value as { mean?: unknown; std?: unknown }
  if (!Array.isArray(mean) || mean.length === 0) throw invalidParameter('normalization.mean', 'a non-empty array of numbers (one per channel)', mean)
  if (!Array.isArray(std) || std.length !== mean.length) throw invalidParameter('normalization.std', `an array of ${mean.length} numbers (as many as mean)`, std)
  mean.forEach((m, i) => assertNumber(`normalization.mean[${i}]`, m))
  std.forEach((s, i) => {
    assertNumber(`normalization.std[${i}]`, s)
    if (!(s > 0)) throw invalidParameter(`normalization.std[${i}]`, 'a number > 0', s)
  })
}
