/**
 * The one check every entry point makes before touching a model: it must have `inputs`, `outputs`
 * and `infer`, so users can wrap their own runtime and a wrong argument fails with words, not with
 * "cannot read properties of undefined".
 * @packageDocumentation
 */
import type { InferableModel } from './types.js'
import { InvalidArgumentError } from '../errors.js'
import { describeValue } from '../validate.js'

/**
 * Throw {@link InvalidArgumentError} unless `value` looks like an {@link InferableModel}.
 * @example
 * ```ts
 * assertInferableModel(hef) // ok for a LoadedModel or any { inputs, outputs, infer }
 * ```
 */
export function assertInferableModel(value: unknown, name = 'model'): asserts value is InferableModel {
  if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') {
    throw new InvalidArgumentError(`Expected a model for ${name} but received a Promise; await device.load(...) first.`)
  }
  const missing: string[] = []
  if (value === null || typeof value !== 'object') {
    missing.push('inputs', 'outputs', 'infer')
  } else {
    const v = value as Partial<Record<'inputs' | 'outputs' | 'infer', unknown>>
    if (!Array.isArray(v.inputs)) missing.push('inputs (an array of TensorInfo)')
    if (!Array.isArray(v.outputs)) missing.push('outputs (an array of TensorInfo)')
    if (typeof v.infer !== 'function') missing.push('infer() (a function)')
  }
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `Expected a model for ${name} (a LoadedModel from device.load(), or any object with inputs, outputs and infer) ` +
        `but received ${describeValue(value)}, which lacks ${missing.join(', ')}. ` +
        `Did you forget to await device.load(...)?`,
    )
  }
}
