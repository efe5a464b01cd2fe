/**
 * Judging two labelled outputs of one case with `src/compare`, and the tolerances the properties use:
 * bit-exact, or within one quantization step of every output.
 * @packageDocumentation
 */
import { compareOutputs } from '../../compare/compare-outputs.js'
import type { Tolerance, ToleranceCriteria } from '../../compare/tolerance.js'
import { classifyOutput, type ClassPrediction } from '../../determinism/classifier.js'
import { largestDifference } from '../../determinism/difference.js'
import type { TensorInfo, TensorMap } from '../../tensor/types.js'
import type { FuzzDifference } from '../types.js'

/** Absolute and relative slack for float outputs that carry no quantization (float rounding between paths). */
const FLOAT_SLACK: ToleranceCriteria = { atol: 1e-4, rtol: 1e-3 }

/**
 * Within one quantization step for every quantized output, float rounding for the others; with `top1`,
 * also the same top-1 class for classifier-like outputs.
 * @example
 * ```ts
 * oneStep(model.outputs, { top1: true }) // { perOutput: { logits: { steps: 1, top1: true } } }
 * ```
 */
export function oneStep(outputs: readonly TensorInfo[], options: { readonly top1?: boolean } = {}): Tolerance {
  const perOutput: Record<string, ToleranceCriteria> = {}
  for (const info of outputs) {
    const classes = info.shape[info.shape.length - 1]
    const classifier =
      options.top1 === true &&
      typeof classes === 'number' &&
      classes >= 2 &&
      info.shape.slice(0, -1).every((d) => d === 1)
    perOutput[info.name] = {
      ...(info.quant === undefined ? FLOAT_SLACK : { steps: 1 }),
      ...(classifier ? { top1: true } : {}),
    }
  }
  return { perOutput }
}

function classesOf(outputs: TensorMap, infos: readonly TensorInfo[]): Record<string, ClassPrediction> {
  const out: Record<string, ClassPrediction> = {}
  for (const info of infos) {
    const t = outputs[info.name]
    const p = t === undefined ? undefined : classifyOutput(t, info)
    if (p !== undefined) out[info.name] = p
  }
  return out
}

/**
 * Compare `outputs[actual]` with `outputs[expected]` under `tolerance`; the data for a failure message.
 * `infos` gives each output's quantization (for `steps`) and how to read classes.
 * @example
 * ```ts
 * const d = compareSides({ 'run 1': a, 'run 2': b }, 'run 2', 'run 1', {}, model.outputs)
 * if (!d.comparison.pass) throw new FuzzCaseFailure('outputs differ', { inputs, outputs, difference: d })
 * ```
 */
export function compareSides(
  outputs: Readonly<Record<string, TensorMap>>,
  actual: string,
  expected: string,
  tolerance: Tolerance,
  infos: readonly TensorInfo[],
): FuzzDifference {
  const a = outputs[actual]!,
    e = outputs[expected]!
  const quant = Object.fromEntries(infos.map((i) => [i.name, i.quant]))
  const comparison = compareOutputs(a, e, tolerance, { quant })
  const largest = largestDifference(a, e, Object.keys(e))
  return {
    between: [actual, expected],
    comparison,
    ...(largest === undefined ? {} : { largest }),
    classes: { [actual]: classesOf(a, infos), [expected]: classesOf(e, infos) },
  }
}
