/**
 * `resolveInputs`: everything a caller may pass to `infer` (a tensor, a bare typed array, a record
 * by input name, an image or `.npy` path) turned into exactly the tensors the model declares, or a
 * named error that says what was expected, what was received and what to do.
 *
 * Rules (each one is a test in `resolve.test.ts`):
 * - A single tensor, typed array or path is accepted only by a single-input model.
 * - A record must name every input and nothing else.
 * - Shapes: dynamic dimensions accept any size; a missing leading batch dimension is added when the
 *   declared one is 1 or dynamic (`[224, 224, 3]` for `[1, 224, 224, 3]`); a rank-4 tensor in the
 *   other layout (NCHW given, NHWC declared or the reverse) is transposed only when it does not fit
 *   as given but does fit transposed, judged on the declared static sizes.
 * - A bare typed array has no shape: it is read in the model's declared shape and layout; with one
 *   dynamic dimension, that dimension is derived from the length.
 * - Dtypes: only exact conversions (uint8 / int8 / uint16 / int16 → float32; those and int32 /
 *   float32 → float64; small integers → int32 / int64; float64 → float32 when every value converts
 *   exactly). Float → uint8 (or any integer) is never done: it is the field bug where HailoRT cast
 *   float pixels straight to uint8.
 * - Float inputs must be finite: NaN / ±Infinity → {@link NonFiniteInputError} with the first index.
 * @packageDocumentation
 */
