/**
 * `frame-order`: any schedule of frames gives, for each frame, the output that frame gives alone.
 * Each schedule starts on a fresh load when the property can make one, so a bad first run shows too.
 * Finds a stale output buffer, alternating buffers and a wrong first run (`stale`, `alternating`, `first-run`).
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InferableModel, LoadedModel } from '../../device/types.js'
import { InvalidArgumentError } from '../../errors.js'
import type { Tensor, TensorMap } from '../../tensor/types.js'
import { checkConstraints, integerConstraint } from '../arbitraries/constraints.js'
import { frameSchedule } from '../arbitraries/frame-schedule.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { caseError, FuzzCaseFailure } from './case-failure.js'
import { compareSides } from './compare-sides.js'
import { disposable, type FuzzProperty } from './fuzz-property.js'
import { inferCopy, sameBytes } from './infer-copy.js'
import { inputDependence } from './input-dependence.js'

/** One case: distinct frames, and the order they are sent in (indices into `frames`). */
export interface FrameOrderCase {
  readonly frames: readonly GeneratedInput[]
  readonly schedule: readonly number[]
}

/** Options of {@link frameOrder}. */
export interface FrameOrderOptions {
  /** Distinct frames per case, an integer ≥ 2. @defaultValue 3 */
  readonly frames?: number
  /** Longest schedule. @defaultValue `2 · frames + 2` */
  readonly maxLength?: number
  /**
   * Loads a fresh copy of the model for each schedule (disposed after it), so the schedule's first
   * frame is the load's first inference. @defaultValue none: schedules run on `model` itself
   */
  readonly freshLoad?: () => Promise<LoadedModel>
  /** Concrete shapes for inputs with dynamic dimensions. */
  readonly shape?: ShapeConstraint
  /** Stops inference when aborted. */
  readonly signal?: AbortSignal
}

const KEYS = ['frames', 'maxLength', 'freshLoad', 'shape', 'signal'] as const
const API = 'frameOrder'
/** Frames whose "alone" output is kept. */
const ALONE_CACHE = 16

/**
 * The `frame-order` property for `model`. Each frame's "alone" output is its second of two back-to-back
 * runs on `model` (the first may still hold the previous frame's output).
 * @example
 * ```ts
 * await using property = frameOrder(model, { freshLoad: () => device.load('model.onnx') })
 * await fc.assert(property, { numRuns: 50 })
 * ```
 */
export function frameOrder(model: InferableModel, options?: FrameOrderOptions): FuzzProperty<FrameOrderCase> {
  const o = checkConstraints(API, options, KEYS)
  const count = o.frames === undefined ? 3 : integerConstraint(API, 'frames', o.frames, 2, 100)
  if (o.freshLoad !== undefined && typeof o.freshLoad !== 'function')
    throw new InvalidArgumentError(`Expected a function returning a loaded model for ${API} option freshLoad.`)
  const infos = concreteInfos(API, model.inputs, o.shape)
  const { signal, freshLoad } = o
  const schedule = frameSchedule(count, o.maxLength === undefined ? {} : { maxLength: o.maxLength })
  const frame = descriptionArbitrary(infos, {})
  const arbitrary = fc.record({ frames: fc.array(frame, { minLength: count, maxLength: count }), schedule })
  const alone = new Map<string, TensorMap>()
  const dependence = inputDependence()
  let warmed = false

  async function aloneOutput(input: GeneratedInput, tensors: Readonly<Record<string, Tensor>>): Promise<TensorMap> {
    const key = JSON.stringify(input)
    const known = alone.get(key)
    if (known !== undefined) return known
    if (!warmed) {
      await inferCopy(model, tensors, signal) // past a first-run fault of `model` itself
      warmed = true
    }
    await inferCopy(model, tensors, signal)
    const out = await inferCopy(model, tensors, signal)
    alone.set(key, out)
    // Shrinking reuses the same few frames: a small cache, so memory does not grow with numRuns.
    if (alone.size > ALONE_CACHE) alone.delete(alone.keys().next().value!)
    return out
  }

  return disposable(
    fc.asyncProperty(arbitrary, async ({ frames, schedule: order }) => {
      const tensors = frames.map((f) => materialize(infos, f))
      const inputs = Object.fromEntries(tensors.map((t, i) => [`frame ${i + 1}`, t]))
      const target = freshLoad === undefined ? model : await freshLoad()
      try {
        const got: TensorMap[] = []
        for (const k of order)
          got.push(await inferCopy(target, tensors[k]!, signal).catch((e: unknown) => caseError(e, inputs, {})))
        // One output per case, its first position's, is enough to tell a model that ignores its input.
        dependence.observe(tensors[order[0]!]!, got[0]!)
        for (let j = 0; j < order.length; j++) {
          const k = order[j]!
          const expected = await aloneOutput(frames[k]!, tensors[k]!)
          if (sameBytes(got[j]!, expected)) continue
          const outputs = { [`position ${j + 1} (frame ${k + 1})`]: got[j]!, [`frame ${k + 1} alone`]: expected }
          const [actual, wanted] = Object.keys(outputs) as [string, string]
          throw new FuzzCaseFailure(
            `position ${j + 1} of the schedule (frame ${k + 1}) differs from frame ${k + 1} alone`,
            {
              inputs,
              outputs,
              difference: compareSides(outputs, actual, wanted, {}, model.outputs),
            },
          )
        }
      } finally {
        if (target !== model) await (target as LoadedModel).dispose()
      }
    }),
    undefined,
    { dependence },
  )
}
