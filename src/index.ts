/**
 * vitest-hailo, the test author's API: open a device and load a model, describe a model file, run the
 * engines behind the matchers, prepare inputs, read outputs, and the errors and types they use.
 * Other entry points: `vitest-hailo/matchers`, `vitest-hailo/fixtures`, `vitest-hailo/plugin`;
 * `vitest-hailo/extend` for backend authors; `vitest-hailo/hef` for the HEF reader and the HailoRT
 * compatibility tables. `api/*.api.md` lists what each one exports.
 * @packageDocumentation
 */
export * from './errors.js'
export type * from './tensor/types.js'
export type * from './device/types.js'
export type * from './health/types.js'
export type { HealthPolicy } from './health/policy.js'
export { boardHealthOf } from './health/window.js'

// Devices and models
export { openDevice } from './open-device.js'
export type { DeviceSpecText } from './device/spec-text.js'
export type { FaultName } from './device/backends/faults/names.js'
export { describeModel } from './describe.js'
export type { DescribeOptions, ModelDescription, HefFacts } from './describe.js'

// The engines behind the matchers: they return data, the matchers format it
export { runDeterminism } from './determinism/run.js'
export type {
  DeterminismOptions,
  DeterminismResult,
  DeterminismGroup,
  DeterminismPattern,
  DeterminismSampleVerdict,
  OtherRuns,
} from './determinism/types.js'
export type { FlakinessBound } from './determinism/flakiness.js'
export type { ClassPrediction, ConfidenceSource } from './determinism/classifier.js'
export type { LargestDifference } from './determinism/difference.js'
export type { RunSet } from './determinism/run-set.js'
export type { RunTiming } from './determinism/timing.js'
export { runParity } from './parity/run.js'
export type {
  ParityOptions,
  ParityResult,
  ParityReference,
  ParitySample,
  OutputPairing,
  InputPreparation,
  ParityExemplar,
} from './parity/types.js'
export type { RecordedOutputs } from './parity/recorded.js'
export type { AllsNormalization } from './parity/alls.js'
export { runStages } from './stages/run.js'
export { STAGE_NAMES } from './stages/types.js'
export type {
  Stages,
  StagesOptions,
  StagesResult,
  StageStep,
  StageName,
  RecordedStage,
  StagesExemplar,
  StagesSampleOutcome,
} from './stages/types.js'
export { diagnose } from './diagnose/run.js'
export { PROBE_NAMES } from './diagnose/types.js'
export type {
  DiagnoseOptions,
  Diagnosis,
  Cause,
  CauseCode,
  Confidence,
  ProbeName,
  ProbeOutcome,
  Encoding,
  EncodingScore,
  NormalizationScore,
} from './diagnose/types.js'
export { describeCause, formatDiagnosis } from './diagnose/words.js'
export type { CauseWords } from './diagnose/words.js'
export type { Tolerance, ToleranceCriteria, TopKFraction } from './compare/tolerance.js'
export type * from './compare/types.js'

// Inputs
export { resolveInputs } from './inputs/resolve.js'
export type { ResolveOptions } from './inputs/resolve.js'
export { readNpy, writeNpy } from './inputs/npy.js'
export { loadImage } from './inputs/image.js'
export type { ImageOptions, SharpKernel } from './inputs/image.js'
export { syntheticInputs } from './inputs/synthetic.js'
export type { InputDescription, InputKind, SyntheticDescription } from './inputs/synthetic.js'
export type { InputSamples, SampleSource } from './inputs/samples.js'

// Tensors
export { makeTensor } from './tensor/dtype.js'
export { quantize, dequantize } from './tensor/quantize.js'
export type { RawDType, CastMode, QuantizeOptions } from './tensor/quantize.js'
export { argmax, topK, softmax } from './tensor/classify.js'
export type { RankedClass } from './tensor/classify.js'

// HEF and compatibility facts that appear in the types above (readers and tables: vitest-hailo/hef)
export type {
  HefInfo,
  HefNetworkGroup,
  HefVStreamInfo,
  HefQuantInfo,
  HefExtension,
  HefFeatures,
  HailoArchitecture,
  HailoFormatOrder,
  HailoFormatType,
} from './hef/types.js'
export type { HefDisagreement } from './hef/cross-check.js'
export type { CompatLevel, CompatReason, CompatTarget, CompatVerdict } from './hailort-compat/verdict.js'
export type { EnvironmentFingerprint } from './report/environment.js'
