/**
 * Reading what a caller passes to `device.load`: a path or the model's bytes. Missing, unreadable
 * or empty files become a {@link ModelFileError} before any byte reaches a runtime.
 * @packageDocumentation
 */
import { readFile, stat } from 'node:fs/promises'
import { ModelFileError } from '../errors.js'
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
  return typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code as string | undefined) : undefined
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
    if (model.byteLength === 0) throw new ModelFileError(BYTES_SOURCE, 'The model bytes are empty (0 bytes). Pass the contents of a .onnx or .hef file.')
    return { bytes: model, source: BYTES_SOURCE }
  }
  if (typeof model !== 'string' || model === '') {
    throw invalidParameter('model', 'a model file path or a Uint8Array of its bytes', model)
  }
  let bytes: Uint8Array
  try {
    const info = await stat(model)
    if (info.isDirectory()) {
      throw new ModelFileError(model, `Expected a model file but ${JSON.stringify(model)} is a directory. Pass the path of the .onnx or .hef file inside it.`)
    }
    bytes = await readFile(model)
  } catch (error) {
    if (error instanceof ModelFileError) throw error
    const code = errnoCode(error)
    const what =
      code === 'ENOENT'
        ? `Model file ${JSON.stringify(model)} does not exist (working directory: ${process.cwd()}). Check the path, or build the model first.`
        : code === 'EACCES' || code === 'EPERM'
          ? `Model file ${JSON.stringify(model)} cannot be read: permission denied. Fix its permissions.`
          : `Model file ${JSON.stringify(model)} cannot be read (${code ?? String(error)}).`
    throw new ModelFileError(model, what, { cause: error })
  }
  if (bytes.byteLength === 0) {
    throw new ModelFileError(model, `Model file ${JSON.stringify(model)} is empty (0 bytes): an interrupted build or download? Rebuild or copy it again.`)
  }
  return { bytes, source: model, path: model }
}
