/**
 * Ready-made tiny models for tests: identity, add, matmul, a classifier with N classes, a
 * multi-input model with mixed dtypes and, through the `batch` option, dynamic batch.
 * Each returns a {@link BuiltModel}: bytes for `InferenceSession.create(bytes)` or a `.onnx` file.
 * @packageDocumentation
 */
import type { Dim, DType } from '../../../src/tensor/types.js'
import type { BuiltModel } from './built-model.js'
import { tensorAttr } from './attributes.js'
import { GraphBuilder } from './graph-builder.js'
import { seededWeights } from './weights.js'

/** A batch dimension: a size, or a symbolic name such as `'batch'` for a dynamic batch. */
export type BatchDim = Dim

/**
 * `output = input`, for any dtype and shape (symbolic dims allowed), under any input and output names.
 * @example
 * ```ts
 * const { bytes } = identityModel({ dtype: 'uint8', shape: [1, 8, 8, 3] })
 * ```
 */
export function identityModel(
  options: { dtype?: DType; shape?: readonly Dim[]; input?: string; output?: string } = {},
): BuiltModel {
  const { dtype = 'float32', shape = [1, 4], input = 'input', output = 'output' } = options
  const g = new GraphBuilder({ name: 'identity' })
  g.input(input, dtype, shape)
  g.output(g.node('Identity', [input], { outputs: [output] }), dtype, shape)
  return {
    name: 'identity',
    bytes: g.toBytes(),
    inputs: [{ name: input, dtype, shape }],
    outputs: [{ name: output, dtype, shape }],
  }
}

/**
 * `sum = a + b` over float32 tensors of one shape.
 * @example
 * ```ts
 * const { bytes } = addModel({ shape: ['batch', 3] })
 * ```
 */
export function addModel(options: { shape?: readonly Dim[] } = {}): BuiltModel {
  const shape = options.shape ?? [1, 4]
  const g = new GraphBuilder({ name: 'add' })
  g.input('a', 'float32', shape)
  g.input('b', 'float32', shape)
  g.output(g.node('Add', ['a', 'b'], { outputs: ['sum'] }), 'float32', shape)
  return {
    name: 'add',
    bytes: g.toBytes(),
    inputs: [
      { name: 'a', dtype: 'float32', shape },
      { name: 'b', dtype: 'float32', shape },
    ],
    outputs: [{ name: 'sum', dtype: 'float32', shape }],
  }
}

/** Options of {@link matmulModel}. */
export interface MatmulOptions {
  /** @defaultValue 8 */
  readonly inFeatures?: number
  /** @defaultValue 4 */
  readonly outFeatures?: number
  /** @defaultValue 1 */
  readonly batch?: BatchDim
  /** Seed of the weights. @defaultValue 1 */
  readonly seed?: number
}

/**
 * `y = x · W + b` with seeded W [in, out] and b [out]: a linear layer.
 * @example
 * ```ts
 * const { bytes } = matmulModel({ inFeatures: 16, outFeatures: 2, batch: 'batch', seed: 3 })
 * ```
 */
export function matmulModel(options: MatmulOptions = {}): BuiltModel {
  const { inFeatures = 8, outFeatures = 4, batch = 1, seed = 1 } = options
  const w = seededWeights(seed)
  const g = new GraphBuilder({ name: 'matmul' })
  g.input('x', 'float32', [batch, inFeatures])
  const weight = g.float32([inFeatures, outFeatures], w.kaiming(inFeatures * outFeatures, inFeatures), 'weight')
  const bias = g.float32([outFeatures], w.kaiming(outFeatures, inFeatures), 'bias')
  const product = g.node('MatMul', ['x', weight])
  g.output(g.node('Add', [product, bias], { outputs: ['y'] }), 'float32', [batch, outFeatures])
  return {
    name: 'matmul',
    bytes: g.toBytes(),
    inputs: [{ name: 'x', dtype: 'float32', shape: [batch, inFeatures] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [batch, outFeatures] }],
  }
}

/**
 * `y = c` for every input `x` [1, features]: the shape of `x` is read, never its values (`ConstantOfShape(Shape(x)) +
 * c`, with seeded c). The model a self-comparison cannot test: its answer does not depend on the input.
 * @example
 * ```ts
 * const { bytes } = constantModel({ features: 8 })
 * ```
 */
