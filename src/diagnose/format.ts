/**
 * The format probe: which encoding of the same pixels does the model actually understand — float
 * 0–255, float 0–1, host-normalized floats? Each encoding of each probe image goes to the device and
 * is compared with what the reference says those pixels should give. A second check needs no
 * reference: pixels shifted by a quarter give byte-identical outputs when the float input is cast to
 * integers on its way (HailoRT's identity quantization: 0–1 floats become 0 or 1).
 * @packageDocumentation
 */
import type { InferableModel, InferOptions, NormalizationSpec } from '../device/types.js'
import { normalize } from '../parity/reference-input.js'
import type { Tensor } from '../tensor/types.js'
import { agreement, referenceOutputs, settledInfer } from './agreement.js'
import { sameOutputs, type ProbeFindings } from './previous-frame.js'
import { asInput, takesFloats, type ProbeImages } from './probe-images.js'
import type { Cause, Encoding, EncodingScore } from './types.js'

/** An encoding is understood when its outputs are this close to the reference's (dB)… */
const UNDERSTOOD_SNR_DB = 6
/** …and within this much of the best encoding's. */
const UNDERSTOOD_MARGIN_DB = 10

/**
 * The encoding a float tensor looks like: negative values → host-normalized, all within 0–1 → 0–1,
 * else pixel values 0–255. Integer tensors are `uint8`.
 * @example
 * ```ts
 * encodingOf({ data: new Float32Array([0.2, 0.9]), shape: [2], dtype: 'float32' }) // 'float 0–1'
 * ```
 */
export function encodingOf(t: Tensor): Encoding {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') return 'uint8'
  let min = Infinity,
    max = -Infinity
  for (const v of t.data as Float32Array) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return min < 0 ? 'host-normalized' : max <= 1 ? 'float 0–1' : 'float 0–255'
}

function encode(
  pixels: Float32Array,
  encoding: Encoding,
  images: ProbeImages,
  norm: NormalizationSpec | undefined,
): Float32Array {
  if (encoding === 'float 0–1') return pixels.map((v) => v / 255)
  if (encoding === 'host-normalized')
    return Float32Array.from(
      normalize(pixels, images.shape, norm!, norm!.mean.length === 1 ? undefined : channelAxis(images)),
    )
  return pixels
}

const channelAxis = (images: ProbeImages): number => (images.info.layout === 'NHWC' ? 3 : 1)

/**
 * Run the format probe. `reference` may be undefined: then only the integer-cast check runs.
 * @example
 * ```ts
 * const { outcome } = await formatProbe(model, reference, images, norm, given, {})
 * ```
 */
export async function formatProbe(
  model: InferableModel,
  reference: InferableModel | undefined,
  images: ProbeImages,
  norm: NormalizationSpec | undefined,
  given: Tensor | undefined,
  options: InferOptions,
): Promise<ProbeFindings> {
  const probe = 'format' as const
  if (!takesFloats(images.info)) {
    return {
      outcome: {
        probe,
        status: 'not-applicable',
        reason: `input "${images.info.name}" takes ${images.info.dtype}: only one encoding (raw pixels) can reach it`,
      },
      causes: [],
    }
  }
  const name = images.info.name
  const first = images.pixels[0]!
  const base = await settledInfer(model, { [name]: asInput(images, first) }, options)
  const shifted = await settledInfer(
    model,
    {
      [name]: asInput(
        images,
        first.map((v) => v + 0.25),
      ),
    },
    options,
  )
  const castToIntegers = sameOutputs(base, shifted)
  let inferences = 4
  const causes: Cause[] = []
  if (reference === undefined) {
    if (castToIntegers)
      causes.push({ code: 'float-input-cast-to-integers', probe, confidence: 'likely', facts: { input: name } })
    return { outcome: { probe, status: 'ran', inferences }, causes }
  }
  const encodings: Encoding[] = [
    'float 0–255',
    'float 0–1',
    ...(norm === undefined ? [] : (['host-normalized'] as const)),
  ]
  const snr = new Map<Encoding, number>(),
    top1 = new Map<Encoding, number>()
  for (const pixels of images.pixels) {
    const truthInput = { [name]: asInput(images, pixels) }
    const expected = await referenceOutputs(model, reference, truthInput, norm, norm === undefined ? 0 : 1, options)
    for (const encoding of encodings) {
      const input = { [name]: asInput(images, encode(pixels, encoding, images, norm)) }
      const a = await agreement(model, await settledInfer(model, input, options), truthInput, expected, options)
      inferences++
      snr.set(encoding, (snr.get(encoding) ?? 0) + a.snrDb / images.pixels.length)
      if (a.top1 !== undefined) top1.set(encoding, (top1.get(encoding) ?? 0) + a.top1 / images.pixels.length)
    }
  }
  const best = Math.max(...snr.values())
  const scores: EncodingScore[] = encodings.map((encoding) => {
    const s = snr.get(encoding)!
    const t = top1.get(encoding)
    // Top-1 is reported, not required: on probe images (noise, checkers) even a healthy quantized model's class
    // wanders.
    const understood = s >= UNDERSTOOD_SNR_DB && s >= best - UNDERSTOOD_MARGIN_DB
    return { encoding, snrDb: Math.round(s * 10) / 10, ...(t === undefined ? {} : { top1: t }), understood }
  })
  const understood = scores.filter((s) => s.understood).map((s) => s.encoding)
  const facts = { input: name, understood, castToIntegers }
  if (understood.length === 0)
    causes.push({
      code: 'format-path-broken',
      probe,
      confidence: 'strong',
      facts: { ...facts, bestSnrDb: Math.round(best * 10) / 10 },
    })
  else if (given !== undefined && !understood.includes(encodingOf(given))) {
    causes.push({
      code: 'input-encoding-not-understood',
      probe,
      confidence: 'strong',
      facts: { ...facts, given: encodingOf(given) },
    })
  } else if (castToIntegers && !understood.includes('float 0–1')) {
    causes.push({ code: 'float-input-cast-to-integers', probe, confidence: 'likely', facts })
  }
  return { outcome: { probe, status: 'ran', inferences, encodings: scores }, causes }
}
