/**
 * The ready-made properties by name: when each applies to a model and its device, and how
 * {@link runFuzz} builds it from the shared context.
 * @packageDocumentation
 */
import type { FuzzContext } from './context.js'
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

const signalOf = (ctx: FuzzContext): { signal?: AbortSignal } => (ctx.options.signal === undefined ? {} : { signal: ctx.options.signal })
const shapeOf = (ctx: FuzzContext): { shape?: FuzzContext['shape'] & object } => (ctx.shape === undefined ? {} : { shape: ctx.shape })

/** Every property, by name. */
export const PROPERTIES: Readonly<Record<FuzzPropertyName, PropertyEntry>> = {
  repeatable: {
    applies: () => undefined,
    build: (ctx) => repeatable(ctx.model, { ...shapeOf(ctx), ...signalOf(ctx), ...(ctx.options.runs === undefined ? {} : { runs: ctx.options.runs }) }) as FuzzProperty<unknown>,
  },
  'frame-order': {
    applies: () => undefined,
    build: (ctx) => {
      const load = ctx.loadVariant
      return frameOrder(ctx.model, { ...shapeOf(ctx), ...signalOf(ctx), ...(load === undefined ? {} : { freshLoad: () => load(undefined) }) }) as FuzzProperty<unknown>
    },
  },
  'format-paths': {
    applies: () => 'not available in this build yet',
    build: () => { throw new Error('format-paths is not available') },
  },
  encodings: {
    applies: () => 'not available in this build yet',
    build: () => { throw new Error('encodings is not available') },
  },
  parity: {
    applies: () => 'not available in this build yet',
    build: () => { throw new Error('parity is not available') },
  },
}
