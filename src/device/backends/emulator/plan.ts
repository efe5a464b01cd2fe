/**
 * How the emulator presents an ONNX model the way a compiled HEF presents itself: float inputs
 * become uint8 inputs (raw pixels, identity quantization unless `inputQuant` says otherwise, with
 * the `.alls`-style normalization applied "on chip"), float outputs become uint8 with per-output
 * quantization, returned dequantized (`format: 'float32'`) or raw (`format: 'raw'`). Inputs and
 * outputs of other dtypes pass through unchanged.
 * @packageDocumentation
 */
import { InvalidArgumentError, UnknownNameError } from '../../../errors.js'
import type { DType, QuantParams, TensorInfo } from '../../../tensor/types.js'
import type { LoadOptions, VStreamFormat } from '../../types.js'
import { bindNormalization, type BoundNormalization } from '../../normalize.js'

/** The identity quantization of raw pixels. */
export const IDENTITY_QUANT: QuantParams = Object.freeze({ scale: 1, zeroPoint: 0 })

/** One emulated input: what callers feed, and how it becomes what the ONNX model takes. */
export interface InputPlan {
  readonly info: TensorInfo
  readonly onnxDtype: DType
  /** Present when the ONNX input is float and the emulated one uint8. */
  readonly quant: QuantParams | undefined
  readonly normalization: BoundNormalization | undefined
}

/** One emulated output: what callers receive, and the quantization it went through. */
export interface OutputPlan {
  readonly info: TensorInfo
  readonly quant: QuantParams | undefined
}

const isFloat = (dtype: DType): boolean => dtype === 'float32' || dtype === 'float64'

function checkNames(option: string, record: object | undefined, infos: readonly TensorInfo[], side: string): void {
  if (record === undefined) return
  const names = infos.map((i) => i.name)
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) {
      throw new UnknownNameError(
        'E_UNKNOWN_TENSOR',
        `${option} names ${side} "${key}", which the model does not have. Its ${side}s: ${names.join(', ')}.`,
      )
    }
  }
}

/**
 * Plan every input.
 * @example
 * ```ts
 * planInputs(onnxInputs, { normalization: { mean: [127.5], std: [127.5] } })
 * ```
 */
export function planInputs(onnxInputs: readonly TensorInfo[], options: LoadOptions): InputPlan[] {
  checkNames('inputQuant', options.inputQuant, onnxInputs, 'input')
  const floats = onnxInputs.filter((i) => isFloat(i.dtype))
  if (options.normalization !== undefined && floats.length === 0) {
    throw new InvalidArgumentError(
      'normalization was given but the model has no float input to normalize (its inputs take raw integers already). Drop the option, or give the float model.',
    )
  }
  return onnxInputs.map((info) => {
    if (!isFloat(info.dtype)) {
      const quant = info.dtype === 'uint8' ? IDENTITY_QUANT : undefined
      return {
        info: quant ? { ...info, quant } : info,
        onnxDtype: info.dtype,
        quant: undefined,
        normalization: undefined,
      }
    }
    const quant = options.inputQuant?.[info.name] ?? IDENTITY_QUANT
    const normalization =
      options.normalization === undefined ? undefined : bindNormalization(options.normalization, info)
    return { info: { ...info, dtype: 'uint8', quant }, onnxDtype: info.dtype, quant, normalization }
  })
}

/**
 * Plan every output, given each float output's quantization (explicit or calibrated).
 */
export function planOutputs(
  onnxOutputs: readonly TensorInfo[],
  quants: ReadonlyMap<string, QuantParams>,
  format: VStreamFormat,
): OutputPlan[] {
  return onnxOutputs.map((info) => {
    const quant = quants.get(info.name)
    if (quant === undefined) return { info, quant: undefined }
    return { info: { ...info, dtype: format === 'raw' ? 'uint8' : 'float32', quant }, quant }
  })
}

/** Check `outputQuant` names real outputs; return the float outputs that still need calibration. */
export function outputsToCalibrate(onnxOutputs: readonly TensorInfo[], options: LoadOptions): TensorInfo[] {
  checkNames('outputQuant', options.outputQuant, onnxOutputs, 'output')
  return onnxOutputs.filter((o) => isFloat(o.dtype) && options.outputQuant?.[o.name] === undefined)
}
