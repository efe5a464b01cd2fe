/**
 * The words for `toBeDeterministicAcross(1)`: one run per input compares nothing in the process, so it cannot fail.
 * It has a use — `vitest-hailo report merge` compares the outputs several runners recorded — so it stays a pass,
 * but never a silent one: the matcher warns, and the end of the run lists it (from `report.json`'s `runs: 1`).
 * A `.not` of it could never pass, and is refused.
 * @packageDocumentation
 */
import { DETERMINISM_MATCHER } from './determinism-message.js'

/** What to write instead, in every message about a single run. */
const INSTEAD = `give n ≥ 2, e.g. ${DETERMINISM_MATCHER}(10)`

/**
 * The one warning line of a passing `toBeDeterministicAcross(1)`: it compared nothing here, only recorded outputs
 * for `report merge`, and what to write to check determinism in the process.
 * @example
 * ```ts
 * if (result.runs === 1) console.warn(singleRunWarning())
 * ```
 */
export function singleRunWarning(): string {
  return (
    `vitest-hailo: ${DETERMINISM_MATCHER}(1) passed but compared nothing in this process (1 run per input): it only ` +
    `recorded the outputs, for \`vitest-hailo report merge\` to compare across runners. To check determinism here, ${INSTEAD}.`
  )
}

/**
 * Why `.not.toBeDeterministicAcross(1)` is refused: a single run has nothing to differ from, so it would always fail.
 * @example
 * ```ts
 * if (negated && runs === 1) throw new NothingToCompareError(negatedSingleRunWords())
 * ```
 */
export function negatedSingleRunWords(): string {
  return (
    `expect(model).not.${DETERMINISM_MATCHER}(1) can never pass: with 1 run per input there is nothing for an ` +
    `output to differ from, so it would fail whatever the model does. To show that outputs differ, ${INSTEAD}.`
  )
}
