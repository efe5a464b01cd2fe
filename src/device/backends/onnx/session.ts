/**
 * Creating an ONNX Runtime session from model bytes, with the runtime's parse errors turned into a
 * {@link ModelFileError} that keeps the runtime's message as its cause and says what to do.
 * @packageDocumentation
 */
import { HefNeedsChipError, ModelFileError } from '../../../errors.js'
import { startsWithHefMagic } from '../../../hef/header.js'
import type { InferenceSession } from 'onnxruntime-node'
import type { TensorInfo } from '../../../tensor/types.js'
import { toTensorInfos } from './metadata.js'
import type { Ort } from './runtime.js'
import { sessionOptions } from './session-options.js'
import { errorMessage } from '../../../error-message.js'

/**
 * Create a CPU session with the pinned options.
 * @example
 * ```ts
 * const session = await createSession(await loadOrt(), bytes, 'model.onnx', 1)
 * ```
 */
export async function createSession(
  ort: Ort,
  bytes: Uint8Array,
  source: string,
  threads?: number,
): Promise<InferenceSession> {
  // A HEF is the common mix-up on a machine without a chip ('auto' fell back to ONNX): say so
  // plainly instead of letting ONNX Runtime report a protobuf parse failure.
  if (startsWithHefMagic(bytes)) throw new HefNeedsChipError(source, 'ONNX Runtime')
  try {
    return await ort.InferenceSession.create(bytes, sessionOptions(threads))
  } catch (error) {
    const message = errorMessage(error)
    const parse = /protobuf parsing failed|ModelProto|Invalid model|model data/i.test(message)
    const hint = parse
      ? 'The file is not a valid ONNX model: truncated by an interrupted copy or download, or not ONNX at all. Re-export or copy it again and check its size.'
      : 'ONNX Runtime refused the model (an operator or opset it does not support, or an invalid graph). Check the export (opset, custom ops) with onnx.checker.'
    throw new ModelFileError(
      source,
      `Cannot load ${source} (${bytes.byteLength} bytes) with ONNX Runtime: ${message}\n${hint}`,
      { cause: error },
    )
  }
}

/** A session just created, with its inputs and outputs as tensor infos. */
export interface OpenedSession {
  readonly session: InferenceSession
  readonly inputs: TensorInfo[]
  readonly outputs: TensorInfo[]
}

/**
 * Create a session, read its inputs and outputs, and hand them to `build` (which makes the loaded
 * model around the session); the session is released if reading or building fails.
 * @example
 * ```ts
 * return withSession(ort, request, async ({ session, inputs, outputs }) => new OnnxModel(…, session))
 * ```
 */
export async function withSession<T>(
  ort: Ort,
  request: { bytes: Uint8Array; source: string; threads?: number | undefined },
  build: (opened: OpenedSession) => Promise<T> | T,
): Promise<T> {
  const session = await createSession(ort, request.bytes, request.source, request.threads)
  try {
    const inputs = toTensorInfos(session.inputMetadata, 'input', request.source)
    const outputs = toTensorInfos(session.outputMetadata, 'output', request.source)
    return await build({ session, inputs, outputs })
  } catch (error) {
    await session.release()
    throw error
  }
}
