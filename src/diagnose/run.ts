/**
 * `diagnose`: ask a model which input mistake it suffers from. Four probes — previous frame,
 * normalization, format, quantization — each feed chosen pixels and compare what comes back with
 * the reference model (the ONNX the HEF was compiled from) under competing hypotheses, and return
 * ranked causes with the numbers behind them. Returns data; `words.ts` and the CLI say it.
 * @packageDocumentation
 */
import type { InferableModel, InferOptions, NormalizationSpec } from '../device/types.js'
import { assertInferableModel } from '../device/assert-inferable.js'
import { AbortedError, InvalidArgumentError, UsageError } from '../errors.js'
import { resolveInputs } from '../inputs/resolve.js'
import { readAllsNormalization } from '../parity/alls.js'
import { checkNormalizationSpec } from '../parity/normalization.js'
import { openReference, type OpenedReference } from '../parity/reference.js'
import { displayPath } from '../inputs/samples.js'
import { resolveSeed } from '../random/seed.js'
import type { Tensor } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { formatProbe } from './format.js'
import { normalizationProbe } from './normalization.js'
import { previousFrameProbe, type ProbeFindings } from './previous-frame.js'
import { imageInputOf, probeImages, type ProbeImages } from './probe-images.js'
import { quantizationProbe } from './quantization.js'
import {
  PROBE_NAMES,
  type Cause,
  type Confidence,
  type Diagnosis,
  type DiagnoseOptions,
  type ProbeName,
  type ProbeOutcome,
} from './types.js'
import { assertSignal } from '../device/abort.js'

const OPTION_KEYS = ['reference', 'normalization', 'alls', 'input', 'image', 'probes', 'seed', 'signal'] as const
const RANK: Record<Confidence, number> = { strong: 0, likely: 1, possible: 2 }

async function normalizationOf(options: DiagnoseOptions): Promise<{ spec?: NormalizationSpec; source?: string }> {
  if (options.normalization !== undefined && options.alls !== undefined)
    throw new InvalidArgumentError('Give either normalization or alls (the model script it comes from), not both.')
  if (options.normalization !== undefined) {
    checkNormalizationSpec(options.normalization)
    return { spec: options.normalization, source: 'the normalization option' }
  }
  if (options.alls === undefined) return {}
  const found = await readAllsNormalization(options.alls)
  if (found.length !== 1)
    throw new UsageError(
      'E_DIAGNOSE_NORMALIZATION',
      `${displayPath(options.alls)} has ${found.length} normalization lines; diagnose probes a model with one image input: give normalization explicitly.`,
    )
  return { spec: found[0]!, source: `${displayPath(options.alls)} (line ${found[0]!.line})` }
}

function checkProbes(probes: unknown): readonly ProbeName[] | undefined {
  if (probes === undefined) return undefined
  if (
    !Array.isArray(probes) ||
    probes.length === 0 ||
    !probes.every((p) => (PROBE_NAMES as readonly unknown[]).includes(p))
  ) {
    throw invalidParameter('probes', `a non-empty array of ${PROBE_NAMES.map((p) => `'${p}'`).join(', ')}`, probes)
  }
  return probes as ProbeName[]
}

/** Why a probe cannot run with what was given, or undefined when it can. */
function missingFor(probe: ProbeName, reference: boolean, norm: boolean): string | undefined {
  // The format probe's integer-cast check needs no reference; its encoding comparison does.
  if (probe === 'previous-frame' || probe === 'format') return undefined
  if (!reference) return 'it needs the reference model (reference: the .onnx the model was compiled from)'
  if (probe === 'normalization' && !norm)
    return 'it needs the normalization the pipeline applies (normalization, or alls: the model script)'
  return undefined
}

/**
 * Run the probes on `model` and rank what they found.
 *
 * @throws {@link UsageError} for a model without exactly one image-like input, a dynamic input with no `input`
 *   to copy the size from, or a probe asked for by name that cannot run with what was given;
 *   {@link InvalidArgumentError} for bad options — before any inference.
 * @example
 * ```ts
 * const diagnosis = await diagnose(hef, { reference: 'model.onnx', alls: 'model.alls', input: 'cat.png' })
 * for (const cause of diagnosis.causes) console.log(cause.code, cause.confidence, cause.facts)
 * ```
 */
export async function diagnose(model: InferableModel, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  assertInferableModel(model, 'diagnose(model)')
  if (options === null || typeof options !== 'object') throw invalidParameter('diagnose options', 'an object', options)
  assertKnownKeys('diagnose options', options, OPTION_KEYS)
  const asked = checkProbes(options.probes)
  const { signal } = options
  assertSignal(signal)
  const seed = resolveSeed(options.seed)
  const norm = await normalizationOf(options)
  const info = imageInputOf(model)
  const hasReference = options.reference !== undefined
  for (const probe of asked ?? []) {
    const why = missingFor(probe, hasReference, norm.spec !== undefined)
    if (why !== undefined)
      throw new UsageError('E_DIAGNOSE_PROBE_NOT_APPLICABLE', `The ${probe} probe was asked for, but ${why}.`)
  }
  const given: Tensor | undefined =
    options.input === undefined
      ? undefined
      : (await resolveInputs(model.inputs, options.input, options.image === undefined ? {} : { image: options.image }))[
          info.name
        ]
  const images = probeImages(info, seed, given)
  if (signal?.aborted) throw new AbortedError('diagnose was aborted before it started.')

  let ref: OpenedReference | undefined
  try {
    if (options.reference !== undefined) {
      ref = await openReference(options.reference)
      if (ref.recorded)
        throw new InvalidArgumentError(
          'diagnose needs a reference model it can feed (an .onnx path, its bytes or a loaded model), not recorded outputs.',
        )
    }
    const inferOptions: InferOptions = signal === undefined ? {} : { signal }
    const outcomes: ProbeOutcome[] = []
    const causes: Cause[] = []
    for (const probe of asked ?? PROBE_NAMES) {
      const why =
        missingFor(probe, ref !== undefined, norm.spec !== undefined) ??
        (probe !== 'previous-frame' && causes.some((c) => c.code === 'not-repeatable')
          ? 'the outputs are not repeatable (previous-frame probe), so comparing them with the reference would measure noise'
          : undefined)
      if (why !== undefined) {
        outcomes.push({ probe, status: 'not-applicable', reason: why })
        continue
      }
      const found = await runProbe(probe, model, ref?.model, images, norm.spec, given, inferOptions)
      outcomes.push(found.outcome)
      causes.push(...found.causes)
    }
    // Stable: within one confidence, the probe order (cheapest, most direct evidence first).
    causes.sort((a, b) => RANK[a.confidence] - RANK[b.confidence])
    return {
      causes,
      probes: outcomes,
      seed,
      ...(norm.source === undefined ? {} : { normalizationSource: norm.source }),
    }
  } finally {
    await ref?.close()
  }
}

function runProbe(
  probe: ProbeName,
  model: InferableModel,
  reference: InferableModel | undefined,
  images: ProbeImages,
  norm: NormalizationSpec | undefined,
  given: Tensor | undefined,
  options: InferOptions,
): Promise<ProbeFindings> {
  switch (probe) {
    case 'previous-frame':
      return previousFrameProbe(model, images, options)
    case 'normalization':
      return normalizationProbe(model, reference!, images, norm!, options)
    case 'format':
      return formatProbe(model, reference, images, norm, given, options)
    case 'quantization':
      return quantizationProbe(model, reference!, images, norm, options)
  }
}
