/**
 * What a failed parity check saves (inputs, outputs, reference and difference as `.npy`, `summary.json`),
 * shared by `toMatchOnnxWithin` and `vitest-hailo compare`.
 * @packageDocumentation
 */
import type { ParityResult } from '../src/parity/types.js'
import type { EnvironmentFingerprint } from '../src/report/environment.js'
import { paritySummary } from '../src/report/parity-summary.js'
import type { Tensor } from '../src/tensor/types.js'
import type { ArtifactsOutcome } from './format/footer.js'
import { PARITY_MATCHER } from './format/parity-message.js'
import { sampleName } from './format/samples.js'
import { saveFailureArtifacts, type ArtifactPlace } from './save-artifacts.js'

/**
 * Save a failed parity check's artifacts (of its worst sample); a failed write comes back as an outcome, never thrown.
 * @example
 * ```ts
 * const artifacts = await saveParityArtifacts(result, { testFile, testName }, await environmentOf(model))
 * ```
 */
export async function saveParityArtifacts(
  r: ParityResult,
  place: ArtifactPlace,
  environment: EnvironmentFingerprint,
): Promise<ArtifactsOutcome> {
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
    ...place,
    tensors,
    contents: `inputs, outputs, reference and difference${sample} as .npy, summary.json`,
    summary: { matcher: PARITY_MATCHER, ...paritySummary(r), environment },
  })
}