import { InputMismatchError, InvalidArgumentError, UnknownNameError } from '../errors.js'
import type { InputSource } from '../device/types.js'
import type { Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { assertKnownKeys, describeValue, didYouMean, hasExactlyNames } from '../validate.js'
import { asExactArray, dtypeOfArray } from './dtype.js'
import { describeInfo, fitTensor } from './fit.js'
import { loadPathInput } from './path-input.js'
import type { PathInputOptions } from './path-input.js'
import { isStillResolved, rememberResolved } from './resolved.js'
import { isTensorLike } from './tensor-like.js'
import { elementCount, formatShape, isDynamicDim, isValidShape } from './shape.js'

/** Options of {@link resolveInputs}. */
export interface ResolveOptions extends PathInputOptions {}

const RESOLVE_OPTION_KEYS = ['image'] as const

/** Check a caller's tensor is self-consistent (dtype matches its data, shape matches its length). */
function checkTensor(value: Tensor, info: TensorInfo): Tensor {
  const actual = dtypeOfArray(value.data)
  if (actual === undefined) {
    throw new InputMismatchError(
      `Unsupported data for ${describeInfo(info)}: a tensor's data must be a Uint8Array, Int8Array, Uint16Array, Int16Array, Int32Array, BigInt64Array, Float32Array or Float64Array, but received ${describeValue(value.data)}.`,
    )
  }
  if (actual !== value.dtype) {
    throw new InputMismatchError(
      `Inconsistent tensor for ${describeInfo(info)}: its dtype says ${JSON.stringify(value.dtype)} but its data is ${describeValue(value.data)} (${actual}). Make dtype and data agree.`,
    )
  }
  if (!isValidShape(value.shape)) {
    throw new InputMismatchError(
      `Invalid shape for ${describeInfo(info)}: expected an array of non-negative integers but received ${JSON.stringify(value.shape)}.`,
    )
  }
  if (elementCount(value.shape) !== value.data.length) {
    throw new InputMismatchError(
      `Inconsistent tensor for ${describeInfo(info)}: shape ${formatShape(value.shape)} holds ${elementCount(value.shape)} elements but its data has ${value.data.length}.`,
    )
  }
  return { data: asExactArray(value.data), shape: value.shape, dtype: actual } as Tensor
}

/** Read a bare typed array in the declared shape, deriving at most one dynamic dimension from its length. */
function shapeForFlat(data: TypedArray, info: TensorInfo): number[] {
  const dynamic = info.shape.map((d, i) => (isDynamicDim(d) ? i : -1)).filter((i) => i >= 0)
  const staticCount = info.shape.reduce<number>((n, d) => (isDynamicDim(d) ? n : n * (d as number)), 1)
  const received = `received ${describeValue(data)}`
  if (dynamic.length > 1) {
    throw new InputMismatchError(
      `Ambiguous data for ${describeInfo(info)}: a bare typed array has no shape and this input has ${dynamic.length} dynamic dimensions, so its sizes cannot be derived from the length (${received}). Pass a tensor { data, shape, dtype } instead.`,
    )
  }
  if (
    dynamic.length === 0
      ? data.length !== staticCount
      : staticCount === 0 || data.length % staticCount !== 0 || data.length === 0
  ) {
    throw new InputMismatchError(
      `Wrong size for ${describeInfo(info)}: expected ${dynamic.length === 0 ? `${staticCount} elements` : `a non-zero multiple of ${staticCount} elements`} but ${received}. A bare typed array is read in the model's own shape and layout; pass a tensor { data, shape, dtype } to have the layout and a missing batch dimension reconciled.`,
    )
  }
  return info.shape.map((d) => (isDynamicDim(d) ? data.length / staticCount : (d as number)))
}

/** One input's tensor; a promise only for a path (a file to read), so in-memory inputs cost no extra turn. */
function resolveOne(info: TensorInfo, value: unknown, options: ResolveOptions): Tensor | Promise<Tensor> {
  if (typeof value === 'string') {
    return loadPathInput(value, info, options).then(({ tensor, origin }) => fitTensor(tensor, info, origin))
  }
  if (ArrayBuffer.isView(value)) {
    const dtype = dtypeOfArray(value)
    if (dtype === undefined) {
      throw new InputMismatchError(
        `Unsupported data for ${describeInfo(info)}: expected a Uint8Array, Int8Array, Uint16Array, Int16Array, Int32Array, BigInt64Array, Float32Array or Float64Array but received ${describeValue(value)}.`,
      )
    }
    const data = asExactArray(value as TypedArray)
    return fitTensor({ data, shape: shapeForFlat(data, info), dtype } as Tensor, info)
  }
  if (typeof value === 'object' && value !== null && isTensorLike(value)) {
    return fitTensor(checkTensor(value, info), info)
  }
  throw new InvalidArgumentError(
    `Expected a tensor { data, shape, dtype }, a typed array, or an image / .npy path for ${describeInfo(info)} but received ${describeValue(value)}.`,
  )
}

function inputNames(infos: readonly TensorInfo[]): string {
  return infos.map((i) => `"${i.name}"`).join(', ')
}

/**
 * Resolve what a caller passed into one tensor per declared input, keyed by input name.
 * Tensors that need no change are returned without copying (they share `data` with the input).
 * A record this function returned for the same `infos` array, still holding the same tensors, is
 * returned as it is without checking its values again, so feeding it n times costs one check.
 *
 * @param infos - the model's declared inputs (`model.inputs`).
 * @param source - a tensor, a bare typed array, an image or `.npy` path (single-input models), or a
 *   record by input name of any of those.
 * @throws {@link InputMismatchError} wrong shape, size, dtype or layout, a missing input, or a
 *   single value for a multi-input model; {@link UnknownNameError} a record key that is no input;
 *   {@link NonFiniteInputError} NaN / ±Infinity in a float input; {@link InputFileError} a missing
 *   or corrupt image / `.npy`; {@link InvalidArgumentError} a source of the wrong kind.
 *
 * @example
 * ```ts
 * const inputs = await resolveInputs(model.inputs, { images: 'cat.jpg' })
 * const same = await resolveInputs(model.inputs, { data: pixels, shape: [224, 224, 3], dtype: 'uint8' })
 * ```
 */
export async function resolveInputs(
  infos: readonly TensorInfo[],
  source: InputSource,
  options: ResolveOptions = {},
): Promise<Record<string, Tensor>> {
  if (!Array.isArray(infos))
    throw new InvalidArgumentError(`Expected an array of TensorInfo for infos but received ${describeValue(infos)}`)
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(
      `Expected an options object for resolveInputs but received ${describeValue(options)}`,
    )
  assertKnownKeys('resolveInputs options', options, RESOLVE_OPTION_KEYS)
  // Our own result for these infos, unchanged: already checked (see resolved.ts).
  if (isStillResolved(infos, source)) return source as Record<string, Tensor>
  const single =
    typeof source === 'string' ||
    ArrayBuffer.isView(source) ||
    (typeof source === 'object' && source !== null && isTensorLike(source))
  if (single) {
    if (infos.length !== 1) {
      throw new InputMismatchError(
        `Expected one value per input for a model with ${infos.length} inputs (${inputNames(infos)}) but received a single ${typeof source === 'string' ? 'path' : 'tensor'}. Pass a record by input name, e.g. { ${infos.map((i) => `${JSON.stringify(i.name)}: …`).join(', ')} }.`,
      )
    }
    const info = infos[0] as TensorInfo
    const value = resolveOne(info, source, options)
    const one = { [info.name]: value instanceof Promise ? await value : value }
    rememberResolved(infos, one)
    return one
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new InvalidArgumentError(
      `Expected a tensor, a typed array, an image / .npy path, or a record by input name (${inputNames(infos)}) for the input but received ${describeValue(source)}. With no input at hand, build one with syntheticInputs(model.inputs, seed).`,
    )
  }
  const record = source as Readonly<Record<string, unknown>>
  if (!hasExactlyNames(infos, record)) checkNames(infos, record)
  const resolved: Record<string, Tensor> = {}
  for (const info of infos) {
    const one = resolveOne(info, record[info.name], options)
    resolved[info.name] = one instanceof Promise ? await one : one
  }
  rememberResolved(infos, resolved)
  return resolved
}

/** Throw the error that says which names are unknown or missing. */
function checkNames(infos: readonly TensorInfo[], record: Readonly<Record<string, unknown>>): void {
  const known = new Set(infos.map((i) => i.name))
  const unknown = Object.keys(record).filter((k) => !known.has(k))
  if (unknown.length > 0) {
    throw new UnknownNameError(
      'E_UNKNOWN_INPUT',
      `Unknown input name${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: the model's inputs are ${inputNames(infos)}.` +
        didYouMean(unknown, [...known]),
    )
  }
  const missing = infos.filter((i) => record[i.name] === undefined)
  if (missing.length > 0) {
    throw new InputMismatchError(
      `Missing input${missing.length > 1 ? 's' : ''} ${inputNames(missing)}: expected a value for every input of the model (${inputNames(infos)}) but received only ${Object.keys(record).length === 0 ? 'an empty record' : inputNames(infos.filter((i) => record[i.name] !== undefined))}.`,
    )
  }
}