export function constantModel(options: { features?: number; seed?: number } = {}): BuiltModel {
  const { features = 8, seed = 1 } = options
  const g = new GraphBuilder({ name: 'constant' })
  g.input('x', 'float32', [1, features])
  const zeros = g.node('ConstantOfShape', [g.node('Shape', ['x'])], {
    attributes: { value: tensorAttr({ dtype: 'float32', dims: [1], data: new Float32Array([0]) }) },
  })
  const c = g.float32([features], seededWeights(seed).kaiming(features, features), 'c')
  g.output(g.node('Add', [zeros, c], { outputs: ['y'] }), 'float32', [1, features])
  return {
    name: 'constant',
    bytes: g.toBytes(),
    inputs: [{ name: 'x', dtype: 'float32', shape: [1, features] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: [1, features] }],
  }
}

/** Options of {@link classifierModel}. */
export interface ClassifierOptions {
  /** Number of classes. @defaultValue 10 */
  readonly classes?: number
  /** Length of the input feature vector. @defaultValue 16 */
  readonly features?: number
  /** @defaultValue 1 */
  readonly batch?: BatchDim
  /** Seed of the weights. @defaultValue 1 */
  readonly seed?: number
  /**
   * Multiplies the weights: larger makes sharper (more confident) probabilities.
   * @defaultValue 1
   */
  readonly sharpness?: number
}

/**
 * A linear classifier: input `features` [batch, F] → `logits` [batch, N] → `probs` (softmax) [batch, N].
 * @example
 * ```ts
 * const { bytes } = classifierModel({ classes: 67, batch: 'batch', sharpness: 8 })
 * ```
 */
export function classifierModel(options: ClassifierOptions = {}): BuiltModel {
  const { classes = 10, features = 16, batch = 1, seed = 1, sharpness = 1 } = options
  if (!Number.isInteger(classes) || classes < 2)
    throw new RangeError(`Expected an integer ≥ 2 for classes but received ${classes}`)
  const w = seededWeights(seed)
  const g = new GraphBuilder({ name: `classifier-${classes}` })
  g.input('features', 'float32', [batch, features])
  const weight = w.kaiming(classes * features, features).map((v) => v * sharpness)
  const logits = g.node(
    'Gemm',
    [
      'features',
      g.float32([classes, features], weight, 'head.weight'),
      g.float32([classes], w.kaiming(classes, features), 'head.bias'),
    ],
    {
      outputs: ['logits'],
      attributes: { transB: 1 },
    },
  )
  g.node('Softmax', [logits], { outputs: ['probs'], attributes: { axis: -1 } })
  const outShape = [batch, classes]
  g.output('logits', 'float32', outShape)
  g.output('probs', 'float32', outShape)
  return {
    name: `classifier-${classes}`,
    bytes: g.toBytes(),
    inputs: [{ name: 'features', dtype: 'float32', shape: [batch, features] }],
    outputs: [
      { name: 'logits', dtype: 'float32', shape: outShape },
      { name: 'probs', dtype: 'float32', shape: outShape },
    ],
  }
}

/**
 * Two inputs of different dtypes and two outputs: `image` float32 [batch, C, H, W] and `mask`
 * uint8 [batch, 1, H, W] → `masked` = image · mask (float32, same shape as image) and
 * `total_per_sample` = sum of `masked` per sample (float32 [batch, 1]).
 * @example
 * ```ts
 * const { bytes } = multiInputModel({ batch: 'batch', channels: 3, height: 4, width: 4 })
 * ```
 */
export function multiInputModel(
  options: { batch?: BatchDim; channels?: number; height?: number; width?: number } = {},
): BuiltModel {
  const { batch = 1, channels = 3, height = 4, width = 4 } = options
  const g = new GraphBuilder({ name: 'multi-input' })
  const imageShape = [batch, channels, height, width]
  const maskShape = [batch, 1, height, width]
  g.input('image', 'float32', imageShape)
  g.input('mask', 'uint8', maskShape)
  const maskFloat = g.node('Cast', ['mask'], { attributes: { to: 1 } })
  const masked = g.node('Mul', ['image', maskFloat], { outputs: ['masked'] })
  g.node('ReduceSum', [masked, g.int64([3], [1, 2, 3])], { outputs: ['total'], attributes: { keepdims: 0 } })
  const totalWithAxis = g.node('Unsqueeze', ['total', g.int64([1], [1])], { outputs: ['total_per_sample'] })
  g.output(masked, 'float32', imageShape)
  g.output(totalWithAxis, 'float32', [batch, 1])
  return {
    name: 'multi-input',
    bytes: g.toBytes(),
    inputs: [
      { name: 'image', dtype: 'float32', shape: imageShape },
      { name: 'mask', dtype: 'uint8', shape: maskShape },
    ],
    outputs: [
      { name: 'masked', dtype: 'float32', shape: imageShape },
      { name: 'total_per_sample', dtype: 'float32', shape: [batch, 1] },
    ],
  }
}
