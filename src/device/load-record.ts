/**
 * What each model was loaded from and with (the path or the caller's bytes, and the load options), so
 * a second copy can be loaded the same way — in another vstream format, or fresh — without the caller
 * repeating them (the fuzzing engine's `format-paths` and `frame-order`). Nothing is copied: a path, or
 * the caller's own byte array.
 * @packageDocumentation
 */
import type { LoadedModel, LoadOptions } from './types.js'

/** How a model was loaded. */
export interface LoadRecord {
  /** The path given to `device.load`, or the bytes. */
  readonly model: string | Uint8Array
  readonly options: LoadOptions
}

const records = new WeakMap<LoadedModel, LoadRecord>()

/**
 * Remember how `loaded` was loaded (called by `BaseDevice.load`).
 * @example
 * ```ts
 * rememberLoad(loaded, { model: 'model.onnx', options: { format: 'raw' } })
 * ```
 */
export function rememberLoad(loaded: LoadedModel, record: LoadRecord): void {
  records.set(loaded, record)
}

/**
 * How `model` was loaded, when a built-in device loaded it.
 * @example
 * ```ts
 * const r = loadRecordOf(model)
 * if (r) await model.device.load(r.model, { ...r.options, format: 'raw' })
 * ```
 */
export function loadRecordOf(model: object): LoadRecord | undefined {
  return records.get(model as LoadedModel)
}
