/**
 * Quantize and dequantize exactly as HailoRT 4.x does on the host (`include/hailo/quantization.hpp`),
 * so the emulator, the reference path and the reports produce the same codes the real vstreams would.
 *
 * Quantize (FLOAT32 input vstream), each step in float32 arithmetic as the C code does:
 * 1. clip `x` to `[min, max]` (HailoRT's `limvals_min` / `limvals_max`);
 * 2. `q = rint(x / scale + zeroPoint)`, round half to even;
 * 3. cast to the raw type.
 *
 * Identity quantization (scale 1, zero point 0, typical of a raw-pixel input normalized on the chip)
 * skips the clip: it only rounds and casts. A C cast of an out-of-range float to `uint8_t` is undefined
 * behaviour; what compiled HailoRT does in practice depends on the CPU, see {@link CastMode}.
 *
 * Dequantize (FLOAT32 output vstream): `(q − zeroPoint) · scale` in float32; identity just casts.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { assertNumber, invalidParameter } from '../validate.js'
import { elementCount, typedArrayFor } from './dtype.js'
import type { DType, QuantParams, Quantization, Tensor } from './types.js'

/** Raw types of Hailo vstreams. */
export type RawDType = 'uint8' | 'uint16'

/**
 * What an out-of-range float becomes when cast to the raw type with no clip (identity quantization only):
 * - `'wrap'` (default; x86-64, `cvttss2si` then truncation): truncate toward zero, wrap modulo 2^bits,
 *   so 300 → 44 and −1 → 255 for uint8; beyond ±2^31 (and NaN) → 0.
 * - `'aarch64'` (Raspberry Pi 5, `fcvtzu` then truncation): negatives and NaN saturate to 0, values up
 *   to 2^32 − 1 wrap modulo 2^bits (300 → 44, −1 → 0), larger ones saturate to 2^32 − 1 first.
 *
 * In-range values (every value after a clip) are identical in both modes.
 */
export type CastMode = 'wrap' | 'aarch64'

/** Options of {@link quantize}. */
export interface QuantizeOptions {
  /** How out-of-range values cast under identity quantization. @defaultValue 'wrap' */
  readonly castMode?: CastMode
}

const f32 = Math.fround
const TWO_31 = 2 ** 31
const TWO_32 = 2 ** 32

/**
 * Round half to even, as C's `rint` under the default rounding mode (`0.5 → 0`, `1.5 → 2`, `2.5 → 2`,
 * `-2.5 → -2`). NaN and ±Infinity are returned unchanged.
 * @example
 * ```ts
 * roundHalfEven(2.5) // 2
 * roundHalfEven(3.5) // 4
 * ```
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x) // rounds halves toward +Infinity
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r
}

/** The C cast of an already rounded float to an unsigned integer of `bits` bits, as the CPU does it. */
export function castToUnsigned(x: number, bits: 8 | 16, mode: CastMode = 'wrap'): number {
  const modulo = 2 ** bits
  let n: number
  if (mode === 'aarch64') {
    n = Number.isNaN(x) || x <= 0 ? 0 : x >= TWO_32 ? TWO_32 - 1 : Math.trunc(x)
  } else {
    n = Number.isNaN(x) || x >= TWO_31 || x < -TWO_31 ? 0 : Math.trunc(x)
  }
  return ((n % modulo) + modulo) % modulo
}

/**
 * True when HailoRT treats these parameters as the identity (`qp_scale == 1 && qp_zp == 0`, in float32).
 * @example
 * ```ts
 * isIdentityQuant({ scale: 1, zeroPoint: 0 }) // true: raw 0–255 pixels, only rounded and cast
 * ```
 */
export function isIdentityQuant(q: QuantParams): boolean {
  return f32(q.scale) === 1 && f32(q.zeroPoint) === 0
}

function checkParams(name: string, q: QuantParams): void {
  if (q === null || typeof q !== 'object')
    throw invalidParameter(name, 'quantization parameters { scale, zeroPoint }', q)
  assertNumber(`${name}.scale`, q.scale)
  if (q.scale === 0) throw invalidParameter(`${name}.scale`, 'a non-zero finite number', q.scale)
  assertNumber(`${name}.zeroPoint`, q.zeroPoint)
  if (q.min !== undefined) assertNumber(`${name}.min`, q.min)
  if (q.max !== undefined) assertNumber(`${name}.max`, q.max)
  if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
    throw new InvalidArgumentError(`Expected ${name}.min ≤ ${name}.max but received min ${q.min} > max ${q.max}`)
  }
}

/**
 * The parameters of every channel and how to find an element's channel: element `i` belongs to channel
 * `Math.floor(i / inner) % params.length`. Without per-channel parameters, one channel spans everything.
 */
export function channelParams(
  quant: QuantParams | Quantization,
  shape: readonly number[],
): { params: readonly QuantParams[]; inner: number } {
  checkParams('quant', quant)
  const per = (quant as Quantization).perChannel
  if (per === undefined) return { params: [quant], inner: Math.max(1, elementCount(shape)) }
  const { axis, params } = per
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length) {
    throw invalidParameter(
      'quant.perChannel.axis',
      `an axis between 0 and ${shape.length - 1} of shape [${shape.join(', ')}]`,
      axis,
    )
  }
  if (params.length !== shape[axis]) {
    throw new InvalidArgumentError(
      `Expected ${shape[axis]} per-channel quantization parameters (dimension ${axis} of shape [${shape.join(', ')}]) but received ${params.length}`,
    )
  }
  params.forEach((p, c) => checkParams(`quant.perChannel.params[${c}]`, p))
  return { params, inner: Math.max(1, elementCount(shape.slice(axis + 1))) }
}

