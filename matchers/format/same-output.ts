/**
 * The words for a fuzz run whose self-comparisons held on a model that gave the same output bytes for every input
 * (`FuzzPropertyOutcome.sameOutputForEveryInput`): such a pass proves nothing about the input path. Still a pass —
 * a detector answering "nothing" to noise is legitimate — but never a silent one.
 * @packageDocumentation
 */
import type { FuzzPropertyOutcome, FuzzResult } from '../../src/fuzz/types.js'
import { listNames, plural } from './numbers.js'

type Finding = FuzzPropertyOutcome & Required<Pick<FuzzPropertyOutcome, 'sameOutputForEveryInput'>>

/** The properties that held with the same output for every input, in the run's order. */
export function sameOutputProperties(r: FuzzResult): Finding[] {
  return r.properties.filter((p): p is Finding => p.status === 'passed' && p.sameOutputForEveryInput !== undefined)
}

const names = (found: readonly Finding[]): string => listNames(found.map((p) => p.name))

/**
 * What the summary line adds: `, with the same output bytes for every input` for the one property that ran,
 * `; repeatable and frame-order gave the same output bytes for every input` for several; else empty.
 * @example
 * ```ts
 * `repeatable held over 50 cases${sameOutputNote(result, true)}`
 * ```
 */
export function sameOutputNote(r: FuzzResult, onlyProperty: boolean): string {
  const found = sameOutputProperties(r)
  if (found.length === 0) return ''
  return onlyProperty
    ? ', with the same output bytes for every input'
    : `; ${names(found)} gave the same output bytes for every input`
}

/**
 * The warning, without a prefix: what held, on how many cases, why that proves nothing, and what to add.
 * Undefined when every property's outputs followed its inputs.
 * @example
 * ```ts
 * sameOutputWarning(result)
 * // 'repeatable passed, but all 50 cases gave byte-identical outputs for different inputs (49 of them with an
 * // input different from the first case's): the answer did not depend on the input here (…). repeatable cannot
 * // see an input-path fault …'
 * ```
 */
export function sameOutputWarning(r: FuzzResult): string | undefined {
  const found = sameOutputProperties(r)
  if (found.length === 0) return undefined
  const first = found[0]!.sameOutputForEveryInput
  const cases =
    found.length === 1
      ? `all ${plural(first.cases, 'case')} gave byte-identical outputs for different inputs (${first.differentInputs} of them with an input different from the first case's)`
      : `every case of each gave byte-identical outputs for different inputs (${found.map((p) => `${p.name}: ${plural(p.sameOutputForEveryInput.cases, 'case')}`).join(', ')})`
  const who = names(found)
  return (
    `${who} passed, but ${cases}: the answer did not depend on the input here (a saturated network: give the model ` +
    `its \`normalization\`; or a device that computes on another buffer). ${who} cannot see an input-path fault in ` +
    'such a run: add `parity` with a `reference`, and an `input` from your data.'
  )
}
