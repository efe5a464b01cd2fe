/**
 * Fitting one caller-provided tensor to one declared model input: shape (dynamic dimensions, an
 * added batch dimension), layout (NHWC ↔ NCHW when the static sizes make it unambiguous), dtype
 * (exact widenings only) and finiteness. Everything else is a named error that says what was
 * expected, what was received and what to do.
 * @packageDocumentation
 */
import { InputMismatchError, NonFiniteInputError } from '../errors.js'
import type { DType, Tensor, TensorInfo, TypedArray } from '../tensor/types.js'
import { EXACT_WIDENINGS, convertArray, isExactWidening, isFloatDType } from './dtype.js'
import { allWholeInRange, findNonFinite, firstInexactFloat32 } from './finite.js'
import {
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  elementCount,
  formatShape,
  isDynamicDim,
  permuteShape,
  shapeFits,
  unravelIndex,
} from './shape.js'
import { permute4 } from './transpose.js'

/** `input "images" (shape [1, 224, 224, 3], uint8, NHWC)` for messages. */
export function describeInfo(info: TensorInfo): string {
  return `input "${info.name}" (shape ${formatShape(info.shape)}, ${info.dtype}, ${info.layout})`
}

/** How the caller's shape maps onto the declared one. */
interface ShapePlan {
  /** The caller's shape, with the batch dimension added when it was missing. */
  readonly shape: readonly number[]
  /** Permutation to apply (rank 4), when the caller's layout is the other one. */
  readonly perm?: readonly number[]
}

/**
 * Decide how `shape` fits `info`: as is, with a batch dimension of 1 added in front (when the
 * declared first dimension is 1 or dynamic), and only then transposed NHWC ↔ NCHW. A direct fit
 * always wins, so a transposition happens only when the untransposed shape cannot be the model's.
 */
function planShape(shape: readonly number[], info: TensorInfo): ShapePlan | undefined {
  const declared = info.shape
  const candidates: (readonly number[])[] = [shape]
  const first = declared[0]
  if (shape.length === declared.length - 1 && first !== undefined && (isDynamicDim(first) || first === 1)) {
    candidates.push([1, ...shape])
  }
  for (const c of candidates) if (shapeFits(c, declared)) return { shape: c }
  const perm = info.layout === 'NCHW' ? NHWC_TO_NCHW : info.layout === 'NHWC' ? NCHW_TO_NHWC : undefined
  if (perm === undefined || declared.length !== 4) return undefined
  for (const c of candidates) {
    if (c.length === 4 && shapeFits(permuteShape(c, perm), declared)) return { shape: c, perm }
  }
  return undefined
}

function shapeError(given: Tensor, info: TensorInfo, origin: string): InputMismatchError {
  const staticCount = info.shape.every((d) => !isDynamicDim(d)) ? elementCount(info.shape as number[]) : undefined
  const counts =
    staticCount === undefined
      ? `received ${given.data.length} elements`
      : `expected ${staticCount} elements, received ${given.data.length}`
  const image = info.layout === 'NHWC' || info.layout === 'NCHW'
  const other = info.layout === 'NHWC' ? 'NCHW → NHWC' : 'NHWC → NCHW'
  const hint = image
    ? ` The data fits neither as given, nor transposed ${other}, nor with a batch dimension of 1 added: resize or reshape it to ${formatShape(info.shape)} (an image path is resized for you).`
    : ` The data fits neither as given nor with a batch dimension of 1 added: reshape it to ${formatShape(info.shape)}.`
  return new InputMismatchError(
    `Wrong shape for ${describeInfo(info)}: expected ${formatShape(info.shape)} but received ${formatShape(given.shape)} (${given.dtype}${origin}); ${counts}.${hint}`,
  )
}

