/**
 * `inputDescription`: seeded synthetic inputs for a model, generated and shrunk as descriptions
 * (seed, kind, range, value — a few numbers), never as the megabytes they expand to.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import {
  INPUT_KINDS,
  syntheticInputs,
  syntheticInputsInto,
  type InputDescription,
  type InputKind,
} from '../../inputs/synthetic.js'
import type { BufferSource } from '../../inputs/scratch-buffers.js'
import { InvalidArgumentError } from '../../errors.js'
import type { InferableModel } from '../../device/types.js'
import type { Tensor, TensorInfo } from '../../tensor/types.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { checkConstraints, rangeConstraint } from './constraints.js'
import { defaultRange } from '../../inputs/synthetic.js'
import { rememberResolved } from '../../inputs/resolved.js'

/** A generated input: an {@link InputDescription} plus the concrete shape of every input. Plain JSON. */
export interface GeneratedInput extends InputDescription {
  /** Concrete shape of every input, by name (dynamic dimensions settled). */
  readonly shapes: Readonly<Record<string, readonly number[]>>
}

/** Constraints of {@link inputDescription}. */
export interface InputDescriptionConstraints {
  /** The kinds of content to generate. @defaultValue every kind (`INPUT_KINDS`) */
  readonly kinds?: readonly InputKind[]
  /**
   * Bounds of the generated value ranges, in the inputs' own units. Generated ranges (and constant values)
   * stay inside it. @defaultValue the inputs' default range (`defaultRange`) when all inputs share one; otherwise
   * ranges are not generated and each input gets its own default
   */
  readonly range?: readonly [number, number]
  /** Concrete shapes for inputs with dynamic dimensions. @defaultValue none: a dynamic dimension is an error */
  readonly shape?: ShapeConstraint
}

const KEYS = ['kinds', 'range', 'shape'] as const
const API = 'inputDescription'

function checkRangeFits(infos: readonly TensorInfo[], range: readonly [number, number]): void {
  for (const info of infos) {
    try {
      syntheticInputs([{ ...info, shape: [1] }], { seed: 0, kind: 'constant', range, value: range[0] })
    } catch (error) {
      throw new InvalidArgumentError(
        `${API} constraint range [${range[0]}, ${range[1]}] does not fit input "${info.name}" (${info.dtype}): ${(error as Error).message}`,
      )
    }
  }
}

function sharedRange(infos: readonly TensorInfo[]): [number, number] | undefined {
  const ranges = infos.map(defaultRange)
  const [first] = ranges
  return first !== undefined && ranges.every((r) => r[0] === first[0] && r[1] === first[1]) ? first : undefined
}

function rangeArbitrary(bounds: readonly [number, number], integer: boolean): fc.Arbitrary<[number, number]> {
  const [min, max] = bounds
  const value = integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  return fc.tuple(value, value).map(([a, b]) => (a <= b ? [a, b] : [b, a]))
}

/**
 * The arbitrary behind {@link inputDescription}, over inputs whose shapes are already concrete.
 * @example
 * ```ts
 * descriptionArbitrary(concreteInfos('x', model.inputs), {})
 * ```
 */
export function descriptionArbitrary(
  infos: readonly TensorInfo[],
  constraints: Omit<InputDescriptionConstraints, 'shape'>,
): fc.Arbitrary<GeneratedInput> {
  const kinds = constraints.kinds ?? INPUT_KINDS
  if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => INPUT_KINDS.includes(k))) {
    throw new InvalidArgumentError(
      `Expected a non-empty array of ${INPUT_KINDS.join(', ')} for ${API} constraint kinds but received ${JSON.stringify(kinds)}.`,
    )
  }
  const given =
    constraints.range === undefined
      ? undefined
      : rangeConstraint(API, 'range', constraints.range, -Number.MAX_VALUE, Number.MAX_VALUE)
  if (given !== undefined) checkRangeFits(infos, given)
  const bounds = given ?? sharedRange(infos)
  // One range for every input: integer when any input is integer, so it fits them all.
  const integer = infos.some((i) => i.dtype !== 'float32' && i.dtype !== 'float64')
  const shapes = Object.fromEntries(infos.map((i) => [i.name, i.shape as readonly number[]]))
  // `constant` first: fast-check shrinks a constantFrom toward its first value, and an omitted range
  // toward the middle of the default one — so failures shrink toward a constant mid-range input.
  const ordered = [...kinds].sort((a, b) => Number(b === 'constant') - Number(a === 'constant'))
  const range =
    bounds === undefined ? fc.constant(undefined) : fc.option(rangeArbitrary(bounds, integer), { nil: undefined })
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      kind: fc.constantFrom(...ordered),
      range,
      at: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    })
    .map(({ seed, kind, range: generated, at }) => {
      // quant-edges needs a range wide enough to hold a half step: it keeps the (wide) default one.
      const r = kind === 'quant-edges' ? given : (generated ?? given)
      const out: { seed: number; kind: InputKind; range?: [number, number]; value?: number; shapes: typeof shapes } = {
        seed,
        kind,
        shapes,
      }
      if (r !== undefined) out.range = [r[0], r[1]]
      if (kind === 'constant' && at !== undefined && r !== undefined) out.value = constantIn(r, at, integer)
      return out
    })
}

