/**
 * `vitest-hailo/fuzz`: property-based fuzzing of a model's input path with fast-check — the arbitraries
 * (descriptions of inputs, generated and shrunk as plain data), the ready-made properties by name, and
 * `runFuzz`, the engine behind `toSurviveFuzzing`. Plain `fc.assert(fc.asyncProperty(…))` works; so does
 * `@fast-check/vitest`'s `test.prop`, which this entry never imports.
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { inputDescription, materialize, repeatable } from 'vitest-hailo/fuzz'
 * await fc.assert(repeatable(model), { numRuns: 50 })
 * ```
 * @packageDocumentation
 */
export { runFuzz } from '../fuzz/run.js'
export { PROPERTY_NAMES, REPLAY_ENV } from '../fuzz/types.js'
export type {
  FuzzOptions,
  FuzzResult,
  FuzzFailure,
  FuzzPropertyName,
  FuzzPropertyOutcome,
  FuzzDifference,
  FuzzRefusal,
  FuzzReplayOutcome,
  SameOutputForEveryInput,
  RunFuzz,
} from '../fuzz/types.js'
export { DEFAULT_NUM_RUNS, FUZZ_OPTION_KEYS } from '../fuzz/options.js'
export { decodeToken, encodeToken, TOKEN_VERSION } from '../fuzz/token.js'
export type { ReplayToken } from '../fuzz/token.js'
export { inputDescription, materialize } from '../fuzz/arbitraries/input-description.js'
export type { GeneratedInput, InputDescriptionConstraints } from '../fuzz/arbitraries/input-description.js'
export { frameSchedule } from '../fuzz/arbitraries/frame-schedule.js'
export type { FrameScheduleConstraints } from '../fuzz/arbitraries/frame-schedule.js'
export type { ShapeConstraint } from '../fuzz/concrete-shapes.js'
export { repeatable, DEFAULT_REPEAT_RUNS } from '../fuzz/properties/repeatable.js'
export type { RepeatableOptions } from '../fuzz/properties/repeatable.js'
export { frameOrder } from '../fuzz/properties/frame-order.js'
export type { FrameOrderCase, FrameOrderOptions } from '../fuzz/properties/frame-order.js'
export type { CaseTally, FuzzProperty } from '../fuzz/properties/fuzz-property.js'
export type { InputDependence } from '../fuzz/properties/input-dependence.js'
export { formatPaths } from '../fuzz/properties/format-paths.js'
export type { FormatPathsOptions } from '../fuzz/properties/format-paths.js'
export { encodings } from '../fuzz/properties/encodings.js'
export type { EncodingsCase, EncodingsOptions } from '../fuzz/properties/encodings.js'
export { parity, defaultParityTolerance } from '../fuzz/properties/parity.js'
export type { ParityCase, ParityPropertyOptions } from '../fuzz/properties/parity.js'
export { encoding, encode, applicableEncodings } from '../fuzz/arbitraries/encoding.js'
export type { EncodingCase, EncodingConstraints } from '../fuzz/arbitraries/encoding.js'
export { ENCODINGS, ACCEPTED_ENCODINGS, REFUSED_ENCODINGS } from '../fuzz/encode.js'
export type { EncodingName } from '../fuzz/encode.js'
export { perturbation } from '../fuzz/arbitraries/perturbation.js'
export type { PerturbationConstraints } from '../fuzz/arbitraries/perturbation.js'
export { perturb } from '../fuzz/perturb.js'
export type { Perturbation, Patch, PixelChange } from '../fuzz/perturb.js'
