/**
 * The ready-made properties by name: when each applies to a model and its device, and how
 * {@link runFuzz} builds it from the shared context.
 * @packageDocumentation
 */
import type { FuzzContext } from './context.js'
import { loadRecordOf } from '../device/load-record.js'
import { isRecordedOutputs } from '../parity/recorded.js'
import { openReference } from '../parity/reference.js'
import { applicableEncodings } from './arbitraries/encoding.js'
import { encodings } from './properties/encodings.js'
import { formatPaths } from './properties/format-paths.js'
import { parity } from './properties/parity.js'
import { frameOrder } from './properties/frame-order.js'
import type { FuzzProperty } from './properties/fuzz-property.js'
import { repeatable } from './properties/repeatable.js'
import type { FuzzPropertyName } from './types.js'

/** One property as the engine sees it. */
export interface PropertyEntry {
  /** Why the property cannot run here, or `undefined` when it can. */
  applies(ctx: FuzzContext): string | undefined
  build(ctx: FuzzContext): FuzzProperty<unknown>
}

const signalOf = (ctx: FuzzContext): { signal?: AbortSignal } =>
  ctx.options.signal === undefined ? {} : { signal: ctx.options.signal }
const shapeOf = (ctx: FuzzContext): { shape?: FuzzContext['shape'] & object } =>
  ctx.shape === undefined ? {} : { shape: ctx.shape }

/**
 * The float reference a device is held to: the `reference` option (unless recorded outputs, which stand
 * for one input only), else the model's own ONNX on ONNX Runtime when the device computes from one.
 */
function referenceOpener(ctx: FuzzContext): (() => ReturnType<typeof openReference>) | undefined {
  const given = ctx.options.reference
  if (given !== undefined) return isRecordedOutputs(given) ? undefined : () => openReference(given)
  const record = loadRecordOf(ctx.model)
  if (record === undefined || (ctx.computeKind !== 'emulator' && ctx.computeKind !== 'onnx')) return undefined
  return () => openReference(record.model)
}

/** Every property, by name. */
export const PROPERTIES: Readonly<Record<FuzzPropertyName, PropertyEntry>> = {
  repeatable: {
    applies: () => undefined,
    build: (ctx) =>
      repeatable(ctx.model, {
        ...shapeOf(ctx),
        ...signalOf(ctx),
        ...(ctx.options.runs === undefined ? {} : { runs: ctx.options.runs }),
      }) as FuzzProperty<unknown>,
  },
  'frame-order': {
    applies: () => undefined,
    build: (ctx) => {
      const load = ctx.loadVariant
      return frameOrder(ctx.model, {
        ...shapeOf(ctx),
        ...signalOf(ctx),
        ...(load === undefined ? {} : { freshLoad: () => load(undefined) }),
      }) as FuzzProperty<unknown>
    },
  },
  'format-paths': {
    applies: (ctx) => {
      if (ctx.computeKind === 'onnx')
        return "the onnx device has one path (ONNX Runtime takes the model's own types; there are no float32 / raw vstream formats): run it on hailo or emulator"
      if (ctx.loadVariant === undefined)
        return 'the model cannot be loaded again in another format here (it was not loaded by a vitest-hailo device): give loadVariant'
      return undefined
    },
    build: (ctx) => {
      const load = ctx.loadVariant!
      return formatPaths(ctx.model, {
        loadVariant: (format) => load(format),
        ...shapeOf(ctx),
        ...signalOf(ctx),
      }) as FuzzProperty<unknown>
    },
  },
  encodings: {
    applies: (ctx) =>
      applicableEncodings(ctx.model.inputs).length > 1 ? undefined : 'no input of the model takes pixels or floats',
    build: (ctx) => {
      const opener = referenceOpener(ctx)
      const loaded = loadRecordOf(ctx.model)?.options.normalization
      const normalization = ctx.options.normalization ?? loaded
      return encodings(ctx.model, {
        ...shapeOf(ctx),
        ...signalOf(ctx),
        ...(normalization === undefined ? {} : { normalization }),
        // The onnx device applies a load's normalization to the float inputs it declares (the emulator's and the
        // chip's inputs are pixel codes already).
        ...(loaded !== undefined && ctx.computeKind === 'onnx' ? { normalizedByDevice: true } : {}),
        ...(opener === undefined ? {} : { reference: opener }),
      }) as FuzzProperty<unknown>
    },
  },
  parity: {
    applies: (ctx) =>
      ctx.options.reference === undefined
        ? 'it needs a reference (an .onnx path, a model, or recorded outputs) to compare with'
        : undefined,
    build: (ctx) => {
      const reference = ctx.options.reference!
      const normalization = ctx.options.normalization ?? loadRecordOf(ctx.model)?.options.normalization
      return parity(ctx.model, {
        reference: () => openReference(reference),
        recorded: isRecordedOutputs(reference),
        bases: ctx.bases,
        ...(ctx.options.tolerance === undefined ? {} : { tolerance: ctx.options.tolerance }),
        ...(normalization === undefined ? {} : { normalization }),
        ...shapeOf(ctx),
        ...signalOf(ctx),
      }) as FuzzProperty<unknown>
    },
  },
}
