/**
 * The dataset verdict: several samples compared one by one, judged together. Element-wise and
 * similarity criteria must hold in every sample; `top1` / `topK` fractions count agreeing rows over
 * all samples (`top1: 0.98` = at least 98 % of the rows of all samples agree).
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.js'
import { invalidParameter } from '../validate.js'
import { failedCriteria, requiredTopK } from './criteria.js'
import { criteriaFor, validateTolerance, type Tolerance } from './tolerance.js'
import { rowsWithinTopK } from './top1.js'
import type {
  DatasetComparison,
  DatasetOutputComparison,
  FailedCriterion,
  MinimumPassing,
  OutputsComparison,
  TensorComparison,
} from './types.js'

const isClassCriterion = (c: FailedCriterion['criterion']): boolean => c === 'top1' || c === 'topK'

/** The worst of several measurements of one criterion: the largest for a `'max'` bound, the smallest for `'min'`. */
function worstOf(a: FailedCriterion, b: FailedCriterion): FailedCriterion {
  const worse = a.bound === 'max' ? b.measured > a.measured : b.measured < a.measured
  return worse || Number.isNaN(b.measured) ? b : a
}

function aggregateOutput(
  name: string,
  list: readonly TensorComparison[],
  tolerance: Tolerance,
): DatasetOutputComparison {
  const criteria = criteriaFor(tolerance, name)
  const k = requiredTopK(criteria)?.k ?? 1
  const worstByCriterion = new Map<string, FailedCriterion>()
  const failingSamples: number[] = []
  let rows = 0,
    agreeing = 0,
    topKAgreeing = 0,
    worst = 0
  let min: MinimumPassing = list[0]!.minimumPassing
  let noTopK = false
  list.forEach((c, sample) => {
    rows += c.top1.rows
    agreeing += c.top1.agreeing
    topKAgreeing += rowsWithinTopK(c.top1, k)
    const sampleFailures = c.failed.filter((f) => !isClassCriterion(f.criterion))
    if (sampleFailures.length > 0) failingSamples.push(sample)
    for (const f of sampleFailures) {
      const seen = worstByCriterion.get(f.criterion)
      worstByCriterion.set(
        f.criterion,
        seen === undefined
          ? f
          : f.criterion === 'exact' || f.criterion === 'nan'
            ? { ...seen, measured: seen.measured + f.measured }
            : worstOf(seen, f),
      )
    }
    if ((c.maxAbs?.value ?? 0) > (list[worst]!.maxAbs?.value ?? 0)) worst = sample
    const m = c.minimumPassing
    // A sample of a class output with no topK to suggest needs every class: no k passes the dataset either.
    noTopK ||= c.top1.rows > 0 && m.topK === undefined
    min = {
      atol: Math.max(min.atol, m.atol),
      ...(m.steps === undefined || min.steps === undefined ? {} : { steps: Math.max(min.steps, m.steps) }),
      cosine: Math.min(min.cosine, m.cosine),
      snrDb: Math.min(min.snrDb, m.snrDb),
      ...(noTopK || (m.topK === undefined && min.topK === undefined)
        ? {}
        : { topK: Math.max(min.topK ?? 1, m.topK ?? 1) }),
      equalNaN: min.equalNaN || m.equalNaN,
    }
  })
  const classFailures = failedCriteria(
    criteria,
    {
      numericMismatched: 0,
      nanMismatched: 0,
      neededAtol: 0,
      cosine: 1,
      snrDb: Infinity,
      top1Rows: rows,
      top1Agreeing: agreeing,
      topKAgreeing,
    },
    isClassCriterion,
  )
  const failed = [...worstByCriterion.values(), ...classFailures]
  return {
    pass: failed.length === 0,
    failed,
    samples: list.length,
    failingSamples,
    top1: { rows, agreeing, fraction: rows === 0 ? 1 : agreeing / rows },
    worst: { sample: worst, comparison: list[worst]! },
    minimumPassing: {
      ...min,
      ...(rows === 0 ? {} : { top1: agreeing / rows }),
      equalNaN: min.equalNaN && !list.some(hasOneSidedNaN),
    },
  }
}

/** True when the sample has a NaN that `equalNaN` cannot excuse (on one side only). */
function hasOneSidedNaN(c: TensorComparison): boolean {
  return c.nanMismatched > 0 && !c.minimumPassing.equalNaN
}

/**
 * Judge several samples together (a folder of images, a list of inputs). Each element of `list` is the
 * {@link compareOutputs} result of one sample, compared under the same `tolerance`.
 *
 * @throws {@link InvalidArgumentError} for an empty list or samples with different output names.
 * @example
 * ```ts
 * const perSample = images.map((img) => compareOutputs(chip[img], onnx[img], tolerance))
 * const verdict = aggregateComparisons(perSample, { top1: 0.98, cosine: 0.95 })
 * verdict.outputs.logits.top1.fraction // e.g. 0.99
 * ```
 */
export function aggregateComparisons(list: readonly OutputsComparison[], tolerance: Tolerance = {}): DatasetComparison {
  validateTolerance(tolerance)
  if (!Array.isArray(list) || list.length === 0) throw invalidParameter('list', 'at least one sample comparison', list)
  const samples: readonly OutputsComparison[] = list
  const names = samples[0]!.names
  samples.forEach((sample, i) => {
    if (sample.names.length !== names.length || sample.names.some((n) => !names.includes(n))) {
      throw new InvalidArgumentError(
        `Expected every sample to have the outputs ${names.join(', ')} but sample ${i} has ${sample.names.join(', ')}`,
      )
    }
  })
  const outputs: Record<string, DatasetOutputComparison> = {}
  for (const name of names)
    outputs[name] = aggregateOutput(
      name,
      samples.map((s) => s.outputs[name]!),
      tolerance,
    )
  return { pass: names.every((n) => outputs[n]!.pass), samples: samples.length, names, outputs }
}
