/**
 * What `check`, `compare`, `fuzz` and `replay` do around their engine, written once: count each
 * inference on a progress line (stderr, only when it is a terminal), then read the environment and
 * save a failure's artifacts, the way the matchers do.
 * @packageDocumentation
 */
import { deviceFact, type ArtifactsOutcome } from '../../matchers/format/footer.js'
import type { InferableModel } from '../device/types.js'
import { environmentOf, type EnvironmentFingerprint } from '../report/environment.js'
import { countingInfers } from './counting-model.js'
import { drawProgress, SILENT_PROGRESS, type ProgressOptions } from './progress.js'
import type { CliIo } from './types.js'

/**
 * Run `engine` on `model`, each inference ticking a progress line drawn as `progress` says; the line is
 * erased when the engine settles, pass or fail.
 * @example
 * ```ts
 * const result = await withProgress(io, model, { unit: 'samples', total: 4 }, (m) => runParity(m, ref, options))
 * ```
 */
export async function withProgress<M extends InferableModel, T>(
  io: CliIo,
  model: M,
  progress: Omit<ProgressOptions, 'write'>,
  engine: (counted: M) => Promise<T>,
): Promise<T> {
  const line =
    io.interactive === true ? drawProgress({ ...progress, write: io.progress ?? io.stderr }) : SILENT_PROGRESS
  try {
    return await engine(countingInfers(model, () => line.tick()))
  } finally {
    line.done()
  }
}

/** What a verdict names besides the result: the environment, the device, and where a failure's files went. */
export interface VerdictFacts {
  readonly environment: EnvironmentFingerprint
  readonly named: ReturnType<typeof deviceFact>
  readonly artifacts: ArtifactsOutcome | undefined
}

/**
 * Read `model`'s environment and, when the check `failed`, save its artifacts with `save`.
 * @example
 * ```ts
 * const save = (env: EnvironmentFingerprint) => saveParityArtifacts(result, place, env)
 * const { environment, named, artifacts } = await verdictFacts(model, !result.pass, save)
 * ```
 */
export async function verdictFacts(
  model: InferableModel,
  failed: boolean,
  save: (environment: EnvironmentFingerprint) => Promise<ArtifactsOutcome>,
): Promise<VerdictFacts> {
  const environment = await environmentOf(model)
  return { environment, named: deviceFact(environment), artifacts: failed ? await save(environment) : undefined }
}
