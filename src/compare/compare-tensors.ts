/**
 * Compare one actual tensor with one expected tensor under a tolerance; returns data, never text.
 * @packageDocumentation
 */
import { InvalidArgumentError, UsageError } from '../errors.js'
import { elementCount, numericView, unravelIndex } from '../tensor/dtype.js'
import { channelParams } from '../tensor/quantize.js'
import type { QuantParams, Quantization, Tensor } from '../tensor/types.js'
import { invalidParameter } from '../validate.js'
import { failedCriteria, isElementwise, requiredTop1, requiredTopK } from './criteria.js'
import { cosineOf, measure, settleAtol, snrDbOf } from './metrics.js'
import { criteriaFor, validateTolerance, type Tolerance, type ToleranceCriteria } from './tolerance.js'
import { applicableClassRows, classRows, classRowsProblem, compareTop1, rowsWithinTopK } from './top1.js'
import type { ElementDifference, TensorComparison } from './types.js'

/** Options of {@link compareTensors}. */
export interface CompareTensorsOptions {
  /**
   * The output's quantization (the actual side's, as the device reports it): needed for `steps`, and
   * reported as the error in steps whenever it is known.
   */
  readonly quant?: QuantParams | Quantization
  /** The output's name: selects `tolerance.perOutput[name]` over the default. */
  readonly name?: string
}

function checkTensor(name: string, t: unknown): asserts t is Tensor {
  const tensor = t as Tensor | undefined
  if (
    tensor === null ||
    typeof tensor !== 'object' ||
    !ArrayBuffer.isView(tensor.data) ||
    !Array.isArray(tensor.shape)
  ) {
    throw invalidParameter(name, 'a tensor { data, shape, dtype }', t)
  }
  const n = elementCount(tensor.shape)
  if (tensor.data.length !== n) {
    throw new InvalidArgumentError(
      `Expected ${n} elements in ${name} for its shape [${tensor.shape.join(', ')}] but its data holds ${tensor.data.length}`,
    )
  }
}

/** Same shape once the size-1 dimensions are dropped (`[1, 1, 1, 67]` vs `[1, 67]`). */
function sameSqueezedShape(a: readonly number[], b: readonly number[]): boolean {
  const sa = a.filter((d) => d !== 1)
  const sb = b.filter((d) => d !== 1)
  return sa.length === sb.length && sa.every((d, i) => d === sb[i])
}

function difference(
  flat: number,
  shape: readonly number[],
  a: ArrayLike<number>,
  e: ArrayLike<number>,
  value: number,
): ElementDifference {
  return { flatIndex: flat, index: unravelIndex(flat, shape), actual: a[flat]!, expected: e[flat]!, value }
}

/**
 * Compare `actual` with `expected` element by element under `tolerance` (see {@link Tolerance}): every
 * criterion given must hold; with none given, every element must be equal. Shapes must agree once
 * size-1 dimensions are dropped; dtypes may differ (values are compared as numbers).
 *
 * One pass over the data for the error statistics, one per row for top-1, and a second pass only
 * when rtol > 0 (to make the minimum passing atol exact).
 *
 * @throws {@link InvalidArgumentError} for malformed tensors or shapes that disagree, a tolerance error
 * from {@link validateTolerance}, {@link UsageError} when `steps` is asked without a quantization, or
 * `top1` / `topK` on an output whose rows are not vectors of classes (`[N, 1]` single scores, a
 * `[1, 1, H, W]` map: no class to agree on; its top-1 then reports 0 rows).
 * @example
 * ```ts
 * const c = compareTensors(chip.logits, onnx.logits, { atol: 0.05, top1: true })
 * if (!c.pass) console.log(c.mismatched, '/', c.n, 'max', c.maxAbs?.value, 'at', c.maxAbs?.index)
 * ```
 */
