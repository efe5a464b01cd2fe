/**
 * The concrete shape of a synthetic input. A declared dynamic dimension has no size to synthesize:
 * it used to become 1, so a `[batch, 3, height, width]` model was checked on one pixel. Now only a
 * leading batch dimension becomes 1; any other dynamic size comes from the `shape` option, or from
 * the input given (interleaved synthetic inputs take its shape), else the check is refused, asking for one.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { formatShape, isDynamicDim } from '../inputs/shape.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'

/** Shape of the synthetic inputs: one shape (single-input model), or one per input name. */
export type SyntheticShape = readonly number[] | Readonly<Record<string, readonly number[]>>

const isPositiveShape = (s: unknown): s is number[] =>
  Array.isArray(s) && s.length > 0 && s.every((d) => Number.isInteger(d) && d >= 1)

/**
 * Check a `shape` option against the model's inputs: positive integer sizes, the declared rank, the
 * declared static sizes. Returns it by input name.
 * @example
 * ```ts
 * validateSyntheticShape([1, 3, 48, 320], model.inputs) // { x: [1, 3, 48, 320] }
 * ```
 */
export function validateSyntheticShape(
  shape: unknown,
  infos: readonly TensorInfo[],
): Readonly<Record<string, readonly number[]>> {
  let byName: Record<string, unknown>
  if (Array.isArray(shape)) {
    if (infos.length !== 1) {
      throw invalidParameter(
        'shape',
        `one shape per input by name, e.g. { ${infos.map((i) => `${i.name}: ${formatShape(i.shape)}`).join(', ')} } (the model has ${infos.length} inputs)`,
        shape,
      )
    }
    byName = { [infos[0]!.name]: shape }
  } else if (shape !== null && typeof shape === 'object') {
    assertKnownKeys(
      'shape',
      shape,
      infos.map((i) => i.name),
    )
    byName = shape as Record<string, unknown>
  } else {
    throw invalidParameter('shape', 'an array of sizes such as [1, 3, 48, 320], or one per input name', shape)
  }
  for (const info of infos) {
    const s = byName[info.name]
    if (s === undefined) continue
    const fits =
      isPositiveShape(s) && s.length === info.shape.length && info.shape.every((d, i) => isDynamicDim(d) || d === s[i])
    if (!fits)
      throw invalidParameter(
        `shape of input "${info.name}"`,
        `sizes ≥ 1 that fit its declared shape ${formatShape(info.shape)}`,
        s,
      )
  }
  return byName as Record<string, readonly number[]>
}

/**
 * `infos` with every dynamic dimension made concrete, for `syntheticInputs`: from `shapes`, else from
 * the given input's tensor of that name, else 1 for a leading batch dimension.
 * @throws {@link InvalidArgumentError} for any other dynamic dimension, asking for an input (and, with
 *   `offerShape`, for the `shape` option).
 * @example
 * ```ts
 * syntheticInputs(syntheticInfos(model.inputs, { shapes: { x: [1, 3, 48, 320] } }), seed)
 * ```
 */
export function syntheticInfos(
  infos: readonly TensorInfo[],
  from: {
    readonly shapes?: Readonly<Record<string, readonly number[]>>
    readonly given?: Readonly<Record<string, Tensor>>
    readonly offerShape?: boolean
  },
): TensorInfo[] {
  return infos.map((info) => {
    const concrete = from.shapes?.[info.name] ?? from.given?.[info.name]?.shape
    if (concrete !== undefined) return { ...info, shape: [...concrete] }
    const dynamic = info.shape.flatMap((d, i) => (isDynamicDim(d) ? [i] : []))
    if (dynamic.length === 0) return info
    if (dynamic.length === 1 && dynamic[0] === 0 && info.shape.length > 1)
      return { ...info, shape: [1, ...info.shape.slice(1)] }
    const example = formatShape(
      info.shape.map((d, i) => (isDynamicDim(d) ? (i === 0 ? 1 : `<${typeof d === 'string' ? d : 'size'}>`) : d)),
    )
    const ask =
      from.offerShape === true
        ? `Give an input (input: 'images/sample.png', a tensor or a .npy), or the shape to synthesize: shape: ${example}.`
        : `Give an input (input: 'images/sample.png', a tensor or a .npy).`
    throw new InvalidArgumentError(
      `Input "${info.name}" is declared ${formatShape(info.shape)}: a synthetic input cannot know the size of its dynamic dimension${dynamic.length > 1 ? 's' : ''} (choosing 1 would test a single pixel). ${ask}`,
    )
  })
}
