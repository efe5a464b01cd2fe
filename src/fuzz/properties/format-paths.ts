/**
 * `format-paths`: the same real input through a `float32` load (the host runtime quantizes and
 * dequantizes) and a `raw` load (a correct host does it) agrees within one quantization step of every
 * output. Inputs reach a little past the representable range, where a conversion that wraps instead of
 * clipping shows (`wrong-format`). Under identity quantization (raw pixels: the float32 path casts and
 * refuses what would wrap) only a minority of cases overshoot, to test that refusal; a refused overshoot
 * is compared again clipped. Every case is counted as compared or refused ({@link CaseTally}), so the
 * engine can refuse to call a property that compared too little "held".
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import type { LoadedModel, VStreamFormat } from '../../device/types.js'
import { InvalidArgumentError, UsageError } from '../../errors.js'
import type { Tensor, TensorInfo, TensorMap } from '../../tensor/types.js'
import { checkConstraints, integerConstraint } from '../arbitraries/constraints.js'
import { descriptionArbitrary, materialize, type GeneratedInput } from '../arbitraries/input-description.js'
import { concreteInfos, type ShapeConstraint } from '../concrete-shapes.js'
import { isIdentityQuant } from '../../tensor/quantize.js'
import { clipToRepresentable, feedFor, rawFeedFor, realOutputs, representableRange } from '../host-codes.js'
import { caseError, FuzzCaseFailure } from './case-failure.js'
import { compareSides, oneStep } from './compare-sides.js'
import { caseTally, disposable, lazy, type FuzzProperty } from './fuzz-property.js'
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

/** The raw type of a quantized input's codes (a float32 load of a uint8 input still has uint8 codes). */
const rawType = (info: TensorInfo): 'uint8' | 'uint16' => (info.dtype === 'uint16' ? 'uint16' : 'uint8')

/** Out of this many cases on identity-quantized inputs, one overshoots the representable range. */
const OVERSHOOT_ONE_IN = 4

/** The generated range: the representable real range, widened, when every quantized input shares it. */
function widenedRange(infos: readonly TensorInfo[], steps: number): [number, number] | undefined {
  const ranges = infos.map((i) =>
    i.quant === undefined ? undefined : { r: representableRange(i.quant, rawType(i)), s: Math.abs(i.quant.scale) },
  )
  const [first] = ranges
  if (first === undefined || ranges.some((r) => r === undefined || r.r[0] !== first.r[0] || r.r[1] !== first.r[1]))
    return undefined
  const lo = Math.min(...first.r),
    hi = Math.max(...first.r)
  return [lo - steps * first.s, hi + steps * first.s]
}

type CaseInputs = { float32: Record<string, Tensor>; raw: Record<string, Tensor> }

/** True when some quantized input holds a value its raw type cannot represent. */
function overshoots(infos: readonly TensorInfo[], real: Readonly<Record<string, Tensor>>): boolean {
  return infos.some((i) => {
    if (i.quant === undefined) return false
    const [a, b] = representableRange(i.quant, rawType(i))
    const lo = Math.min(a, b),
      hi = Math.max(a, b)
    return (real[i.name]!.data as Float32Array).some((x) => x < lo || x > hi)
  })
}

function clipAll(infos: readonly TensorInfo[], real: Readonly<Record<string, Tensor>>): Record<string, Tensor> {
  return Object.fromEntries(
    infos.map((i) => [
      i.name,
      i.quant === undefined ? real[i.name]! : clipToRepresentable(real[i.name]!, i.quant, rawType(i)),
    ]),
  )
}

/** A description whose values reach past `[lo, hi]` (a constant's value, or the range's ends). */
function reachesPast(input: GeneratedInput, [lo, hi]: readonly [number, number]): boolean {
  const [a, b] = input.range ?? [lo, hi]
  const v = input.kind === 'constant' ? (input.value ?? (a + b) / 2) : undefined
  return v === undefined ? a < lo || b > hi : v < lo || v > hi
}

