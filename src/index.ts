/**
 * vitest-hailo engine API: devices, tensors, comparison, determinism, inputs.
 * Matchers live in `vitest-hailo/matchers`, fixtures in `vitest-hailo/fixtures`, the Vitest plugin
 * in `vitest-hailo/plugin`.
 * @packageDocumentation
 */
export * from './errors.js'
export type * from './tensor/types.js'
export type * from './device/types.js'
export { resolveSeed, SEED_ENV } from './random/seed.js'
export { getConfig, setConfig, DEFAULT_CONFIG, DEVICE_ENV, ARTIFACTS_ENV } from './config.js'
export type { HailoConfig } from './config.js'
export { runDeterminism, DEFAULT_MAX_EXEMPLARS } from './determinism/run.js'
export type { DeterminismOptions, DeterminismResult, DeterminismGroup, DeterminismPattern, OtherRuns } from './determinism/types.js'
export { flakinessBound } from './determinism/flakiness.js'
export type { FlakinessBound } from './determinism/flakiness.js'
export type { ClassPrediction } from './determinism/classifier.js'
export type { LargestDifference } from './determinism/difference.js'
export type { RunSet } from './determinism/run-set.js'
export type { RunTiming } from './determinism/timing.js'
export { artifactFolder, writeArtifacts } from './report/artifacts.js'
export type { ArtifactRequest } from './report/artifacts.js'
export { environmentOf } from './report/environment.js'
export type { EnvironmentFingerprint } from './report/environment.js'
export { determinismSummary } from './report/determinism-summary.js'
