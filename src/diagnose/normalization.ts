/**
 * The normalization probe: is the input normalization applied zero, one or two times between the
 * pixels and the network? The device gets the probe pixels; the reference gets them normalized 0, 1
 * and 2 times; the hypothesis whose outputs the device's resemble most (highest SNR) wins. The
 * pipeline is meant to normalize once, so a clear win for 0 or 2 is a cause.
 * @packageDocumentation
 */
import type { InferableModel, InferOptions, NormalizationSpec } from '../device/types.js'
import { agreement, referenceOutputs, settledInfer } from './agreement.js'
import { asInput, type ProbeImages } from './probe-images.js'
import type { ProbeFindings } from './previous-frame.js'
import type { Cause, NormalizationScore } from './types.js'

/** The winner must explain the outputs this well (dB)… */
const MIN_EXPLAINING_SNR_DB = 3
/** …and beat "applied once" by this much (dB), or "once" stands. */
const MIN_MARGIN_DB = 6

/**
 * Run the normalization probe.
 * @example
 * ```ts
 * const { causes } = await normalizationProbe(model, reference, images, { mean: [127.5], std: [127.5] }, {})
 * ```
 */
export async function normalizationProbe(
  model: InferableModel,
  reference: InferableModel,
  images: ProbeImages,
  norm: NormalizationSpec,
  options: InferOptions,
): Promise<ProbeFindings> {
  const sums = [0, 0, 0]
  for (const pixels of images.pixels) {
    const input = { [images.info.name]: asInput(images, pixels) }
    const actual = await settledInfer(model, input, options)
    for (const times of [0, 1, 2] as const) {
      const expected = await referenceOutputs(model, reference, input, norm, times, options)
      sums[times]! += (await agreement(model, actual, input, expected, options)).snrDb
    }
  }
  const scores: NormalizationScore[] = ([0, 1, 2] as const).map((times) => ({
    times,
    snrDb: sums[times]! / images.pixels.length,
  }))
  const best = scores.reduce((a, b) => (b.snrDb > a.snrDb ? b : a))
  const once = scores[1]!
  const probe = 'normalization' as const
  const outcome = { probe, status: 'ran' as const, inferences: images.pixels.length * 2, normalization: scores }
  if (best.times === 1 || best.snrDb < MIN_EXPLAINING_SNR_DB || best.snrDb - once.snrDb < MIN_MARGIN_DB)
    return { outcome, causes: [] }
  const cause: Cause = {
    code: best.times === 0 ? 'normalization-missing' : 'normalization-twice',
    probe,
    confidence: best.snrDb - once.snrDb >= 2 * MIN_MARGIN_DB ? 'strong' : 'likely',
    facts: { bestSnrDb: round1(best.snrDb), onceSnrDb: round1(once.snrDb), mean: [...norm.mean], std: [...norm.std] },
  }
  return { outcome, causes: [cause] }
}

const round1 = (x: number): number => Math.round(x * 10) / 10
