/**
 * A model on the `emulator` device: uint8 in, dequantized (and normalized) to what the ONNX model
 * takes, ONNX Runtime in the middle, outputs quantized to uint8 with HailoRT's exact arithmetic and
 * handed back raw or dequantized, as a HailoRT vstream of that format would.
 * @packageDocumentation
 */
import { dequantize, quantize } from '../../../tensor/quantize.js'
import type { Tensor, TensorMap } from '../../../tensor/types.js'
import { BaseLoadedModel, type ModelInit } from '../../base-loaded-model.js'
import type { VStreamFormat } from '../../types.js'
import { runSession } from '../onnx/onnx-model.js'
import type { Ort } from '../onnx/runtime.js'
import type { InferenceSession } from 'onnxruntime-node'
import { applyNormalization } from '../../normalize.js'
import type { InputPlan, OutputPlan } from './plan.js'

/** Everything an emulated model runs with. */
export interface EmulatorParts {
  readonly ort: Ort
  readonly session: InferenceSession
  readonly inputPlans: readonly InputPlan[]
  readonly outputPlans: readonly OutputPlan[]
  readonly format: VStreamFormat
}

/** Convert emulated inputs to the ONNX model's own: dequantize, normalize, widen to float64 if asked. */
export function toOnnxFeeds(
  plans: readonly InputPlan[],
  inputs: Readonly<Record<string, Tensor>>,
): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {}
  for (const plan of plans) {
    const given = inputs[plan.info.name]!
    if (plan.quant === undefined) {
      feeds[plan.info.name] = given
      continue
    }
    const real = dequantize(given, plan.quant)
    if (plan.normalization !== undefined) applyNormalization(real.data, real.shape, plan.normalization)
    feeds[plan.info.name] =
      plan.onnxDtype === 'float64' ? { data: Float64Array.from(real.data), shape: real.shape, dtype: 'float64' } : real
  }
  return feeds
}

/** Quantize float outputs to uint8 and return them in the load's format. */
export function fromOnnxOutputs(plans: readonly OutputPlan[], outputs: TensorMap, format: VStreamFormat): TensorMap {
  const result: TensorMap = {}
  for (const plan of plans) {
    const out = outputs[plan.info.name]!
    if (plan.quant === undefined) {
      result[plan.info.name] = out
      continue
    }
    const raw = quantize(out, plan.quant, 'uint8')
    result[plan.info.name] = format === 'raw' ? raw : dequantize(raw, plan.quant)
  }
  return result
}

/** A loaded, emulated model. Create it through `openDevice('emulator')` then `device.load(...)`. */
export class EmulatorModel extends BaseLoadedModel {
  readonly #parts: EmulatorParts
  constructor(init: ModelInit, parts: EmulatorParts) {
    super(init)
    this.#parts = parts
  }

  /** The vstream format outputs are returned in. */
  get format(): VStreamFormat {
    return this.#parts.format
  }

  protected override async inferImpl(inputs: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
    const { ort, session, inputPlans, outputPlans, format } = this.#parts
    const outputs = await runSession(ort, session, this.id, toOnnxFeeds(inputPlans, inputs))
    return fromOnnxOutputs(outputPlans, outputs, format)
  }

  protected override async disposeImpl(): Promise<void> {
    await this.#parts.session.release()
  }
}
