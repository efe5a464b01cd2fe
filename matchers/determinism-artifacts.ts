/**
 * What a failed determinism check saves (the input and each distinct output as `.npy`, `summary.json`),
 * shared by `toBeDeterministicAcross` and `vitest-hailo check`.
 * @packageDocumentation
 */
import type { DeterminismResult } from '../src/determinism/types.js'
import { determinismSummary } from '../src/report/determinism-summary.js'
import type { EnvironmentFingerprint } from '../src/report/environment.js'
import type { Tensor } from '../src/tensor/types.js'
import { DETERMINISM_MATCHER } from './format/determinism-message.js'
import type { ArtifactsOutcome } from './format/footer.js'
import { plural } from './format/numbers.js'
import { sampleName } from './format/samples.js'
import { saveFailureArtifacts, type ArtifactPlace } from './save-artifacts.js'

/**
 * Save a failed determinism check's artifacts; a failed write comes back as an outcome, never thrown.
 * @example
 * ```ts
 * const artifacts = await saveDeterminismArtifacts(result, { testFile, testName }, await environmentOf(model))
 * ```
 */
export async function saveDeterminismArtifacts(
  result: DeterminismResult,
  place: ArtifactPlace,
  environment: EnvironmentFingerprint,
): Promise<ArtifactsOutcome> {
  const tensors: Record<string, Tensor> = {}
  for (const [name, t] of Object.entries(result.input)) tensors[`input.${name}`] = t
  for (const g of result.groups)
    for (const [name, t] of Object.entries(g.outputs)) tensors[`output.group${g.id}.${name}`] = t
  const sample =
    result.samples.length > 1 ? ` of ${sampleName(result.sample, result.samples[result.sample]!.label)}` : ''
  return saveFailureArtifacts({
    ...place,
    tensors,
    summary: { matcher: DETERMINISM_MATCHER, ...determinismSummary(result), environment },
    contents: `input + ${plural(result.groups.length, 'distinct output')}${sample} as .npy, summary.json`,
  })
}
