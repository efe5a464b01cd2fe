/**
 * What a failed fuzz run saves: the shrunk counterexample's inputs and outputs as `.npy`, and
 * `summary.json` with the counterexample as data and the replay token.
 * @packageDocumentation
 */
import type { FuzzFailure, FuzzResult } from '../src/fuzz/types.js'
import type { EnvironmentFingerprint } from '../src/report/environment.js'
import type { Tensor } from '../src/tensor/types.js'
import type { ArtifactsOutcome } from './format/footer.js'
import { FUZZ_MATCHER } from './format/fuzz-message.js'
import { plural } from './format/numbers.js'
import { saveFailureArtifacts, type ArtifactPlace } from './save-artifacts.js'

/** `frame 1` → `frame-1`: labels become parts of file names. */
const fileLabel = (label: string): string => label.trim().replace(/\s+/g, '-')

/** The counterexample's tensors by artifact name: `input.<label>.<input>`, `output.<label>.<output>`. */
export function failureTensors(f: FuzzFailure): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = {}
  for (const [label, inputs] of Object.entries(f.inputs))
    for (const [name, t] of Object.entries(inputs)) tensors[`input.${fileLabel(label)}.${name}`] = t
  for (const [label, outputs] of Object.entries(f.outputs))
    for (const [name, t] of Object.entries(outputs)) tensors[`output.${fileLabel(label)}.${name}`] = t
  return tensors
}

/**
 * Save a failed fuzz run's counterexample; a failed write comes back as an outcome, never thrown.
 * @example
 * ```ts
 * const artifacts = await saveFuzzArtifacts(result, { testFile, testName }, await environmentOf(model))
 * ```
 */
export async function saveFuzzArtifacts(
  r: FuzzResult,
  place: ArtifactPlace,
  environment: EnvironmentFingerprint,
): Promise<ArtifactsOutcome> {
  const f = r.failure
  if (f === undefined) throw new Error('saveFuzzArtifacts: the run has no failure to save')
  const tensors = failureTensors(f)
  const inputs = Object.keys(tensors).filter((k) => k.startsWith('input.')).length
  const outputs = Object.keys(tensors).length - inputs
  return saveFailureArtifacts({
    ...place,
    tensors,
    contents: `the counterexample's ${plural(inputs, 'input')} and ${plural(outputs, 'output')} as .npy, summary.json with its description and replay token`,
    summary: {
      matcher: FUZZ_MATCHER,
      pass: false,
      property: f.property,
      counterexample: f.counterexample,
      token: f.token,
      fastCheck: { seed: f.seed, path: f.path },
      casesRun: f.casesRun,
      shrinkSteps: f.shrinkSteps,
      numRuns: r.numRuns,
      seed: r.seed,
      fingerprint: r.fingerprint,
      replayed: r.replayed,
      properties: r.properties,
      difference: f.difference,
      refusal: f.refusal,
      error: f.error,
      health: r.health,
      environment,
    },
  })
}
