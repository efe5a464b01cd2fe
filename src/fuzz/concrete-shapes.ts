/**
 * Concrete shapes for the inputs a fuzz case generates: a declared static shape as it is, a dynamic
 * dimension only from what the caller gave (a `shape` constraint, or the shape of a given input) —
 * never silently 1, so a batch bug is not hidden behind a batch of one.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { formatShape, isDynamicDim, isValidShape, shapeFits } from '../inputs/shape.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'

/** Concrete shapes: one shape for a single-input model, or a record by input name. */
export type ShapeConstraint = readonly number[] | Readonly<Record<string, readonly number[]>>

function shapeFor(shape: ShapeConstraint | undefined, info: TensorInfo, count: number): readonly number[] | undefined {
  if (shape === undefined) return undefined
  if (Array.isArray(shape)) return count === 1 ? (shape as readonly number[]) : undefined
  return (shape as Readonly<Record<string, readonly number[]>>)[info.name]
}

function checkShapeNames(api: string, shape: ShapeConstraint, infos: readonly TensorInfo[]): void {
  const names = infos.map((i) => i.name)
  if (Array.isArray(shape)) {
    if (infos.length !== 1) {
      throw new InvalidArgumentError(
        `The shape option of ${api} is one shape, but the model has ${infos.length} inputs (${names.join(', ')}): give a record by input name.`,
      )
    }
    return
  }
  if (typeof shape !== 'object' || shape === null) {
    throw new InvalidArgumentError(
      `Expected a shape (array of positive integers) or a record of shapes by input name for the shape option of ${api}.`,
    )
  }
  for (const key of Object.keys(shape)) {
    if (!names.includes(key))
      throw new InvalidArgumentError(
        `The shape option of ${api} names input "${key}", which the model does not have. Its inputs: ${names.join(', ')}.`,
      )
  }
}

/** Why `given` does not fit `declared`, in a few words. */
function misfit(given: unknown, declared: TensorInfo['shape']): string {
  if (!isValidShape(given)) return 'it is not an array of whole sizes'
  if (given.length !== declared.length) return `it has ${given.length} dimensions, and the input has ${declared.length}`
  const at = declared.findIndex((d, i) => !isDynamicDim(d) && d !== given[i])
  return `its dimension ${at} is ${given[at]}, where the model declares ${String(declared[at])}`
}

/** `[2, 3, <size>, <size>]` for `[batch, 3, h, w]`: a leading batch of 2, other dynamic sizes left to the user. */
function exampleShape(shape: TensorInfo['shape']): string {
  const dims = shape.map((d, i) => (!isDynamicDim(d) ? String(d) : i === 0 && shape.length > 1 ? '2' : '<size>'))
  return `[${dims.join(', ')}]`
}

/**
 * The model's inputs with every dimension concrete. A shape given for an input must fit its declaration.
 * @throws {@link InvalidArgumentError} for a dynamic dimension no shape settles, naming the input and the fix.
 * @example
 * ```ts
 * concreteInfos('inputDescription', model.inputs, { images: [4, 3, 32, 32] })
 * ```
 */
export function concreteInfos(api: string, infos: readonly TensorInfo[], shape?: ShapeConstraint): TensorInfo[] {
  if (shape !== undefined) checkShapeNames(api, shape, infos)
  return infos.map((info) => {
    const given = shapeFor(shape, info, infos.length)
    if (given !== undefined) {
      if (!isValidShape(given) || !shapeFits(given, info.shape)) {
        throw new InvalidArgumentError(
          `Expected a shape fitting ${formatShape(info.shape)} for the shape option of ${api}, input "${info.name}", but received ${JSON.stringify(given)}: ${misfit(given, info.shape)}.`,
        )
      }
      return { ...info, shape: [...given] }
    }
    if (info.shape.some(isDynamicDim)) {
      throw new InvalidArgumentError(
        `Input "${info.name}" has dynamic dimensions (${formatShape(info.shape)}), and ${api} will not guess them (a size of 1 would test a single pixel or row, and a batch of 1 hides batch bugs). ` +
          `Give the shape option with the sizes the model runs at, e.g. { shape: ${exampleShape(info.shape)} }, or an input whose shape settles them.`,
      )
    }
    return info
  })
}

/**
 * The shapes of resolved tensors, as a {@link ShapeConstraint} (by input name).
 * @example
 * ```ts
 * shapesOf(await resolveInputs(model.inputs, 'cat.png')) // { images: [1, 224, 224, 3] }
 * ```
 */
export function shapesOf(tensors: Readonly<Record<string, Tensor>>): Record<string, readonly number[]> {
  return Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, [...t.shape]]))
}
