/**
 * `await expect(model).toMatchOnnxWithin(reference, options)`: the same input bytes through the model
 * and through its ONNX reference (onnxruntime-node), every output within the tolerance. The engine
 * (`runParity`) computes; this file only validates, writes failure artifacts and formats.
 *
 * `.not` reads honestly: `expect(shifted).not.toMatchOnnxWithin(ref, { tolerance })` passes when some
 * output is outside the tolerance, and fails, with the numbers, when every output is within it.
 * @packageDocumentation
 */
import type { MatcherState } from 'vitest'
import { getConfig } from '../src/config.js'
import { runParity } from '../src/parity/run.js'
import type { ParityOptions, ParityReference, ParityResult } from '../src/parity/types.js'
import { environmentOf, type EnvironmentFingerprint } from '../src/report/environment.js'
import type { Tensor } from '../src/tensor/types.js'
import { invalidParameter } from '../src/validate.js'
import { parityDetails } from '../src/report/run-report/from-parity.js'
import { testContextOf } from './context.js'
import { recordCheck } from './record-check.js'
import { saveFailureArtifacts } from './save-artifacts.js'
import { deviceFact, seedDrove, type ArtifactsOutcome } from './format/footer.js'
import { assembleMessage } from './format/message.js'
import { formatCriteria, formatParityBody, formatParitySummary } from './format/parity.js'
import { overSamples, sampleName } from './format/samples.js'

/**
 * Options of `toMatchOnnxWithin`: those of the parity engine; `signal` defaults to the test's own and
 * `image` to the plugin's `image` option (an explicit `image` replaces it).
 */
export type ToMatchOnnxWithinOptions = ParityOptions

const MATCHER = 'toMatchOnnxWithin'

/** The matcher, registered by `vitest-hailo/matchers`. */
export async function toMatchOnnxWithin(
  this: MatcherState,
  received: unknown,
  reference: ParityReference,
  options: ToMatchOnnxWithinOptions,
): Promise<{ pass: boolean; message: () => string }> {
  if (options === null || typeof options !== 'object') {
    throw invalidParameter('toMatchOnnxWithin options', 'an object with a tolerance, e.g. { tolerance: { top1: true } }', options)
  }
  const startedAt = Date.now()
  const test = testContextOf(this)
  const signal = options.signal ?? test.signal
  const seed = options.seed ?? getConfig().seed
  const image = options.image ?? getConfig().image
  const result = await runParity(received as never, reference, {
    ...options,
    ...(seed === undefined ? {} : { seed }),
    ...(image === undefined ? {} : { image }),
    ...(signal === undefined ? {} : { signal }),
  })
  const pass = result.pass
  // Vitest leaves isNot undefined (not false) without `.not`.
  const isNot = this.isNot === true
  let artifacts: ArtifactsOutcome | undefined
  let named: ReturnType<typeof deviceFact> = {}
  let environment: EnvironmentFingerprint | undefined
  if (pass === isNot) {
    environment = await environmentOf(received)
    named = deviceFact(environment)
    // A `.not` failure means "everything matched": nothing worth saving.
    if (!pass) artifacts = await saveArtifacts(result, test.testFile, test.testName, environment)
  }
  const details = parityDetails(result, Date.now() - startedAt)
  await recordCheck(this, { matcher: MATCHER, received, held: pass, summary: formatParitySummary(result), details, startedAt, ...(artifacts === undefined ? {} : { artifacts }), ...(environment === undefined ? {} : { environment }) })
  return { pass, message: () => buildMessage(this, result, artifacts, named) }
}

async function saveArtifacts(r: ParityResult, testFile: string, testName: string, environment: EnvironmentFingerprint): Promise<ArtifactsOutcome> {
  const x = r.exemplar
  const tensors: Record<string, Tensor> = {}
  for (const [name, t] of Object.entries(x.input)) tensors[`input.${name}`] = t
  for (const [name, t] of Object.entries(x.referenceInput)) tensors[`reference-input.${name}`] = t
  for (const [name, t] of Object.entries(x.actual)) {
    tensors[`output.${name}`] = t
    const e = x.expected[name]
    if (e === undefined) continue
    tensors[`reference.${name}`] = e
    const d = x.difference[name]
    if (d !== undefined) tensors[`difference.${name}`] = d
  }
  const sample = r.samples.length > 1 ? ` of ${sampleName(x.sample, r.samples[x.sample]!.label)}` : ''
  return saveFailureArtifacts({
    testFile,
    testName,
    tensors,
    contents: `inputs, outputs, reference and difference${sample} as .npy, summary.json`,
    summary: {
      matcher: MATCHER,
      pass: r.pass,
      reference: r.referenceLabel,
      tolerance: r.tolerance,
      seed: r.seed,
      syntheticInput: r.syntheticInput,
      image: r.image,
      savedSample: { index: x.sample, label: r.samples[x.sample]?.label },
      samples: r.samples.map((s) => ({ index: s.index, label: s.label, pass: s.comparison.pass })),
      outputs: r.outputs,
      inputs: r.inputs,
      normalization: r.normalizationSource,
      verdict: r.verdict,
      environment,
    },
  })
}

function buildMessage(state: MatcherState, r: ParityResult, artifacts: ArtifactsOutcome | undefined, named: ReturnType<typeof deviceFact>): string {
  const allowed = formatCriteria(r.tolerance)
  const perOutput = r.tolerance.perOutput === undefined ? '' : ` (per-output overrides for ${Object.keys(r.tolerance.perOutput).map((n) => JSON.stringify(n)).join(', ')})`
  const over = overSamples(r.samples.length)
  return assembleMessage(state, {
    matcher: MATCHER,
    expectedArgument: 'reference',
    notSentence: `expected model not to match ${r.referenceLabel} within the tolerance, but ${formatParitySummary(r)}`,
    expected: state.isNot === true ? `some output outside: ${allowed}${perOutput}${over}` : `every output within: ${allowed}${perOutput}${over}`,
    received: formatParitySummary(r),
    failed: !r.pass,
    body: formatParityBody(r),
    footer: { seed: r.seed, seedDrove: seedDrove(r.syntheticInput), ...(artifacts === undefined ? {} : { artifacts }), ...named },
  })
}
