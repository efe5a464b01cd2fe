/**
 * Open the parity reference: an `.onnx` path or bytes on the `onnx` device (ONNX Runtime on the CPU,
 * one intra-op thread), a model the caller already holds, or recorded outputs (`.npy` / tensors). What is opened here
 * is released here.
 * @packageDocumentation
 */
import { assertInferableModel } from '../device/assert-inferable.js'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { describeValue } from '../validate.js'
import { isRecordedOutputs, recordedModel } from './recorded.js'
import { displayPath } from '../inputs/samples.js'
import type { ParityReference } from './types.js'

/** An opened reference and how to let it go. */
export interface OpenedReference {
  readonly model: InferableModel
  /** `path/to/model.onnx`, `<bytes>` or `model`. */
  readonly label: string
  /** True when the reference is recorded outputs: it takes no input and stands for one sample only. */
  readonly recorded: boolean
  /** Releases what {@link openReference} opened (nothing for a caller's model). Idempotent. */
  close(): Promise<void>
}

/**
 * Open `reference` for parity.
 * @throws {@link InvalidArgumentError} for something that is neither a path, bytes nor a model; the
 * `onnx` device's errors for a missing or corrupt model file.
 * @example
 * ```ts
 * const ref = await openReference('model.onnx')
 * try { await ref.model.infer(inputs) } finally { await ref.close() }
 * ```
 */
export async function openReference(reference: ParityReference): Promise<OpenedReference> {
  if (isRecordedOutputs(reference)) {
    const { model, label } = await recordedModel(reference)
    return { model, label, recorded: true, close: async () => undefined }
  }
  if (typeof reference !== 'string' && !(reference instanceof Uint8Array)) {
    if (reference === null || typeof reference !== 'object') {
      throw new InvalidArgumentError(
        `Expected the ONNX reference as a path to an .onnx file, its bytes, a loaded model, or recorded outputs by name, but received ${describeValue(reference)}.`,
      )
    }
    assertInferableModel(reference, 'the ONNX reference')
    return { model: reference, label: 'model', recorded: false, close: async () => undefined }
  }
  if (typeof reference === 'string' && reference === '')
    throw new InvalidArgumentError('Expected a path to an .onnx file for the reference but received an empty string.')
  let device: Device | undefined
  try {
    device = await openDevice('onnx')
    const model = await device.load(reference, { threads: 1 })
    let closed: Promise<void> | undefined
    const opened = device
    return {
      model,
      label: typeof reference === 'string' ? displayPath(reference) : '<bytes>',
      recorded: false,
      close: () => (closed ??= model.dispose().finally(() => opened.dispose())),
    }
  } catch (error) {
    await device?.dispose()
    throw error
  }
}
