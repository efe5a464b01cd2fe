/**
 * A model on the `onnx` device: feeds ONNX Runtime the resolved tensors (with their own, concrete
 * shapes, which fills in dynamic dims) and hands back every output as a plain tensor over the
 * runtime's own output buffer (fresh for every run).
 * @packageDocumentation
 */
import type { DType, Tensor, TensorMap, TypedArray } from '../../../tensor/types.js'
import { BaseLoadedModel, type ModelInit } from '../../base-loaded-model.js'
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-node'
import type { Ort } from './runtime.js'
import { normalizedInputs, type InputNormalizations } from './normalization.js'
import { inferenceRunError } from './run-error.js'

/**
 * Run a session on resolved inputs; its outputs as plain tensors. Shared by the `onnx` and `emulator`
 * devices.
 */
export async function runSession(
  ort: Ort,
  session: InferenceSession,
  modelId: string,
  inputs: Readonly<Record<string, Tensor>>,
): Promise<TensorMap> {
  const feeds = feedsFor(ort, inputs)
  let results: InferenceSession.OnnxValueMapType
  try {
    results = await session.run(feeds)
  } catch (error) {
    throw inferenceRunError(session, modelId, inputs, error)
  }
  const outputs: TensorMap = {}
  try {
    for (const [name, value] of Object.entries(results)) {
      const t = value as OrtTensor
      // No copy: onnxruntime-node hands every run's outputs over in fresh ArrayBuffers of their own, never reused by a
      // later run (a test pins it), and dispose() below only drops the runtime tensor's references. A copy cost
      // ~25 µs a run for a 256 KiB output.
      outputs[name] = { data: t.data as TypedArray, shape: [...t.dims], dtype: t.type as DType } as Tensor
    }
  } finally {
    for (const value of Object.values(results)) (value as OrtTensor).dispose()
  }
  return outputs
}

/** The runtime tensor last built over each input buffer: it wraps the buffer (no copy), so new contents need none. */
const tensorOfData = new WeakMap<object, OrtTensor>()

/**
 * ONNX Runtime tensors wrapping `inputs`' buffers (no copy). A buffer fed again in the same dtype and shape gets
 * the tensor built the first time, as a loop over `session.run` reuses its feeds: the determinism loop feeds one
 * record n times, and a fuzz property writes each case into the buffer of the case before. Building them (the
 * runtime's checks of type, dims and data) was a measurable part of the per-call cost on a ~2 ms model.
 */
function feedsFor(ort: Ort, inputs: Readonly<Record<string, Tensor>>): Record<string, OrtTensor> {
  const feeds: Record<string, OrtTensor> = {}
  for (const name in inputs) {
    const t = inputs[name]!
    const kept = tensorOfData.get(t.data)
    // The length too: a view over a resizable ArrayBuffer can change size under the same object.
    if (kept !== undefined && kept.type === t.dtype && kept.size === t.data.length && sameDims(kept.dims, t.shape)) {
      feeds[name] = kept
      continue
    }
    const built = new ort.Tensor(t.dtype, t.data as never, [...t.shape])
    tensorOfData.set(t.data, built)
    feeds[name] = built
  }
  return feeds
}

function sameDims(dims: readonly number[], shape: readonly number[]): boolean {
  if (dims.length !== shape.length) return false
  for (let i = 0; i < dims.length; i++) if (dims[i] !== shape[i]) return false
  return true
}

/** A loaded ONNX model. Create it through `openDevice('onnx')` then `device.load(...)`. */
export class OnnxModel extends BaseLoadedModel {
  readonly #ort: Ort
  readonly #session: InferenceSession
  readonly #normalizations: InputNormalizations

  constructor(init: ModelInit, ort: Ort, session: InferenceSession, normalizations: InputNormalizations = new Map()) {
    super(init)
    this.#ort = ort
    this.#session = session
    this.#normalizations = normalizations
  }

  protected override inferImpl(inputs: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
    return runSession(this.#ort, this.#session, this.id, normalizedInputs(inputs, this.#normalizations))
  }

  protected override async disposeImpl(): Promise<void> {
    await this.#session.release()
  }
}
