/**
 * What each fault does to one inference. A behaviour may change what the faulty model declares as
 * inputs, what reaches the inner model, and what comes back; its state (previous frame, call count,
 * PRNG) lives in the closure, one per loaded model, so a seed replays the same faults. `restart` re-seeds the
 * PRNG for one case of a fuzz run from the case itself, so the same case meets the same random faults wherever
 * it runs, whatever the device's seed.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../../../errors.js'
import { createPrng, type Prng } from '../../../random/prng.js'
import { isIdentityQuant, quantize } from '../../../tensor/quantize.js'
import type { Tensor, TensorInfo, TensorMap } from '../../../tensor/types.js'
import type { LoadedModel } from '../../types.js'
import type { FaultSpec } from './fault-spec.js'
import { cloneOutputs, flipBits, noiseOutputs, noiseTensors } from './noise.js'

/** One fault's effect on a model's inferences. */
export interface FaultBehaviour {
  /** What the faulty model declares as inputs. */
  readonly inputs: readonly TensorInfo[]
  /** Inputs on their way to the inner model. */
  transformInputs(inputs: Readonly<Record<string, Tensor>>): Readonly<Record<string, Tensor>>
  /** Outputs of call `call` (0-based) on their way back. */
  transformOutputs(outputs: TensorMap, call: number): TensorMap
  /** Re-seed the fault's randomness from `caseSeed` alone (a fuzz case starts). */
  restart(caseSeed: number): void
}

/** A PRNG whose sequence can be started again from another seed; the closures keep the same object. */
function restartablePrng(seed: number): Prng & { restart(seed: number): void } {
  let inner = createPrng(seed)
  return {
    nextU32: () => inner.nextU32(),
    next: () => inner.next(),
    fillU32: (out) => inner.fillU32(out),
    fillFloat24: (out, offset, step) => inner.fillFloat24(out, offset, step),
    fillGrid: (out, offset, perUnit, scale) => inner.fillGrid(out, offset, perUnit, scale),
    restart: (next) => void (inner = createPrng(next)),
  }
}

const IDENTITY = { scale: 1, zeroPoint: 0 }
const isFloat = (info: TensorInfo): boolean => info.dtype === 'float32' || info.dtype === 'float64'

function passthrough(
  inner: LoadedModel,
  transformOutputs: FaultBehaviour['transformOutputs'],
): Omit<FaultBehaviour, 'restart'> {
  return { inputs: inner.inputs, transformInputs: (inputs) => inputs, transformOutputs }
}

/** HailoRT's identity-quantization path: round half to even, no clip, C cast to uint8. */
function castLikeHailort(t: Tensor): Tensor<'uint8'> {
  const f32 =
    t.dtype === 'float32'
      ? t
      : { data: Float32Array.from(t.data as Float64Array), shape: t.shape, dtype: 'float32' as const }
  return quantize(f32, IDENTITY, 'uint8')
}

function wrongFormat(inner: LoadedModel): Omit<FaultBehaviour, 'restart'> {
  // uint8 inputs with identity quantization are declared float32, as a FLOAT32 host vstream is;
  // float inputs keep their type but go through the same cast.
  const affected = inner.inputs.filter(
    (i) => (i.dtype === 'uint8' && (i.quant === undefined || isIdentityQuant(i.quant))) || isFloat(i),
  )
  if (affected.length === 0) {
    throw new InvalidArgumentError(
      `The wrong-format fault needs a uint8 input with identity quantization or a float input; ${inner.id} has ${inner.inputs.map((i) => `${i.name}: ${i.dtype}`).join(', ')}.`,
    )
  }
  const names = new Set(affected.map((i) => i.name))
  return {
    inputs: inner.inputs.map((i) =>
      names.has(i.name) && i.dtype === 'uint8' ? { ...i, dtype: 'float32' as const } : i,
    ),
    transformInputs(inputs) {
      const out: Record<string, Tensor> = {}
      for (const info of inner.inputs) {
        const t = inputs[info.name]!
        if (!names.has(info.name)) out[info.name] = t
        else if (info.dtype === 'uint8') out[info.name] = castLikeHailort(t)
        else {
          const cast = castLikeHailort(t).data
          out[info.name] = {
            data: info.dtype === 'float64' ? Float64Array.from(cast) : Float32Array.from(cast),
            shape: t.shape,
            dtype: info.dtype,
          } as Tensor
        }
      }
      return out
    },
    transformOutputs: (outputs) => outputs,
  }
}

