/**
 * `format-paths`: the same real input through a `float32` load (the host runtime quantizes and
 * dequantizes) and a `raw` load (a correct host does it) agrees within one quantization step of every
 * output. Inputs reach a little past the representable range, where a conversion that wraps instead of
 * clipping shows (`wrong-format`); an input the float32 path refuses with a `UsageError` is no disagreement.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { LoadedModel, VStreamFormat } from '../../device/types.js'
import { InvalidArgumentError, UsageError } from '../../errors.js'
import type { Tensor, TensorInfo } from '../../tensor/types.js'
import { checkConstraints, integerConstraint } from '../arbitraries/constraints.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { feedFor, rawFeedFor, realOutputs, representableRange } from '../host-codes.js'
import { caseError, FuzzCaseFailure } from './case-failure.js'
import { compareSides, oneStep } from './compare-sides.js'
import { disposable, lazy, type FuzzProperty } from './fuzz-property.js'
import { inferCopy } from './infer-copy.js'

/** Options of {@link formatPaths}. */
export interface FormatPathsOptions {
  /** Loads the model in a vstream format (the engine disposes it). Required. */
  readonly loadVariant: (format: VStreamFormat) => Promise<LoadedModel>
  /** How many quantization steps generated values may reach past the representable range. @defaultValue 4 */
  readonly overshootSteps?: number
  /** Concrete shapes for inputs with dynamic dimensions. */
  readonly shape?: ShapeConstraint
  /** Stops inference when aborted. */
  readonly signal?: AbortSignal
}

const KEYS = ['loadVariant', 'overshootSteps', 'shape', 'signal'] as const
const API = 'formatPaths'

/** The real-valued view of an input: float32 where the input is quantized raw data. */
function realView(info: TensorInfo): TensorInfo {
  return (info.dtype === 'uint8' || info.dtype === 'uint16') && info.quant !== undefined
    ? { ...info, dtype: 'float32' }
    : info
}

/** The generated range: the representable real range, widened, when every quantized input shares it. */
function widenedRange(infos: readonly TensorInfo[], steps: number): [number, number] | undefined {
  const ranges = infos.map((i) =>
    i.quant === undefined
      ? undefined
      : { r: representableRange(i.quant, i.dtype === 'uint16' ? 'uint16' : 'uint8'), s: Math.abs(i.quant.scale) },
  )
  const [first] = ranges
  if (first === undefined || ranges.some((r) => r === undefined || r.r[0] !== first.r[0] || r.r[1] !== first.r[1]))
    return undefined
  const lo = Math.min(...first.r),
    hi = Math.max(...first.r)
  return [lo - steps * first.s, hi + steps * first.s]
}

function feedAll(
  infos: readonly TensorInfo[],
  real: Readonly<Record<string, Tensor>>,
  feed: (info: TensorInfo, real: Tensor) => Tensor,
): Record<string, Tensor> {
  return Object.fromEntries(infos.map((i) => [i.name, feed(i, real[i.name]!)]))
}

/**
 * The `format-paths` property for a model that can be loaded in both vstream formats.
 * @example
 * ```ts
 * await using property = formatPaths(model, { loadVariant: (format) => device.load('model.hef', { format }) })
 * await fc.assert(property, { numRuns: 50 })
 * ```
 */
export function formatPaths(
  model: Pick<LoadedModel, 'inputs' | 'outputs'>,
  options: FormatPathsOptions,
): FuzzProperty<GeneratedInput> {
  const o = checkConstraints(API, options, KEYS)
  if (typeof o.loadVariant !== 'function')
    throw new InvalidArgumentError(
      `Expected a function (format) => Promise<LoadedModel> for ${API} option loadVariant: the property loads the model in both formats.`,
    )
  const steps = o.overshootSteps === undefined ? 4 : integerConstraint(API, 'overshootSteps', o.overshootSteps, 0, 1000)
  const infos = concreteInfos(API, model.inputs, o.shape)
  const views = infos.map(realView)
  const range = widenedRange(views, steps)
  const arbitrary = descriptionArbitrary(views, range === undefined ? {} : { range })
  const { signal, loadVariant } = o
  const float32 = lazy(() => loadVariant('float32'))
  const raw = lazy(() => loadVariant('raw'))
  const shapes = Object.fromEntries(infos.map((i) => [i.name, i.shape]))
  const concrete = (m: LoadedModel): TensorInfo[] =>
    m.inputs.map((i) => (shapes[i.name] === undefined ? i : { ...i, shape: shapes[i.name]! }))

  return disposable(
    fc.asyncProperty(arbitrary, async (input) => {
      const [f, r] = [await float32.get(), await raw.get()]
      const real = materialize(views, input)
      const inputs = { float32: feedAll(concrete(f), real, feedFor), raw: feedAll(concrete(r), real, rawFeedFor) }
      let floatOut
      try {
        floatOut = await inferCopy(f, inputs.float32, signal)
      } catch (error) {
        if (error instanceof UsageError) return // refused on the float32 path: nothing reached the chip to disagree
        caseError(error, inputs, {})
      }
      const rawOut = await inferCopy(r, inputs.raw, signal).catch((e: unknown) =>
        caseError(e, inputs, { float32: floatOut }),
      )
      const outputs = { float32: realOutputs(floatOut, f.outputs), 'raw (dequantized)': realOutputs(rawOut, r.outputs) }
      const difference = compareSides(outputs, 'float32', 'raw (dequantized)', oneStep(r.outputs), r.outputs)
      if (!difference.comparison.pass) {
        throw new FuzzCaseFailure('the float32 and raw paths disagree by more than one quantization step', {
          inputs,
          outputs,
          difference,
        })
      }
    }),
    async () => {
      const loaded = [float32, raw]
        .filter((l) => l.started)
        .map((l) =>
          l.get().then(
            (m) => m.dispose(),
            () => undefined,
          ),
        )
      await Promise.all(loaded)
    },
  )
}