export function compareTensors(
  actual: Tensor,
  expected: Tensor,
  tolerance: Tolerance | ToleranceCriteria = {},
  options: CompareTensorsOptions = {},
): TensorComparison {
  validateTolerance(tolerance)
  checkTensor('actual', actual)
  checkTensor('expected', expected)
  if (actual.data.length !== expected.data.length || !sameSqueezedShape(actual.shape, expected.shape)) {
    throw new InvalidArgumentError(
      `Expected tensors of the same shape but actual is [${actual.shape.join(', ')}] (${actual.data.length} elements) ` +
        `and expected is [${expected.shape.join(', ')}] (${expected.data.length} elements). Reconcile the layout (toNHWC / toNCHW) first.`,
    )
  }
  const { perOutput: _perOutput, ...defaults } = tolerance as Tolerance
  const effective: ToleranceCriteria = options.name === undefined ? defaults : criteriaFor(tolerance, options.name)
  const channels = options.quant === undefined ? undefined : channelParams(options.quant, actual.shape)
  if (effective.steps !== undefined && channels === undefined) {
    throw new UsageError(
      'E_TOLERANCE_NEEDS_QUANT',
      `tolerance.steps (${effective.steps}) counts errors in quantization steps, but no quantization is known for ` +
        `${options.name === undefined ? 'this output' : `output "${options.name}"`}. ` +
        'Give the output quantization ({ scale, zeroPoint }), or use atol instead.',
    )
  }
  const rows = applicableClassRows(actual.shape, actual.data.length)
  const problem = classRowsProblem(actual.shape, actual.data.length)
  if (problem !== undefined && (requiredTop1(effective) !== undefined || effective.topK !== undefined)) {
    // A misuse of the tolerance, not a data failure (like steps without a quantization): throw rather than report
    // a top-1 that could never mean anything.
    const single = actual.data.length / classRows(actual.shape, actual.data.length) < 2
    throw new UsageError(
      'E_TOP1_NEEDS_CLASSES',
      `tolerance.${requiredTop1(effective) !== undefined ? 'top1' : 'topK'} compares the best class of each row, but ` +
        `${options.name === undefined ? 'this output' : `output "${options.name}"`} of shape [${actual.shape.join(', ')}] ${problem}. ` +
        (single
          ? 'Use atol or steps for single-score (sigmoid) outputs, e.g. perOutput: { <name>: { top1: false, atol: 0.05 } }.'
          : 'Compare it element by element or as a whole instead, e.g. perOutput: { <name>: { top1: false, cosine: 0.99, atol: 0.05 } }.'),
    )
  }
  const classes = rows === 0 || actual.data.length === 0 ? undefined : actual.data.length / rows
  refuseTopKOfEveryClass(effective, classes, options.name)
  const a = numericView(actual.data)
  const e = numericView(expected.data)
  const n = a.length
  const rtol = effective.rtol ?? 0
  const m = measure(a, e, {
    atol: effective.atol ?? 0,
    rtol,
    elementwise: isElementwise(effective),
    equalNaN: effective.equalNaN === true,
    ...(channels === undefined ? {} : { scales: channels.params.map((p) => p.scale), inner: channels.inner }),
  })
  const neededAtol = settleAtol(a, e, rtol, m.neededAtol)
  const cosine = cosineOf(m)
  const snrDb = snrDbOf(m)
  const top1 = compareTop1(a, e, rows)
  const k = requiredTopK(effective)?.k ?? 1
  const maxSteps = m.maxStepsIndex < 0 ? undefined : m.maxSteps
  const failed = failedCriteria(effective, {
    numericMismatched: m.mismatched - m.nanMismatched,
    nanMismatched: m.nanMismatched,
    neededAtol,
    ...(channels === undefined ? {} : { maxSteps: maxSteps ?? 0 }),
    cosine,
    snrDb,
    top1Rows: top1.rows,
    top1Agreeing: top1.agreeing,
    topKAgreeing: rowsWithinTopK(top1, k),
  })
  const shape = actual.shape
  const oneSidedNaN = m.nanMismatched - (effective.equalNaN === true ? 0 : m.nanBoth)
  return {
    pass: failed.length === 0,
    failed,
    criteria: effective,
    actualShape: [...actual.shape],
    expectedShape: [...expected.shape],
    n,
    mismatched: m.mismatched,
    mismatchKind: isElementwise(effective) ? 'tolerance' : 'exact',
    nanMismatched: m.nanMismatched,
    ...(m.firstNaN < 0 ? {} : { firstNaNMismatch: difference(m.firstNaN, shape, a, e, Number.NaN) }),
    ...(m.maxAbsIndex < 0 ? {} : { maxAbs: difference(m.maxAbsIndex, shape, a, e, m.maxAbs) }),
    ...(m.maxRelIndex < 0 ? {} : { maxRel: difference(m.maxRelIndex, shape, a, e, m.maxRel) }),
    meanAbs: m.compared === 0 ? 0 : m.sumAbs / m.compared,
    cosine,
    snrDb,
    ...(m.maxStepsIndex < 0 ? {} : { maxSteps: difference(m.maxStepsIndex, shape, a, e, m.maxSteps) }),
    top1,
    minimumPassing: {
      atol: neededAtol,
      ...(channels === undefined ? {} : { steps: Math.max(0, maxSteps ?? 0) }),
      cosine,
      snrDb,
      ...(top1.rows === 0 ? {} : { top1: top1.agreeing / top1.rows, ...neededTopK(top1, classes) }),
      equalNaN: m.nanBoth > 0 && oneSidedNaN === 0,
    },
  }
}

/**
 * The smallest `topK` that passes in every row, when one below the number of classes does (a `topK` of every class
 * is refused, so it is no suggestion).
 */
function neededTopK(top1: TensorComparison['top1'], classes: number | undefined): { topK?: number } {
  const k = top1.expectedRankInActual.reduce((x, r) => Math.max(x, r), 1)
  return classes !== undefined && k >= classes ? {} : { topK: k }
}

/** Refuse a `topK` of at least the output's number of classes: every class is among its top k, so it checks nothing. */
function refuseTopKOfEveryClass(c: ToleranceCriteria, classes: number | undefined, name: string | undefined): void {
  const k = requiredTopK(c)?.k
  if (k === undefined || classes === undefined || k < classes) return
  throw new UsageError(
    'E_TOPK_EVERY_CLASS',
    `tolerance.topK (k = ${k}) asks for the reference's class among the model's top ${k}, but ` +
      `${name === undefined ? 'this output' : `output "${name}"`} has ${classes} classes per row: every class is among ` +
      `them, so it could never fail. Give k below ${classes}, typically 5 (top-5), or use top1.`,
  )
}