function constantIn(range: readonly [number, number], at: number, integer: boolean): number {
  const v = range[0] + (range[1] - range[0]) * at
  return integer ? Math.min(range[1], Math.max(range[0], Math.round(v))) : v
}

/**
 * Synthetic inputs for `model`: seed, kind (uniform, constant, gradient, checker, saturated, quant-edges),
 * range and value, shrinking toward a constant mid-range input. Shapes, dtypes and quantization come from
 * the model's declared inputs; dynamic dimensions from `constraints.shape`. Expand a value with {@link materialize}.
 * @throws {@link InvalidArgumentError} for unknown constraint keys, an impossible range, or an unsettled dynamic
 * dimension.
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(inputDescription(model), async (d) => {
 *   const out = await model.infer(materialize(model.inputs, d))
 *   expect(Object.keys(out)).toEqual(model.outputs.map((o) => o.name))
 * }), { numRuns: 20 })
 * ```
 */
export function inputDescription(
  model: Pick<InferableModel, 'inputs'>,
  constraints?: InputDescriptionConstraints,
): fc.Arbitrary<GeneratedInput> {
  const c = checkConstraints(API, constraints, KEYS)
  return descriptionArbitrary(concreteInfos(API, model.inputs, c.shape), c)
}

/**
 * The tensors a generated input describes, one per declared input, in the generated shapes.
 * @example
 * ```ts
 * const tensors = materialize(model.inputs, { seed: 1, kind: 'constant', shapes: { x: [1, 4] } })
 * ```
 */
export function materialize(infos: readonly TensorInfo[], input: GeneratedInput): Record<string, Tensor> {
  return materializeInto(infos, input, undefined)
}

/**
 * {@link materialize} into buffers taken from `scratch` (a case's lease: a passed case's buffers again). Internal.
 * @example
 * ```ts
 * const tensors = materializeInto(model.inputs, input, pool.lease())
 * ```
 */
export function materializeInto(
  infos: readonly TensorInfo[],
  input: GeneratedInput,
  scratch: BufferSource | undefined,
): Record<string, Tensor> {
  const { shapes, ...description } = input
  const concrete = infos.map((info) =>
    shapes[info.name] === undefined ? info : { ...info, shape: shapes[info.name]! },
  )
  return syntheticInputsInto(concrete, description, scratch)
}

/**
 * A test of whether `descriptionArbitrary(infos, {})` can have drawn an input: every shape is its input's settled
 * one, and a range lies inside the default range all inputs share. fast-check feeds `examples` to a property as
 * they are, not drawn: a stale or hand-written one may hold another shape (which `resolveInputs` transposes or
 * refuses) or a range whose values overflow (a float64 span beyond `Number.MAX_VALUE` gives ±Infinity and NaN).
 * The shared range depends on `infos` alone, so it is computed here once, not on every case.
 */
function unconstrainedDrawTest(infos: readonly TensorInfo[]): (input: GeneratedInput) => boolean {
  const bounds = sharedRange(infos)
  return (input) => {
    const { shapes, range } = input
    if (typeof shapes !== 'object' || shapes === null) return false
    for (const info of infos) {
      const shape: unknown = shapes[info.name]
      if (shape !== undefined && !sameDims(shape, info.shape)) return false
    }
    if (range === undefined) return true
    return bounds !== undefined && Array.isArray(range) && range[0] >= bounds[0] && range[1] <= bounds[1]
  }
}

function sameDims(shape: unknown, settled: TensorInfo['shape']): boolean {
  if (!Array.isArray(shape) || shape.length !== settled.length) return false
  for (let i = 0; i < shape.length; i++) if (shape[i] !== settled[i]) return false
  return true
}

/**
 * A per-case {@link materializeInto} for one property, built once where `declared` and `infos` are fixed: its
 * result is marked as resolved against the model's `declared` inputs without checking it when the input is one
 * {@link descriptionArbitrary} over `infos` (no constraints) can draw: the generator builds each tensor in its
 * input's dtype and settled shape, and every kind writes only finite values inside the validated range, so
 * `resolveInputs` would return it unchanged (a test holds it to that). This saves a NaN scan of the whole input per
 * case, a third of what a `repeatable` case costs beside its inferences. Any other input (a fast-check example) is
 * left unmarked: `resolveInputs` checks it as it checks every input. Internal.
 * @example
 * ```ts
 * const materializeCase = resolvedMaterializer(model.inputs, infos) // once per property
 * const raw = materializeCase(input, pool.lease()) // per case
 * const tensors = await resolveInputs(model.inputs, raw) // a drawn input comes back at once, unscanned
 * ```
 */
export function resolvedMaterializer(
  declared: readonly TensorInfo[],
  infos: readonly TensorInfo[],
): (input: GeneratedInput, scratch: BufferSource | undefined) => Record<string, Tensor> {
  const isUnconstrainedDraw = unconstrainedDrawTest(infos)
  return (input, scratch) => {
    const tensors = materializeInto(infos, input, scratch)
    if (isUnconstrainedDraw(input)) rememberResolved(declared, tensors)
    return tensors
  }
}
