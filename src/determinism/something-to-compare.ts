/**
 * A check must compare something. An input of shape `[0, 3, 48, 192]`, an output with no elements or
 * a model declaring no outputs would make every run "identical" and every parity "within tolerance",
 * even on a device that returns noise: both engines refuse them with {@link NothingToCompareError}.
 * @packageDocumentation
 */
import type { InferableModel } from '../device/types.js'
import { NothingToCompareError } from '../errors.js'
import type { Tensor } from '../tensor/types.js'

const shapeText = (shape: readonly unknown[]): string => `[${shape.join(', ')}]`

/**
 * Refuse a model that declares no outputs (checked before any run).
 * @example
 * ```ts
 * assertDeclaresOutputs(model, 'the model') // throws for { outputs: [] }
 * ```
 */
export function assertDeclaresOutputs(model: InferableModel, who: string): void {
  if (model.outputs.length === 0) {
    throw new NothingToCompareError(
      `${who} declares no outputs, so there is nothing to compare and every check would pass. Check that the right model was loaded (an export that dropped its outputs?).`,
    )
  }
  for (const o of model.outputs) {
    if (o.shape.some((d) => d === 0)) {
      throw new NothingToCompareError(
        `Output "${o.name}" of ${who} is declared with shape ${shapeText(o.shape)}: no elements, so there is nothing to compare. Export the model with a non-zero size for every dimension.`,
      )
    }
  }
}

/**
 * Refuse input tensors with no elements (a 0 anywhere in the shape), before they reach the model.
 * @example
 * ```ts
 * assertInputsHaveElements({ x: { data: new Float32Array(0), shape: [0, 4], dtype: 'float32' } }, 'input') // throws
 * ```
 */
export function assertInputsHaveElements(inputs: Readonly<Record<string, Tensor>>, what: string): void {
  for (const [name, t] of Object.entries(inputs)) {
    if (t.data.length === 0) {
      throw new NothingToCompareError(
        `Input "${name}" (${what}) has shape ${shapeText(t.shape)}: no elements, so the model has nothing to run on and every check would pass. Give at least one sample (a batch of 1 or more) and a non-zero size for every dimension.`,
      )
    }
  }
}

/**
 * Refuse outputs that came back with no elements (checked on the first run's outputs).
 * @example
 * ```ts
 * assertOutputsHaveElements(outputs, ['logits'], 'the model') // throws when logits has shape [1, 0]
 * ```
 */
export function assertOutputsHaveElements(
  outputs: Readonly<Record<string, Tensor | undefined>>,
  names: readonly string[],
  who: string,
): void {
  for (const name of names) {
    const t = outputs[name]
    if (t !== undefined && t.data.length === 0) {
      throw new NothingToCompareError(
        `Output "${name}" of ${who} came back with shape ${shapeText(t.shape)}: no elements, so there is nothing to compare and every check would pass. Check the input's shape and the model's dynamic dimensions.`,
      )
    }
  }
}
