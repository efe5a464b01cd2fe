/**
 * Turning fast-check's report of a failed property into a {@link FuzzFailure}: the shrunk case as
 * data, its tensors, what differed, and the replay token.
 * @packageDocumentation
 */
import type * as fc from 'fast-check'
import { FuzzCaseFailure, summarizeError } from './properties/case-failure.js'
import { encodeToken } from './token.js'
import type { FuzzFailure, FuzzPropertyName } from './types.js'

/**
 * The failure of `property` from fast-check's run details (which must have failed with a counterexample).
 * @example
 * ```ts
 * const details = await fc.check(property, { seed })
 * if (details.failed) return failureOf('repeatable', details, model.fingerprint())
 * ```
 */
export function failureOf(
  property: FuzzPropertyName,
  details: fc.RunDetails<unknown>,
  fingerprint: string | undefined,
  shapes?: Readonly<Record<string, readonly number[]>>,
): FuzzFailure {
  const path = details.counterexamplePath ?? ''
  const token = encodeToken({
    property,
    seed: details.seed,
    path,
    ...(fingerprint === undefined ? {} : { fingerprint }),
    ...(shapes === undefined ? {} : { shapes }),
  })
  const error = details.errorInstance
  const base = {
    property,
    counterexample: (details.counterexample as readonly unknown[] | null)?.[0],
    casesRun: details.numRuns,
    shrinkSteps: details.numShrinks,
    token,
    seed: details.seed,
    path,
  }
  if (error instanceof FuzzCaseFailure) {
    const { inputs, outputs, difference, refusal, error: thrown } = error.details
    return {
      ...base,
      inputs,
      outputs,
      ...(difference === undefined ? {} : { difference }),
      ...(refusal === undefined ? {} : { refusal }),
      ...(thrown === undefined ? {} : { error: thrown }),
    }
  }
  // Anything else the case threw (a device error, a refused input): the error itself is the finding.
  return { ...base, inputs: {}, outputs: {}, error: summarizeError(error) }
}
