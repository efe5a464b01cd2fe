/**
 * Seeded synthetic inputs from a small, serializable *description* — what a determinism test uses
 * when no input is given, and what the fuzzing arbitraries generate and shrink (on the description,
 * never on the megabytes it expands to). The kinds, default ranges and shape rules are documented in
 * docs/inputs.md ("Synthetic inputs"); the same description gives the same bytes on every host.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { createPrng } from '../random/prng.js'
import type { DType, Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { assertKnownKeys, describeValue, invalidParameter } from '../validate.js'
import { typedArrayFor } from '../tensor/dtype.js'
import type { BufferSource } from './scratch-buffers.js'
import { formatShape, isDynamicDim } from './shape.js'
import { fillChecker, fillGradient, type PlaneGeometry } from './plane-patterns.js'
import {
  fillIntEdges,
  fillQuantEdges,
  fillSaturated,
  fillUniformFloat,
  fillUniformInt,
  toBigInt64,
} from './synthetic-fill.js'
import type { EdgeQuant } from './synthetic-fill.js'

/** The kinds of content a synthetic input can have. */
export const INPUT_KINDS = ['uniform', 'constant', 'gradient', 'checker', 'saturated', 'quant-edges'] as const
/** One kind of synthetic content (see the module documentation). */
export type InputKind = (typeof INPUT_KINDS)[number]

/**
 * A synthetic input, described: plain data (JSON round-trips it), expanded by {@link syntheticInputs}.
 * @example
 * ```ts
 * const desc: InputDescription = { seed: 42, kind: 'checker', range: [0, 255] }
 * ```
 */
export interface InputDescription {
  /** 32-bit unsigned seed. */
  readonly seed: number
  /** What the content looks like. @defaultValue `'uniform'` */
  readonly kind?: InputKind
  /** `[min, max]` of the values, in the input's own units. @defaultValue by dtype, see the module documentation */
  readonly range?: readonly [number, number]
  /** The value of a `constant` input. @defaultValue the middle of `range` */
  readonly value?: number
}

/** The older name of {@link InputDescription}. */
export type SyntheticDescription = InputDescription

const DESCRIPTION_KEYS = ['seed', 'kind', 'range', 'value'] as const
const IMAGE_LAYOUTS = new Set(['NHWC', 'NCHW', 'NHW'])

const DTYPE_LIMITS: Record<DType, readonly [number, number]> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}

const isFloat = (dtype: DType): boolean => dtype === 'float32' || dtype === 'float64'

/**
 * The range a description gets for `info` when it names none.
 * @example
 * ```ts
 * defaultRange({ name: 'x', shape: [1, 224, 224, 3], dtype: 'float32', layout: 'NHWC' }) // [0, 255]
 * ```
 */
export function defaultRange(info: TensorInfo): [number, number] {
  switch (info.dtype) {
    case 'int32':
    case 'int64':
      return [0, 255]
    case 'float32':
    case 'float64':
      return IMAGE_LAYOUTS.has(info.layout) ? [0, 255] : [-1, 1]
    default:
      return [...DTYPE_LIMITS[info.dtype]]
  }
}

/**
 * Check a description (or a bare seed) and return it with `kind` filled in; throws
 * {@link InvalidArgumentError} naming the field that is wrong.
 * @example
 * ```ts
 * normalizeDescription(42) // { seed: 42, kind: 'uniform' }
 * ```
 */
export function normalizeDescription(description: InputDescription | number): InputDescription & { kind: InputKind } {
  if (typeof description === 'number') description = { seed: description }
  if (typeof description !== 'object' || description === null || Array.isArray(description)) {
    throw invalidParameter('input description', 'a seed or { seed, kind?, range?, value? }', description)
  }
  assertKnownKeys('input description', description, DESCRIPTION_KEYS)
  const { seed, kind = 'uniform', range, value } = description
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw invalidParameter('input description seed', 'an integer between 0 and 4294967295', seed)
  }
  if (!INPUT_KINDS.includes(kind))
    throw invalidParameter('input description kind', `one of ${INPUT_KINDS.join(', ')}`, kind)
  if (
    range !== undefined &&
    (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || range[0] > range[1])
  ) {
    throw invalidParameter('input description range', 'a pair [min, max] of finite numbers with min ≤ max', range)
  }
  if (value !== undefined && !Number.isFinite(value))
    throw invalidParameter('input description value', 'a finite number', value)
  return { ...description, seed, kind }
}

