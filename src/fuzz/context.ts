/**
 * What every property builder of {@link runFuzz} receives: the model, the checked options, the base
 * inputs already resolved, and how to load another copy of the model.
 * @packageDocumentation
 */
import { loadRecordOf } from '../device/load-record.js'
import type { DeviceKind, InferableModel, LoadedModel, VStreamFormat } from '../device/types.js'
import { listSamples } from '../inputs/samples.js'
import { resolveInputs } from '../inputs/resolve.js'
import type { Tensor } from '../tensor/types.js'
import { shapesOf, type ShapeConstraint } from './concrete-shapes.js'
import type { CheckedFuzzOptions } from './options.js'

/** The shared context of one {@link runFuzz} call. */
export interface FuzzContext {
  readonly model: InferableModel
  readonly options: CheckedFuzzOptions
  /** The base inputs (`input` / `inputs`), resolved to tensors by input name. */
  readonly bases: readonly Readonly<Record<string, Tensor>>[]
  /** Concrete shapes from the first base input, for dynamic dimensions. */
  readonly shape: ShapeConstraint | undefined
  /** Loads another copy of the model (in a vstream format, or as it was loaded), when possible. */
  readonly loadVariant: ((format: VStreamFormat | undefined) => Promise<LoadedModel>) | undefined
  /** The kind of device that computes (the inner device of a `faulty` one), when known. */
  readonly computeKind: DeviceKind | undefined
}

/** True for a model a built-in device loaded (it has a device, a source and a fingerprint). */
export function isLoadedModel(model: InferableModel): model is LoadedModel {
  const m = model as Partial<LoadedModel>
  return (
    typeof m.fingerprint === 'function' &&
    typeof m.device === 'object' &&
    m.device !== null &&
    typeof m.device.load === 'function'
  )
}

function innermostKind(model: InferableModel): DeviceKind | undefined {
  if (!isLoadedModel(model)) return undefined
  let device: unknown = model.device
  // A faulty device wraps another: the paths it has are its inner device's.
  while (
    typeof device === 'object' &&
    device !== null &&
    (device as { kind?: string }).kind === 'faulty' &&
    'inner' in device
  )
    device = (device as { inner: unknown }).inner
  return (device as { kind?: DeviceKind }).kind
}

function defaultLoader(model: InferableModel): FuzzContext['loadVariant'] {
  if (!isLoadedModel(model)) return undefined
  const record = loadRecordOf(model)
  if (record === undefined) return undefined
  return (format) =>
    model.device.load(record.model, format === undefined ? record.options : { ...record.options, format })
}

/**
 * Build the context: resolve the base inputs (images, `.npy`, tensors) against the model's inputs.
 * @example
 * ```ts
 * const ctx = await fuzzContext(model, checkFuzzOptions({ input: 'cat.png' }))
 * ```
 */
export async function fuzzContext(model: InferableModel, options: CheckedFuzzOptions): Promise<FuzzContext> {
  const bases: Record<string, Tensor>[] = []
  if (options.input !== undefined || options.inputs !== undefined) {
    const samples = await listSamples({
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
    })
    for (const s of samples) {
      if (s.source !== undefined)
        bases.push(
          await resolveInputs(model.inputs, s.source, options.image === undefined ? {} : { image: options.image }),
        )
    }
  }
  const first = bases[0]
  return {
    model,
    options,
    bases,
    shape: first === undefined ? options.shape : shapesOf(first),
    loadVariant: options.loadVariant ?? defaultLoader(model),
    computeKind: innermostKind(model),
  }
}