function dtypeError(given: Tensor, info: TensorInfo, origin: string): InputMismatchError {
  const received = `received ${given.dtype} data (shape ${formatShape(given.shape)}${origin})`
  if (isFloatDType(given.dtype) && !isFloatDType(info.dtype)) {
    const [min, max] = integerRange(info.dtype)
    const whole = allWholeInRange(given.data as Float32Array | Float64Array, min, max)
    const exactHint = whole
      ? `your values are all whole numbers in ${min}–${max}, so converting them yourself is exact`
      : `your values are not all whole numbers in ${min}–${max}: scale or quantize them on purpose first`
    const bug =
      info.dtype === 'uint8'
        ? ' That silent cast is a known field bug: float pixels are cast to uint8 without scaling, so values in 0–1 become 0 or 1 and values outside 0–255 wrap.'
        : ''
    return new InputMismatchError(
      `Wrong dtype for ${describeInfo(info)}: expected ${info.dtype} but ${received}. vitest-hailo never converts float to ${info.dtype} on its own.${bug} Pass ${info.dtype} data (${exactHint}), or, on a Hailo device, load the model with { format: 'float32' } so the runtime quantizes floats with the model's own scale.`,
    )
  }
  const allowed = EXACT_WIDENINGS[info.dtype]
  const accepted =
    allowed === undefined ? `only ${info.dtype}` : `${info.dtype}, or ${allowed.join(' / ')} (converted exactly)`
  return new InputMismatchError(
    `Wrong dtype for ${describeInfo(info)}: expected ${info.dtype} but ${received}. This input accepts ${accepted}; convert the data yourself, on purpose.`,
  )
}

function integerRange(dtype: DType): [number, number] {
  switch (dtype) {
    case 'uint8':
      return [0, 255]
    case 'int8':
      return [-128, 127]
    case 'uint16':
      return [0, 65535]
    case 'int16':
      return [-32768, 32767]
    case 'int32':
      return [-2147483648, 2147483647]
    default:
      return [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  }
}

function checkFinite(given: Tensor, info: TensorInfo, origin: string): void {
  if (!isFloatDType(given.dtype)) return
  const bad = findNonFinite(given.data as Float32Array | Float64Array)
  if (bad === undefined) return
  const at = formatShape(unravelIndex(bad.firstIndex, given.shape))
  throw new NonFiniteInputError(
    `Non-finite values in ${describeInfo(info)}: expected only finite numbers but received ${bad.count} non-finite value${bad.count === 1 ? '' : 's'} of ${given.data.length}; the first is ${String(bad.firstValue)} at index ${at} (flat ${bad.firstIndex}) of the received shape ${formatShape(given.shape)}${origin}. No device handles NaN or ±Infinity meaningfully: fix the preprocessing that produced them (a division by zero, a log of 0, an uninitialised buffer).`,
    bad.firstIndex,
  )
}

/**
 * Fit a well-formed tensor to a declared input, or throw {@link InputMismatchError} /
 * {@link NonFiniteInputError}. The result may share `data` with `given` when nothing had to change.
 *
 * @param origin - appended to messages after the received dtype, e.g. `, from "x.npy"` (or `''`).
 */
export function fitTensor(given: Tensor, info: TensorInfo, origin = ''): Tensor {
  const plan = planShape(given.shape, info)
  if (plan === undefined) throw shapeError(given, info, origin)
  const exact = given.dtype === info.dtype || isExactWidening(given.dtype, info.dtype)
  const checkedNarrowing = given.dtype === 'float64' && info.dtype === 'float32'
  if (!exact && !checkedNarrowing) throw dtypeError(given, info, origin)
  checkFinite(given, info, origin)
  if (checkedNarrowing) {
    const inexact = firstInexactFloat32(given.data as Float64Array)
    if (inexact >= 0) {
      throw new InputMismatchError(
        `Wrong dtype for ${describeInfo(info)}: expected float32 but received float64 data (shape ${formatShape(given.shape)}${origin}) whose value ${String(given.data[inexact])} at index ${formatShape(unravelIndex(inexact, given.shape))} has no exact float32 equivalent. Float64 is accepted only when every value converts exactly; convert it yourself (numpy: .astype(np.float32); JS: new Float32Array(data)).`,
      )
    }
  }
  let data: TypedArray = given.data
  let shape = plan.shape
  if (plan.perm !== undefined) {
    data = permute4(data, shape, plan.perm, info.dtype)
    shape = permuteShape(shape, plan.perm)
  } else if (given.dtype !== info.dtype) {
    data = convertArray(data, info.dtype)
  }
  return { data, shape, dtype: info.dtype } as Tensor
}
