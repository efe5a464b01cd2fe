/**
 * `vitest-hailo/extend`: what a backend author needs to add a device kind. A backend extends
 * {@link BaseDevice} and {@link BaseLoadedModel} (the base owns lifecycle, validation, timing and
 * disposal; the backend writes only its `*Impl` parts) and registers an opener under its own kind.
 * Test authors need none of this: `vitest-hailo` is their entry point.
 * @packageDocumentation
 */
export { registerBackend, listBackends } from '../device/registry.js'
export type { BackendOpener, BackendOptions, BackendEntry, Availability } from '../device/registry.js'
export { parseDeviceSpec, formatDeviceSpec, validSpecs, AUTO_SPEC } from '../device/spec.js'
export type { DeviceSpec } from '../device/spec.js'
export { BaseDevice } from '../device/base-device.js'
export type { LoadRequest, DeviceInfoParts } from '../device/base-device.js'
export { BaseLoadedModel } from '../device/base-loaded-model.js'
export type { ModelInit, InferTiming, InferStats, ImplOptions } from '../device/base-loaded-model.js'
export { LOAD_OPTION_KEYS, validateLoadOptions } from '../device/load-options.js'
export { guessLayout } from '../device/layout.js'
export { describeOnnx } from '../device/backends/onnx/describe.js'
export type { OnnxDescription } from '../device/backends/onnx/describe.js'
export { FAULTS, FAULT_NAMES } from '../device/backends/faults/names.js'
export type { FaultName } from '../device/backends/faults/names.js'
export {
  typedArrayFor,
  elementCount,
  bytesPerElement,
  dtypeOf,
  isDType,
  strides,
  unravelIndex,
  DTYPES,
} from '../tensor/dtype.js'
export { transpose, toNCHW, toNHWC, NHWC_TO_NCHW, NCHW_TO_NHWC } from '../tensor/layout.js'
export { roundHalfEven, isIdentityQuant } from '../tensor/quantize.js'
export { tensorsEqualBytes } from '../tensor/equal.js'