/** A description whose range (and constant value) are whole pixel values: materialized as pixels. */
function isPixelCase(input: GeneratedInput, [lo, hi]: readonly [number, number]): boolean {
  const r = input.range
  const whole = (x: number | undefined): boolean => x === undefined || Number.isInteger(x)
  return r !== undefined && r[0] >= lo && r[1] <= hi && whole(r[0]) && whole(r[1]) && whole(input.value)
}

function asFloat32(tensors: Readonly<Record<string, Tensor>>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {}
  for (const [name, t] of Object.entries(tensors))
    out[name] = { data: Float32Array.from(t.data as Uint8Array), shape: t.shape, dtype: 'float32' }
  return out
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
  const range = widenedRange(infos, steps)
  const widened = descriptionArbitrary(views, range === undefined ? {} : { range })
  // Identity quantization (raw pixels): HailoRT's float32 path only casts, so it must refuse what would wrap
  // (and a frame of 0–1 fractions); were most cases out of range, most would be refused and the paths compared
  // on almost nothing. Most cases are pixels as a host feeds them (integers 0–255 as floats); one in
  // OVERSHOOT_ONE_IN keeps fractions and reaches past the range, to test rounding and that refusal (or, on a
  // path that accepts it, clipping rather than wrapping).
  const pixelRange = widenedRange(infos, 0)
  const identity = range !== undefined && steps > 0 && views.every((v) => isIdentityQuant(v.quant!))
  const pixelViews = views.map((v, k) => ({ ...v, dtype: rawType(infos[k]!) }))
  const arbitrary = identity
    ? fc.oneof(
        { arbitrary: descriptionArbitrary(pixelViews, { range: pixelRange! }), weight: OVERSHOOT_ONE_IN - 1 },
        { arbitrary: widened.filter((d) => reachesPast(d, pixelRange!)), weight: 1 },
      )
    : widened
  const realOf = (input: GeneratedInput): Record<string, Tensor> =>
    identity && isPixelCase(input, pixelRange!) ? asFloat32(materialize(pixelViews, input)) : materialize(views, input)
  const tally = caseTally()
  const { signal, loadVariant } = o
  const float32 = lazy(() => loadVariant('float32'))
  const raw = lazy(() => loadVariant('raw'))
  const shapes = Object.fromEntries(infos.map((i) => [i.name, i.shape]))
  const concrete = (m: LoadedModel): TensorInfo[] =>
    m.inputs.map((i) => (shapes[i.name] === undefined ? i : { ...i, shape: shapes[i.name]! }))

  async function floatOrRefusal(f: LoadedModel, inputs: CaseInputs): Promise<TensorMap | UsageError> {
    try {
      return await inferCopy(f, inputs.float32, signal)
    } catch (error) {
      if (error instanceof UsageError) return error
      caseError(error, inputs, {})
    }
  }

  return disposable(
    fc.asyncProperty(arbitrary, async (input) => {
      const [f, r] = [await float32.get(), await raw.get()]
      let real = realOf(input)
      let inputs = { float32: feedAll(concrete(f), real, feedFor), raw: feedAll(concrete(r), real, rawFeedFor) }
      let floatOut = await floatOrRefusal(f, inputs)
      if (floatOut instanceof UsageError && overshoots(infos, real)) {
        // Refusing what would wrap is right; the same input clipped must then be accepted and agree.
        real = clipAll(infos, real)
        inputs = { float32: feedAll(concrete(f), real, feedFor), raw: feedAll(concrete(r), real, rawFeedFor) }
        floatOut = await floatOrRefusal(f, inputs)
      }
      if (floatOut instanceof UsageError) {
        tally.refused(floatOut.message) // nothing reached the chip on the float32 path: nothing to compare
        return
      }
      tally.compared()
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
    { tally },
  )
}
