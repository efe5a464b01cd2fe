/**
 * `--shape`: the concrete sizes of a model's dynamic dimensions, as the engines' `shape` option takes them,
 * so a model exported with dynamic height and width can be checked and fuzzed from the shell without an input.
 * @packageDocumentation
 */
import { formatShape, isDynamicDim } from '../inputs/shape.js'
import type { TensorInfo } from '../tensor/types.js'
import { CommandLineError } from './command-line-error.js'

const FORMS = "1,3,48,192 (the model's one input) or image=1,3,32,32;mask=1,1,32,32 (by input name)"

/**
 * The shape `--shape` gives: one shape, or one per input name; undefined when absent.
 * @example
 * ```ts
 * shapeOption('1,3,48,192') // [1, 3, 48, 192]
 * shapeOption('image=1,3,32,32;mask=1,1,32,32') // { image: [1, 3, 32, 32], mask: [1, 1, 32, 32] }
 * ```
 */
export function shapeOption(
  text: string | undefined,
): readonly number[] | Record<string, readonly number[]> | undefined {
  if (text === undefined) return undefined
  if (!text.includes('=')) return dims(text, text)
  const byName: Record<string, readonly number[]> = {}
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const at = part.indexOf('=')
    const name = part.slice(0, at).trim()
    if (at < 0 || name === '') throw new CommandLineError(`--shape ${JSON.stringify(text)}: expected ${FORMS}.`)
    if (name in byName) throw new CommandLineError(`--shape names input "${name}" twice; give each input once.`)
    byName[name] = dims(part.slice(at + 1), text)
  }
  return byName
}

function dims(part: string, whole: string): number[] {
  const values = part.split(/[,x×]/).map((d) => d.trim())
  if (values.some((d) => !/^\d+$/.test(d) || !(Number(d) >= 1) || !Number.isSafeInteger(Number(d))))
    throw new CommandLineError(
      `--shape ${JSON.stringify(whole)}: every size must be an integer ≥ 1; expected ${FORMS}.`,
    )
  return values.map(Number)
}

/** `2,3,<size>,<size>` for `[?, 3, ?, ?]`: a dynamic leading dimension as `batch`, the others left to the user. */
function exampleDims(info: TensorInfo, batch: number): string {
  const dims = info.shape.map((d, i) =>
    !isDynamicDim(d) ? String(d) : i === 0 && info.shape.length > 1 ? String(batch) : '<size>',
  )
  return dims.join(',')
}

/**
 * Refuse, in the command line's words, a model whose dynamic dimensions neither `--shape` nor `--input` settles:
 * the engines would refuse it too, but naming their `shape` option, which a shell has no way to give.
 * `batch` is the leading size the example suggests (the engine's own choice: 1 for `check`, 2 for `fuzz`).
 * @throws {@link CommandLineError} naming the input, its declared shape and the `--shape` to give.
 * @example
 * ```ts
 * assertSizesGiven(model.inputs, { shape: shapeOption(values.shape), input: values.input }, 2)
 * ```
 */
export function assertSizesGiven(
  inputs: readonly TensorInfo[],
  given: { readonly shape: ReturnType<typeof shapeOption>; readonly input: string | undefined },
  batch: number,
): void {
  if (given.input !== undefined || Array.isArray(given.shape)) return
  const named = given.shape as Readonly<Record<string, readonly number[]>> | undefined
  const unsettled = inputs.filter((i) => i.shape.some(isDynamicDim) && named?.[i.name] === undefined)
  if (unsettled.length === 0) return
  const first = unsettled[0]!
  const example =
    inputs.length === 1
      ? exampleDims(first, batch)
      : `'${inputs
          .filter((i) => i.shape.some(isDynamicDim))
          .map((i) => `${i.name}=${exampleDims(i, batch)}`)
          .join(';')}'`
  throw new CommandLineError(
    `input "${first.name}" is declared ${formatShape(first.shape)}, and its dynamic sizes cannot be guessed (1 would test a single pixel or row). ` +
      `Give the sizes the model runs at with --shape, e.g. --shape ${example}, or an --input whose shape settles them.`,
  )
}