function rawBits(dtype: unknown): 8 | 16 {
  if (dtype === 'uint8') return 8
  if (dtype === 'uint16') return 16
  throw invalidParameter('targetDtype', "'uint8' or 'uint16' (the Hailo raw types)", dtype)
}

/**
 * Quantize a float tensor to a Hailo raw type with HailoRT's exact arithmetic (see the module notes).
 * When `min` / `max` (limvals) are not given, they default to the real range the raw type can hold,
 * `[(0 − zeroPoint)·scale, (2^bits − 1 − zeroPoint)·scale]`.
 *
 * @throws {@link InvalidArgumentError} for a non-float tensor, bad parameters or another target dtype.
 * @example
 * ```ts
 * const q = quantize(makeTensor('float32', [3], [0, 0.5, 9]), { scale: 0.5, zeroPoint: 0, min: 0, max: 2 }, 'uint8')
 * q.data // Uint8Array [0, 1, 4]
 * ```
 */
export function quantize<D extends RawDType>(
  tensor: Tensor,
  quant: QuantParams | Quantization,
  targetDtype: D,
  options: QuantizeOptions = {},
): Tensor<D> {
  const bits = rawBits(targetDtype)
  if (tensor?.dtype !== 'float32' && tensor?.dtype !== 'float64') {
    throw invalidParameter('tensor', 'a float32 (or float64) tensor to quantize', tensor?.dtype ?? tensor)
  }
  const mode = options.castMode ?? 'wrap'
  if (mode !== 'wrap' && mode !== 'aarch64') throw invalidParameter('castMode', "'wrap' or 'aarch64'", mode)
  const src = tensor.data as Float32Array | Float64Array
  const { params, inner } = channelParams(quant, tensor.shape)
  const out = typedArrayFor(targetDtype, src.length)
  const qmax = 2 ** bits - 1
  const channels = params.length
  for (let c = 0; c < channels; c++) {
    const p = params[c]!
    const scale = f32(p.scale)
    const zp = f32(p.zeroPoint)
    const identity = scale === 1 && zp === 0
    const lo = f32(p.min ?? (0 - zp) * scale)
    const hi = f32(p.max ?? (qmax - zp) * scale)
    // Elements of channel c: runs of `inner` consecutive elements, every `channels · inner`.
    for (let start = c * inner; start < src.length; start += channels * inner) {
      const end = Math.min(start + inner, src.length)
      for (let i = start; i < end; i++) {
        const x = f32(src[i]!)
        // HailoRT's clip: `>= max` → max, `<= min` → min, NaN falls through. Identity does not clip.
        const r = identity ? roundHalfEven(x) : roundHalfEven(f32(f32((x >= hi ? hi : x <= lo ? lo : x) / scale) + zp))
        out[i] = r >= 0 && r <= qmax ? r : castToUnsigned(r, bits, mode)
      }
    }
  }
  return { data: out, shape: [...tensor.shape], dtype: targetDtype }
}

/**
 * Dequantize a raw uint8 / uint16 tensor to float32 as HailoRT does: `(q − zeroPoint) · scale`, each
 * operation rounded to float32; identity quantization just converts.
 *
 * @throws {@link InvalidArgumentError} for another dtype or bad parameters.
 * @example
 * ```ts
 * dequantize(makeTensor('uint8', [2], [128, 130]), { scale: 0.1, zeroPoint: 128 }).data // Float32Array [0, 0.2]
 * ```
 */
export function dequantize(tensor: Tensor, quant: QuantParams | Quantization): Tensor<'float32'> {
  const dtype: DType | undefined = tensor?.dtype
  if (dtype !== 'uint8' && dtype !== 'uint16') {
    throw invalidParameter('tensor', 'a uint8 or uint16 tensor (raw device output) to dequantize', dtype ?? tensor)
  }
  const src = tensor.data as Uint8Array | Uint16Array
  const { params, inner } = channelParams(quant, tensor.shape)
  const out = new Float32Array(src.length)
  const channels = params.length
  // Raw pixels (one identity quantization, the emulator's input on every run): one native conversion.
  if (channels === 1 && f32(params[0]!.scale) === 1 && f32(params[0]!.zeroPoint) === 0) {
    out.set(src)
    return { data: out, shape: [...tensor.shape], dtype: 'float32' }
  }
  for (let c = 0; c < channels; c++) {
    const scale = f32(params[c]!.scale)
    const zp = f32(params[c]!.zeroPoint)
    const identity = scale === 1 && zp === 0
    for (let start = c * inner; start < src.length; start += channels * inner) {
      const end = Math.min(start + inner, src.length)
      for (let i = start; i < end; i++) out[i] = identity ? src[i]! : f32(f32(src[i]! - zp) * scale)
    }
  }
  return { data: out, shape: [...tensor.shape], dtype: 'float32' }
}