/**
 * A short human description for messages, e.g. `uniform[0,255] seed=42`, `constant(7) seed=1`.
 * With `info`, the default range that input gets is shown too.
 * @example
 * ```ts
 * describeInput({ seed: 42, kind: 'uniform', range: [0, 255] }) // 'uniform[0,255] seed=42'
 * ```
 */
export function describeInput(description: InputDescription | number, info?: TensorInfo): string {
  const d = normalizeDescription(description)
  const range = d.range ?? (info === undefined ? undefined : defaultRange(info))
  const what =
    d.kind === 'constant' && d.value !== undefined
      ? `constant(${d.value})`
      : `${d.kind}${range === undefined ? '' : `[${range[0]},${range[1]}]`}`
  return `${what} seed=${d.seed}`
}

function planeOf(info: TensorInfo, shape: readonly number[]): PlaneGeometry | undefined {
  if (info.layout === 'NHWC' && shape.length === 4) return { height: shape[1]!, width: shape[2]!, inner: shape[3]! }
  if (info.layout === 'NCHW' && shape.length === 4) return { height: shape[2]!, width: shape[3]!, inner: 1 }
  if (info.layout === 'NHW' && shape.length === 3) return { height: shape[1]!, width: shape[2]!, inner: 1 }
  return undefined
}

function edgeQuant(info: TensorInfo, shape: readonly number[]): EdgeQuant {
  const q = info.quant
  if (q === undefined) return { params: [{ scale: 1, zeroPoint: 0 }], stride: 1 }
  const per = q.perChannel
  if (per === undefined || per.params.length <= 1) return { params: [q], stride: 1 }
  return { params: per.params, stride: shape.slice(per.axis + 1).reduce((a, b) => a * b, 1) }
}

