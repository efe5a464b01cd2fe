/**
 * A classifier whose softmax is confident on a black input and unsure on noise: the trap for an output
 * quantization calibrated on uniform-noise inputs, whose range then stops far below the confidence a real
 * input reaches (a PaddleOCR `cls`-like model was reported at 19.4 % instead of ~78 % that way).
 * @packageDocumentation
 */
import type { BuiltModel } from './built-model.js'
import { GraphBuilder } from './graph-builder.js'

/** Options of {@link noiseShyClassifierModel}. */
export interface NoiseShyClassifierOptions {
  /** Number of classes. @defaultValue 4 */
  readonly classes?: number
  /** Length of the input vector (pixels 0–255). @defaultValue 16 */
  readonly features?: number
  /** The class a black input is given. @defaultValue 2 */
  readonly confident?: number
  /** Its probability on a black input. @defaultValue 0.78 */
  readonly confidence?: number
}

/**
 * `pixels` float32 [1, F] → `logits` [1, C] → softmax → `probs` [1, C]. On an all-zero input the logits are the bias:
 * `confident` gets `confidence`, the other classes share the rest evenly. Every pixel lowers that class's logit
 * (by 0.1 per unit of mean brightness), so on uniform 0–255 noise it drops out and the others sit near 1/(C − 1).
 * @example
 * ```ts
 * const { bytes } = noiseShyClassifierModel() // class 2 at 78 % on new Uint8Array(16), about 33 % at most on noise
 * ```
 */
export function noiseShyClassifierModel(options: NoiseShyClassifierOptions = {}): BuiltModel {
  const { classes = 4, features = 16, confident = 2, confidence = 0.78 } = options
  if (!(confidence > 1 / classes && confidence < 1))
    throw new RangeError(`Expected a confidence in (1/${classes}, 1) but received ${confidence}`)
  // softmax of [0, …, m, …, 0] gives e^m / (e^m + C − 1) to the confident class.
  const margin = Math.log((confidence * (classes - 1)) / (1 - confidence))
  const weight = new Float32Array(classes * features)
  weight.fill(-0.1 / features, confident * features, (confident + 1) * features)
  const bias = new Float32Array(classes)
  bias[confident] = margin
  const g = new GraphBuilder({ name: 'noise-shy-classifier' })
  g.input('pixels', 'float32', [1, features])
  g.node(
    'Gemm',
    ['pixels', g.float32([classes, features], weight, 'head.weight'), g.float32([classes], bias, 'head.bias')],
    { outputs: ['logits'], attributes: { transB: 1 } },
  )
  g.node('Softmax', ['logits'], { outputs: ['probs'], attributes: { axis: -1 } })
  g.output('logits', 'float32', [1, classes])
  g.output('probs', 'float32', [1, classes])
  return {
    name: 'noise-shy-classifier',
    bytes: g.toBytes(),
    inputs: [{ name: 'pixels', dtype: 'float32', shape: [1, features] }],
    outputs: [
      { name: 'logits', dtype: 'float32', shape: [1, classes] },
      { name: 'probs', dtype: 'float32', shape: [1, classes] },
    ],
  }
}
