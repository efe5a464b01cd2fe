/**
 * `frameSchedule`: orders in which `count` distinct frames reach a model, with repeats — the sequences
 * that expose a stale output buffer, alternating buffers and a bad first run.
 * @packageDocumentation
 */
import * as fc from 'fast-check'
import { InvalidArgumentError } from '../../errors.js'
import { checkConstraints, integerConstraint } from './constraints.js'

/** Constraints of {@link frameSchedule}. */
export interface FrameScheduleConstraints {
  /** Fewest frames in a schedule. @defaultValue 2 */
  readonly minLength?: number
  /** Most frames in a schedule. @defaultValue `2 · count + 2` */
  readonly maxLength?: number
}

const KEYS = ['minLength', 'maxLength'] as const
const API = 'frameSchedule'
/** Longest schedule accepted: every entry is an inference. */
const MAX_LENGTH = 1000

/**
 * Schedules of frame indices in `[0, count)`, repeats allowed; shrinks toward short schedules of frame 0.
 * @throws {@link InvalidArgumentError} for a count below 1, unknown keys, or `minLength > maxLength`.
 * @example
 * ```ts
 * fc.sample(frameSchedule(3), 2) // e.g. [[0, 2, 2, 1], [1, 0]]
 * ```
 */
export function frameSchedule(count: number, constraints?: FrameScheduleConstraints): fc.Arbitrary<number[]> {
  integerConstraint(API, 'count (first argument)', count, 1, MAX_LENGTH)
  const c = checkConstraints(API, constraints, KEYS)
  const minLength = c.minLength === undefined ? 2 : integerConstraint(API, 'minLength', c.minLength, 1, MAX_LENGTH)
  const maxLength =
    c.maxLength === undefined
      ? Math.max(minLength, 2 * count + 2)
      : integerConstraint(API, 'maxLength', c.maxLength, 1, MAX_LENGTH)
  if (minLength > maxLength) {
    throw new InvalidArgumentError(
      `${API} constraints minLength (${minLength}) must not exceed maxLength (${maxLength}).`,
    )
  }
  return fc.array(fc.integer({ min: 0, max: count - 1 }), { minLength, maxLength })
}
