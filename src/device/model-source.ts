/**
 * Reading what a caller passes to `device.load`: a path or the model's bytes. Missing, unreadable,
 * empty or non-regular files (a FIFO, `/dev/zero`) become a {@link ModelFileError} before any byte
 * reaches a runtime.
 * @packageDocumentation
 */
import { ModelFileError } from '../errors.js'
import { readUserFile } from '../files/read-user-file.js'
import { invalidParameter } from '../validate.js'

/** A model's bytes and where they came from. */
export interface ModelSource {
  readonly bytes: Uint8Array
  /** The path as the caller gave it, or `<bytes>`. */
  readonly source: string
  /** The path, when the model came from a file. */
  readonly path?: string
}

/** What `source` says for a model given as bytes. */
export const BYTES_SOURCE = '<bytes>'

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? ((error as { code?: unknown }).code as string | undefined)
    : undefined
}

/**
 * Read a model given as a path or bytes.
 * @example
 * ```ts
 * const { bytes, source } = await readModelSource('build/model.onnx')
 * ```
 */
export async function readModelSource(model: unknown): Promise<ModelSource> {
  if (model instanceof Uint8Array) {
    if (model.byteLength === 0)
      throw new ModelFileError(
        BYTES_SOURCE,
        'The model bytes are empty (0 bytes). Pass the contents of a .onnx or .hef file.',
      )
    return { bytes: model, source: BYTES_SOURCE }
  }
  if (typeof model !== 'string' || model === '') {
    throw invalidParameter('model', 'a model file path or a Uint8Array of its bytes', model)
  }
  const bytes = await readUserFile(model, {
    fail: (reason, cause) =>
      new ModelFileError(
        model,
        errnoCode(cause) === 'ENOENT'
          ? `Model file ${JSON.stringify(model)} does not exist (working directory: ${process.cwd()}). Check the path, or build the model first.`
          : `Model file ${JSON.stringify(model)} cannot be read: ${reason}.${reason === 'it is a directory' ? ' Pass the path of the .onnx or .hef file inside it.' : ''}`,
        { cause },
      ),
  })
  if (bytes.byteLength === 0) {
    throw new ModelFileError(
      model,
      `Model file ${JSON.stringify(model)} is empty (0 bytes): an interrupted build or download? Rebuild or copy it again.`,
    )
  }
  return { bytes, source: model, path: model }
}