/** One input's tensor from a checked description. */
function synthesize(
  info: TensorInfo,
  d: InputDescription & { kind: InputKind },
  seed: number,
  scratch: BufferSource | undefined,
): Tensor {
  // A leading batch may be 1; any other size of 1 would test a single pixel (or element) and could pass.
  const leadingBatch = (i: number): boolean => i === 0 && info.shape.length > 1
  const unknown = info.shape.filter((dim, i) => isDynamicDim(dim) && !leadingBatch(i)).length
  if (unknown > 0) {
    const example = formatShape(
      info.shape.map((d, i) =>
        !isDynamicDim(d) ? d : leadingBatch(i) ? 1 : `<${typeof d === 'string' ? d : 'size'}>`,
      ),
    )
    throw new InvalidArgumentError(
      `Input "${info.name}" is declared ${formatShape(info.shape)}: a synthetic input cannot know the size of its dynamic dimension${unknown === 1 ? '' : 's'} (1 would test a single pixel). Give the infos concrete shapes: syntheticInputs([{ ...info, shape: ${example} }], seed).`,
    )
  }
  const shape = info.shape.map((dim) => (isDynamicDim(dim) ? 1 : (dim as number)))
  const n = shape.reduce((a, b) => a * b, 1)
  const [lo, hi] = d.range ?? defaultRange(info)
  const limits = DTYPE_LIMITS[info.dtype]
  const float = isFloat(info.dtype)
  if (lo < limits[0] || hi > limits[1] || (!float && (!Number.isInteger(lo) || !Number.isInteger(hi)))) {
    throw new InvalidArgumentError(
      `Expected a range of ${float ? '' : 'integer '}${info.dtype} values within [${limits[0]}, ${limits[1]}] for input "${info.name}" (${info.dtype}, shape ${formatShape(info.shape)}) but received [${lo}, ${hi}].`,
    )
  }
  const rng = createPrng(seed)
  // int64 is filled as float64 numbers and converted once: all fill kernels speak numbers.
  // Every kind below writes every element, so a reused buffer keeps nothing of the case before.
  const work = (
    info.dtype === 'int64'
      ? new Float64Array(n)
      : (scratch?.take(info.name, info.dtype, n) ?? typedArrayFor(info.dtype, n))
  ) as Exclude<TypedArray, BigInt64Array>
  switch (d.kind) {
    case 'uniform':
      if (float) fillUniformFloat(work as Float32Array, lo, hi, rng)
      else fillUniformInt(work, lo, hi, rng)
      break
    case 'constant': {
      const v = d.value ?? (float ? (lo + hi) / 2 : Math.floor((lo + hi) / 2))
      if (v < limits[0] || v > limits[1] || (!float && !Number.isInteger(v))) {
        throw invalidParameter(
          `input description value for "${info.name}" (${info.dtype})`,
          `a${float ? '' : 'n integer'} value within [${limits[0]}, ${limits[1]}]`,
          v,
        )
      }
      work.fill(v)
      break
    }
    case 'gradient':
      fillGradient(work, lo, hi, seed % 4, planeOf(info, shape), !float)
      break
    case 'checker':
      fillChecker(work, lo, hi, 1 + (seed % 8), planeOf(info, shape))
      break
    case 'saturated':
      fillSaturated(work, lo, hi, rng)
      break
    case 'quant-edges':
      if (float) {
        const empty = fillQuantEdges(work as Float32Array, lo, hi, edgeQuant(info, shape), rng)
        if (empty !== undefined) {
          throw new InvalidArgumentError(
            `Expected a range holding at least one value halfway between two quantization codes for a 'quant-edges' input "${info.name}" (scale ${empty.scale}, zero point ${empty.zeroPoint}) but received [${lo}, ${hi}]. Widen the range to at least one quantization step.`,
          )
        }
      } else fillIntEdges(work, lo, hi, rng)
      break
  }
  const data = info.dtype === 'int64' ? toBigInt64(work as Float64Array) : work
  return { data, shape, dtype: info.dtype } as Tensor
}

/**
 * One tensor per declared input, built from a description (or a bare seed: `uniform` content),
 * keyed by input name. Input `i` is seeded `seed + i`, so inputs of one model differ.
 *
 * @throws {@link InvalidArgumentError} when the description is malformed or its range / value does
 *   not fit an input's dtype.
 * @example
 * ```ts
 * const inputs = syntheticInputs(model.inputs, { seed: 42, kind: 'gradient' })
 * await model.infer(inputs)
 * ```
 */
export function syntheticInputs(
  infos: readonly TensorInfo[],
  description: InputDescription | number,
): Record<string, Tensor> {
  return syntheticInputsInto(infos, description, undefined)
}

/**
 * {@link syntheticInputs}, writing into buffers taken from `scratch` when it is given (a fuzz case's lease). Internal.
 * @example
 * ```ts
 * const inputs = syntheticInputsInto(model.inputs, { seed: 1, kind: 'uniform' }, pool.lease())
 * ```
 */
export function syntheticInputsInto(
  infos: readonly TensorInfo[],
  description: InputDescription | number,
  scratch: BufferSource | undefined,
): Record<string, Tensor> {
  if (!Array.isArray(infos))
    throw new InvalidArgumentError(`Expected an array of TensorInfo for infos but received ${describeValue(infos)}`)
  const d = normalizeDescription(description)
  const out: Record<string, Tensor> = {}
  infos.forEach((info, i) => {
    out[info.name] = synthesize(info, d, (d.seed + i) >>> 0, scratch)
  })
  return out
}