function skipNormalization(inner: LoadedModel, normalizationDropped: boolean): Omit<FaultBehaviour, 'restart'> {
  // The faulty device loaded the emulator's model without its on-chip normalization: nothing more to do.
  if (normalizationDropped) return passthrough(inner, (outputs) => outputs)
  const floats = new Set(inner.inputs.filter(isFloat).map((i) => i.name))
  if (floats.size === 0) {
    throw new InvalidArgumentError(
      `The skip-normalization fault needs a model that normalizes its input: load it with { normalization } on the emulator, or wrap a model with a float input (inner=onnx). ${inner.id} has ${inner.inputs.map((i) => `${i.name}: ${i.dtype}`).join(', ')} and no normalization.`,
    )
  }
  return {
    inputs: inner.inputs,
    transformInputs(inputs) {
      // As if the host's "/ 255" step was skipped: the model sees pixel-scale values.
      const out: Record<string, Tensor> = { ...inputs }
      for (const name of floats) {
        const t = inputs[name]!
        out[name] = { data: (t.data as Float32Array).map((v) => v * 255), shape: t.shape, dtype: t.dtype } as Tensor
      }
      return out
    },
    transformOutputs: (outputs) => outputs,
  }
}

/**
 * The behaviour of `spec.fault` for one loaded inner model.
 * @example
 * ```ts
 * const b = createBehaviour(parseFaultSpec(spec), innerModel)
 * const out = b.transformOutputs(await innerModel.infer(b.transformInputs(inputs)), 0)
 * ```
 */
export function createBehaviour(
  spec: FaultSpec,
  inner: LoadedModel,
  loaded: { readonly normalizationDropped?: boolean } = {},
): FaultBehaviour {
  const prng = restartablePrng(spec.seed)
  // From the case alone, not the spec's seed (fresh per device unless given): a replay on another machine
  // opens the device with another seed, and must still meet the faults the search met.
  const restart = (caseSeed: number): void => prng.restart(caseSeed)
  return { ...behaviourOf(spec, inner, loaded, prng), restart }
}

function behaviourOf(
  spec: FaultSpec,
  inner: LoadedModel,
  loaded: { readonly normalizationDropped?: boolean },
  prng: Prng,
): Omit<FaultBehaviour, 'restart'> {
  const rate = spec.rate ?? 1
  switch (spec.fault) {
    case 'random':
      return passthrough(inner, (outputs) => (prng.next() < rate ? noiseOutputs(outputs, prng) : outputs))
    case 'garbage-input':
      // The chip computes on a buffer the frame never reached (uninitialized or overwritten): the real
      // network, so every output is internally consistent — probabilities sum to 1, logits and
      // probabilities agree — but the class is whatever the garbage looks like, different on each run.
      return {
        inputs: inner.inputs,
        transformInputs: (inputs) => (prng.next() < rate ? noiseTensors(inputs, prng) : inputs),
        transformOutputs: (outputs) => outputs,
      }
    case 'first-run':
      return passthrough(inner, (outputs, call) => (call === 0 ? noiseOutputs(outputs, prng) : outputs))
    case 'bitflip':
      return passthrough(inner, (outputs) =>
        prng.next() < rate ? flipBits(outputs, prng, 1 + (prng.nextU32() % 3)) : outputs,
      )
    case 'stale': {
      let previous: TensorMap | undefined
      return passthrough(inner, (outputs) => {
        const result = previous ?? cloneOutputs(outputs)
        previous = outputs
        return result
      })
    }
    case 'alternating': {
      let second: TensorMap | undefined
      return passthrough(inner, (outputs, call) => {
        if (call % 2 === 0) return outputs
        second ??= noiseOutputs(outputs, prng)
        return cloneOutputs(second)
      })
    }
    case 'wrong-format':
      return wrongFormat(inner)
    case 'skip-normalization':
      return skipNormalization(inner, loaded.normalizationDropped ?? false)
  }
}
