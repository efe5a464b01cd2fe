/**
 * ONNX model builders for vitest-hailo's own tests: a typed graph builder over `onnx-proto`,
 * ready-made tiny models, the ConvNeXt-like fixture classifier and the large-output model.
 *
 * @example
 * ```ts
 * import { classifierModel } from '../../test/support/onnx/index.js'
 * const model = await device.load(classifierModel({ classes: 67, batch: 'batch' }).bytes)
 * ```
 * @packageDocumentation
 */
export { float, floats, tensorAttr, type AttributeValue, type Attributes } from './attributes.js'
export type { BuiltModel, ValueSpec } from './built-model.js'
export { DEFAULT_OPSET, GraphBuilder, IR_VERSION, type GraphOptions, type NodeOptions } from './graph-builder.js'
export { tensorProto, type TensorData } from './tensor-proto.js'
export { seededWeights, type WeightSource } from './weights.js'
export { addModel, classifierModel, identityModel, matmulModel, multiInputModel, type ClassifierOptions, type MatmulOptions } from './tiny-models.js'
export { largeOutputModel, type LargeOutputOptions } from './large-output.js'
