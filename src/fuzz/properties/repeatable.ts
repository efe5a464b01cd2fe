/**
 * `repeatable`: every generated input gives identical output bytes over `runs` runs. Finds noise,
 * flipped bits and a network computing on a garbage buffer (`random`, `bitflip`, `garbage-input`).
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { InferableModel } from '../../device/types.js'
import { resolveInputs } from '../../inputs/resolve.js'
import type { TensorMap } from '../../tensor/types.js'
import { descriptionArbitrary, resolvedMaterializer, type GeneratedInput } from '../arbitraries/input-description.js'
import { ScratchBuffers } from '../../inputs/scratch-buffers.js'
import { checkConstraints, integerConstraint } from '../arbitraries/constraints.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { caseError, FuzzCaseFailure } from './case-failure.js'
import { compareSides } from './compare-sides.js'
import { disposable, type FuzzProperty } from './fuzz-property.js'
import { inferCopy, sameBytes } from './infer-copy.js'
import { inputDependence } from './input-dependence.js'

/** Options of {@link repeatable}. */
export interface RepeatableOptions {
  /** Runs per generated input, an integer ≥ 2. @defaultValue 3 */
  readonly runs?: number
  /** Concrete shapes for inputs with dynamic dimensions. */
  readonly shape?: ShapeConstraint
  /** Stops inference when aborted. */
  readonly signal?: AbortSignal
}

/** Default runs per input. */
export const DEFAULT_REPEAT_RUNS = 3
const KEYS = ['runs', 'shape', 'signal'] as const

/**
 * The `repeatable` property for `model`: run each generated input `runs` times; every run's bytes equal run 1's.
 * @example
 * ```ts
 * await using property = repeatable(model, { runs: 3 })
 * await fc.assert(property, { numRuns: 50 })
 * ```
 */
export function repeatable(model: InferableModel, options?: RepeatableOptions): FuzzProperty<GeneratedInput> {
  const o = checkConstraints('repeatable', options, KEYS)
  const runs = o.runs === undefined ? DEFAULT_REPEAT_RUNS : integerConstraint('repeatable', 'runs', o.runs, 2, 1000)
  const declared = model.inputs
  const infos = concreteInfos('repeatable', declared, o.shape)
  // Built once: the infos are fixed for the property, so what depends on them alone is not recomputed per case.
  const arbitrary = descriptionArbitrary(infos, {})
  const materializeCase = resolvedMaterializer(declared, infos)
  const signal = o.signal
  // A passed case hands its input buffers back to the pool for the next case; a failed (or still running) one
  // keeps them: they are its evidence, and may still be in use.
  const pool = new ScratchBuffers()
  const dependence = inputDependence()
  /**
   * Runs 1 and 2 differ: the remaining runs tell a first run that answered something else (the input before it, a
   * first-run fault: a replay of this case alone will not show it) from noise. The claim when runs 2… all agree.
   */
  const onlyFirstDiffers = async (
    outputs: Record<string, TensorMap>,
    tensors: Parameters<typeof inferCopy>[1],
  ): Promise<string | undefined> => {
    const later: Record<string, TensorMap> = {}
    for (let r = 3; r <= runs; r++) {
      later[`run ${r}`] = await inferCopy(model, tensors, signal).catch((e: unknown) =>
        caseError(e, { input: tensors }, outputs),
      )
      // Noise: the evidence stays the two runs that differed.
      if (!sameBytes(later[`run ${r}`]!, outputs['run 2']!)) return undefined
    }
    Object.assign(outputs, later) // the runs that agree are the evidence of the claim
    return `run 1 differs, and runs 2–${runs} agree: the case's first run answered something else — the input before it (a stale buffer), or a first-run fault; frame-order tells which, and its token replays alone`
  }
  const check = async (input: GeneratedInput): Promise<void> => {
    const lease = pool.lease()
    // Resolved once: the runs feed the same tensors, so the device takes them as they are. A drawn input is
    // generated resolved (not NaN-scanned); a fast-check example is checked like any input.
    const raw = materializeCase(input, lease)
    const tensors = await resolveInputs(declared, raw).catch((e: unknown) => caseError(e, { input: raw }, {}))
    const outputs: Record<string, TensorMap> = {}
    for (let r = 1; r <= runs; r++) {
      outputs[`run ${r}`] = await inferCopy(model, tensors, signal).catch((e: unknown) =>
        caseError(e, { input: tensors }, outputs),
      )
      if (r === 1) {
        dependence.observe(tensors, outputs['run 1']!)
        continue
      }
      if (sameBytes(outputs[`run ${r}`]!, outputs['run 1']!)) continue
      const claim = r === 2 && runs > 2 ? await onlyFirstDiffers(outputs, tensors) : undefined
      const difference = compareSides(outputs, `run ${r}`, 'run 1', {}, model.outputs)
      throw new FuzzCaseFailure(`run ${r} differs from run 1`, {
        inputs: { input: tensors },
        outputs,
        difference: claim === undefined ? difference : { ...difference, claim },
      })
    }
    lease.release()
  }
  return disposable(fc.asyncProperty(arbitrary, check), undefined, { dependence })
}
