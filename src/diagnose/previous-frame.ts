/**
 * The previous-frame probe: does an output follow the input before it? Two probe images A and B are
 * fed in the order A A A B B A A B B. Where an image follows itself both readings agree, which gives
 * f(A) and f(B); at each change (A→B, B→A, A→B) a healthy device answers for the new image and a stale
 * buffer answers for the old one. The same schedule shows a first call that differs and outputs that
 * are not repeatable at all.
 * @packageDocumentation
 */
import type { InferableModel, InferOptions } from '../device/types.js'
import type { TensorMap } from '../tensor/types.js'
import { tensorsEqualBytes } from '../tensor/equal.js'
import { asInput, type ProbeImages } from './probe-images.js'
import type { Cause, ProbeOutcome } from './types.js'

const SCHEDULE = [0, 0, 0, 1, 1, 0, 0, 1, 1] as const
/** Calls where the image changed: [call, image before]. */
const CHANGES = [3, 5, 7] as const

/** True when both maps hold the same outputs, byte for byte. */
export function sameOutputs(a: TensorMap, b: TensorMap): boolean {
  const names = Object.keys(a)
  return (
    names.length === Object.keys(b).length && names.every((n) => b[n] !== undefined && tensorsEqualBytes(a[n]!, b[n]!))
  )
}

/** What the probe found, and what it ran. */
export interface ProbeFindings {
  readonly outcome: ProbeOutcome
  readonly causes: readonly Cause[]
}

/**
 * Run the previous-frame probe on `images.pixels[0]` and `[1]`.
 * @example
 * ```ts
 * const { causes } = await previousFrameProbe(model, probeImages(model.inputs[0]!, 7), {})
 * ```
 */
export async function previousFrameProbe(
  model: InferableModel,
  images: ProbeImages,
  options: InferOptions,
): Promise<ProbeFindings> {
  const feeds = [images.pixels[0]!, images.pixels[1]!].map((p) => ({ [images.info.name]: asInput(images, p) }))
  const out: TensorMap[] = []
  for (const image of SCHEDULE) out.push(await model.infer(feeds[image]!, options))
  const probe = 'previous-frame' as const
  const ran: ProbeOutcome = { probe, status: 'ran', inferences: SCHEDULE.length }
  const [fA, fB] = [out[2]!, out[4]!]

  // Same image after the same image must give the same bytes: calls 1, 2, 6 (A after A) and 4, 8 (B after B).
  const repeats: [number, number][] = [
    [1, 2],
    [2, 6],
    [4, 8],
  ]
  const differing = repeats.filter(([i, j]) => !sameOutputs(out[i]!, out[j]!))
  if (differing.length > 0) {
    const cause: Cause = {
      code: 'not-repeatable',
      probe,
      confidence: 'strong',
      facts: { pairs: repeats.length, differing: differing.length, calls: differing.map(([i, j]) => `${i}/${j}`) },
    }
    return { outcome: ran, causes: [cause] }
  }
  const causes: Cause[] = []
  if (!sameOutputs(out[0]!, fA))
    causes.push({ code: 'first-run-differs', probe, confidence: 'strong', facts: { call: 0 } })
  if (sameOutputs(fA, fB)) {
    return {
      outcome: {
        probe,
        status: 'not-applicable',
        reason: 'the two probe images gave identical outputs, so a stale output cannot be told from a fresh one',
      },
      causes,
    }
  }
  const stale = CHANGES.filter((call) => {
    const before = SCHEDULE[call - 1] === 0 ? fA : fB
    const now = SCHEDULE[call] === 0 ? fA : fB
    return sameOutputs(out[call]!, before) && !sameOutputs(out[call]!, now)
  })
  if (stale.length > 0) {
    causes.push({
      code: 'output-follows-previous-input',
      probe,
      confidence: stale.length === CHANGES.length ? 'strong' : 'likely',
      facts: { changes: CHANGES.length, stale: stale.length, calls: [...stale] },
    })
  }
  return { outcome: ran, causes }
}
