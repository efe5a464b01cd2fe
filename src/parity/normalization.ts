/**
 * Checking a `normalization: { mean, std }` option before anything runs.
 * @packageDocumentation
 */
import type { NormalizationSpec } from '../device/types.js'
import { assertKnownKeys, assertNumber, invalidParameter } from '../validate.js'
import { ONE_PER_CHANNEL } from '../device/load-options.js'

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
  if (!Array.isArray(mean) || mean.length === 0) throw invalidParameter('normalization.mean', ONE_PER_CHANNEL, mean)
  if (!Array.isArray(std) || std.length !== mean.length)
    throw invalidParameter('normalization.std', `an array of ${mean.length} numbers (as many as mean)`, std)
  mean.forEach((m, i) => assertNumber(`normalization.mean[${i}]`, m))
  std.forEach((s, i) => {
    assertNumber(`normalization.std[${i}]`, s)
    if (!(s > 0)) throw invalidParameter(`normalization.std[${i}]`, 'a number > 0', s)
  })
}

/**
 * The two sides of a parity check prepared with different normalizations: the model at load, the reference by the
 * check.
 */
export interface NormalizationMismatch {
  /**
   * The `normalization` load option of the model under test (its device applies it); undefined: loaded without
   * one, while the reference input was normalized (the model may normalize inside its graph: a possible mismatch).
   */
  readonly model?: NormalizationSpec
  /** What the check normalized the reference input with (`normalization` / `alls`); undefined: nothing. */
  readonly reference: readonly NormalizationSpec[] | undefined
}

/** Devices whose `normalization` load option is the whole story of the model's own normalization. */
const NORMALIZING_DEVICES: ReadonlySet<string> = new Set(['onnx', 'emulator'])

const sameValues = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length
    ? a.every((v, i) => v === b[i])
    : a.length === 1
      ? b.every((v) => v === a[0])
      : b.length === 1 && a.every((v) => v === b[0])

const sameSpec = (a: NormalizationSpec, b: NormalizationSpec): boolean =>
  sameValues(a.mean, b.mean) && sameValues(a.std, b.std)

/**
 * When the model under test was loaded on a device that normalizes (`onnx`, `emulator`) with a
 * `normalization` other than the one the reference input is prepared with (or none), the two sides saw
 * different inputs: say how. A model loaded without one while the reference was normalized may normalize inside
 * its graph (as a HEF or a raw-pixel ONNX does), out of sight: `{ reference }` only, a possible mismatch.
 * @example
 * ```ts
 * normalizationMismatch('emulator', { mean: [127.5], std: [127.5] }, undefined) // { model: {…}, reference: undefined }
 * ```
 */
export function normalizationMismatch(
  deviceKind: string | undefined,
  loaded: NormalizationSpec | undefined,
  reference: readonly NormalizationSpec[] | undefined,
): NormalizationMismatch | undefined {
  if (deviceKind === undefined || !NORMALIZING_DEVICES.has(deviceKind)) return undefined
  // Loaded without one while the reference was normalized: the model may normalize inside its graph, or not.
  if (loaded === undefined) return reference === undefined || reference.length === 0 ? undefined : { reference }
  if (reference !== undefined && reference.every((r) => sameSpec(loaded, r))) return undefined
  return { model: loaded, reference }
}
