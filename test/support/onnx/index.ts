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
export {
  addModel,
  classifierModel,
  constantModel,
  identityModel,
  matmulModel,
  multiInputModel,
  type ClassifierOptions,
  type MatmulOptions,
} from './tiny-models.js'
export { convClassifierModel, type ConvClassifierOptions } from './conv-classifier.js'
export { largeOutputModel, type LargeOutputOptions } from './large-output.js'
export { noiseShyClassifierModel, type NoiseShyClassifierOptions } from './noise-shy-classifier.js'
export {
  convNextGraph,
  IMAGENET_MEAN_PIXELS,
  IMAGENET_STD_PIXELS,
  LAYER_NORM_EPSILON,
  type ConvNextGraphOptions,
  type ConvNextInput,
  type LayerNormStyle,
} from './convnext/graph.js'
export {
  randomConvNextWeights,
  DEFAULT_CONVNEXT_SHAPE,
  type ConvNextShape,
  type ConvNextWeights,
} from './convnext/weights.js'
export { fixtureClassifierWeights, FIXTURE_SEED, FIXTURE_SIZE } from './convnext/fixture-classifier.js'
export { referenceFeatures, referenceLogits } from './convnext/reference.js'
export { drawScene, SCENE_CLASSES, SCENE_NAMES, type RgbImage, type SceneName } from './scenes.js'
export { normalizeImage } from './normalize.js'
export { SAMPLE_IMAGES, type SampleImage } from './sample-images.js'
export { fixtureFiles, fixtureModels, IMAGES_DIR, MODELS_DIR, type FixtureFile } from './fixture-files.js'
