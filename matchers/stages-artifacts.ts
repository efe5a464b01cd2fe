/**
 * What a failed stages check saves: the inputs and every stage's outputs of one sample as `.npy`, and
 * `summary.json` with the step table, the tolerance, the seed and the environment.
 * @packageDocumentation
 */
import type { EnvironmentFingerprint } from '../src/report/environment.js'
import type { StagesDetail } from '../src/report/run-report/types.js'
import type { StagesResult } from '../src/stages/types.js'
import type { Tensor } from '../src/tensor/types.js'
import type { ArtifactsOutcome } from './format/footer.js'
import { saveFailureArtifacts, type ArtifactPlace } from './save-artifacts.js'

/** The matcher's name, as `summary.json` and the report give it. */
export const STAGES_MATCHER = 'toMatchStagesWithin'

/**
 * Save a failed stages check's artifacts (of its {@link StagesResult.exemplar}); a failed write comes back as an
 * outcome, never thrown.
 * @example
 * ```ts
 * const artifacts = await saveStagesArtifacts(result, details.stages!, { testFile, testName }, environment)
 * ```
 */
export async function saveStagesArtifacts(
  r: StagesResult,
  table: StagesDetail,
  place: ArtifactPlace,
  environment: EnvironmentFingerprint,
): Promise<ArtifactsOutcome> {
  const x = r.exemplar
  const tensors: Record<string, Tensor> = {}
  if (x !== undefined) {
    for (const [name, t] of Object.entries(x.input)) tensors[`input.${name}`] = t
    for (const [stage, outputs] of Object.entries(x.outputs))
      for (const [name, t] of Object.entries(outputs ?? {})) tensors[`${stage}.${name}`] = t
  }
  const label = x === undefined ? undefined : r.samples[x.sample]
  const broken = r.firstBroken === undefined ? undefined : table.steps[r.firstBroken]
  return saveFailureArtifacts({
    ...place,
    tensors,
    contents:
      x === undefined ? 'summary.json' : `the inputs and each stage's outputs of ${label} as .npy, summary.json`,
    summary: {
      matcher: STAGES_MATCHER,
      pass: r.pass,
      stages: r.stages,
      tolerance: table.tolerance,
      seed: r.seed,
      ...(broken === undefined ? {} : { firstBroken: broken }),
      steps: table.steps,
      ...(x === undefined ? {} : { savedSample: { index: x.sample, label } }),
      samples: r.samples.map((s, i) => ({ index: i, label: s, ...r.perSample[i] })),
      environment,
    },
  })
}
