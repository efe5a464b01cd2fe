/**
 * `describeOnnx`: what an ONNX model declares (inputs and outputs as vitest-hailo sees them),
 * without opening a device. The session is created, read and released at once.
 * @packageDocumentation
 */
import type { TensorInfo } from '../../../tensor/types.js'
import { readModelSource } from '../../model-source.js'
import { toTensorInfos } from './metadata.js'
import { loadOrt, ortVersion } from './runtime.js'
import { createSession } from './session.js'

/** What {@link describeOnnx} returns. */
export interface OnnxDescription {
  readonly format: 'onnx'
  /** The path as given, or `<bytes>`. */
  readonly source: string
  readonly sizeBytes: number
  readonly inputs: readonly TensorInfo[]
  readonly outputs: readonly TensorInfo[]
  /** The runtime that read it. */
  readonly versions: Readonly<Record<string, string>>
}

/**
 * Describe an ONNX model's inputs and outputs (dynamic dims stay symbolic, layouts guessed).
 * Missing or corrupt files throw `ModelFileError`.
 * @example
 * ```ts
 * const { inputs } = await describeOnnx('model.onnx')
 * console.log(inputs[0]?.shape) // ['batch', 3, 224, 224]
 * ```
 */
export async function describeOnnx(model: string | Uint8Array): Promise<OnnxDescription> {
  const { bytes, source } = await readModelSource(model)
  const ort = await loadOrt()
  const session = await createSession(ort, bytes, source, 1)
  try {
    return {
      format: 'onnx',
      source,
      sizeBytes: bytes.byteLength,
      inputs: toTensorInfos(session.inputMetadata, 'input', source),
      outputs: toTensorInfos(session.outputMetadata, 'output', source),
      versions: { onnxruntime: ortVersion(ort) },
    }
  } finally {
    await session.release()
  }
}
