/**
 * The classifier's forward pass written out in plain float64 JavaScript: an implementation
 * independent of the ONNX graph. It fits the head ({@link fitHead}) and lets tests check that the
 * graph computes what it should (ONNX Runtime's float32 output agrees with it within ~1e-4).
 * Uses only arithmetic, `Math.sqrt` and `Math.exp`, so it gives the same numbers on every machine.
 * @packageDocumentation
 */
import { LAYER_NORM_EPSILON } from './graph.js'
import type { BlockWeights, ConvNextWeights, NormWeights } from './weights.js'

/** A single-sample NCHW activation (batch dimension dropped). */
interface Activation {
  readonly data: Float64Array
  readonly channels: number
  readonly height: number
  readonly width: number
}

/**
 * erf with a fractional error below 1.2e-7 (Chebyshev fit of erfc, Numerical Recipes §6.2):
 * close enough to ONNX Runtime's float32 `Erf` for a float64 reference.
 */
export function erf(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? 1 - erfc : erfc - 1
}

/** 1×1 convolution (most of the work): loops ordered so the inner one runs over contiguous pixels. */
function pointwise(x: Activation, weight: Float32Array, bias: Float32Array, outChannels: number): Activation {
  const plane = x.height * x.width
  const input = x.data
  const out = new Float64Array(outChannels * plane)
  for (let oc = 0; oc < outChannels; oc++) {
    const row = oc * plane
    out.fill(bias[oc] as number, row, row + plane)
    for (let ic = 0; ic < x.channels; ic++) {
      const w = weight[oc * x.channels + ic] as number
      const from = ic * plane
      for (let p = 0; p < plane; p++) out[row + p] = (out[row + p] as number) + w * (input[from + p] as number)
    }
  }
  return { data: out, channels: outChannels, height: x.height, width: x.width }
}

/** Any 2-D convolution (zero padding, square kernel, groups), output accumulated tap by tap. */
function conv2d(
  x: Activation,
  weight: Float32Array,
  bias: Float32Array,
  outChannels: number,
  kernel: number,
  stride: number,
  pad: number,
  groups: number,
): Activation {
  if (kernel === 1 && stride === 1 && pad === 0 && groups === 1) return pointwise(x, weight, bias, outChannels)
  const input = x.data
  const inPerGroup = x.channels / groups
  const outPerGroup = outChannels / groups
  const height = Math.floor((x.height + 2 * pad - kernel) / stride) + 1
  const width = Math.floor((x.width + 2 * pad - kernel) / stride) + 1
  const out = new Float64Array(outChannels * height * width)
  for (let oc = 0; oc < outChannels; oc++) {
    const group = Math.floor(oc / outPerGroup)
    const row = oc * height * width
    out.fill(bias[oc] as number, row, row + height * width)
    for (let ic = 0; ic < inPerGroup; ic++) {
      const plane = (group * inPerGroup + ic) * x.height * x.width
      for (let ky = 0; ky < kernel; ky++) {
        for (let kx = 0; kx < kernel; kx++) {
          const w = weight[((oc * inPerGroup + ic) * kernel + ky) * kernel + kx] as number
          // Output positions whose input tap (o·stride + k − pad) falls inside the image.
          const y0 = Math.max(0, Math.ceil((pad - ky) / stride)),
            y1 = Math.min(height, Math.floor((x.height - 1 + pad - ky) / stride) + 1)
          const x0 = Math.max(0, Math.ceil((pad - kx) / stride)),
            x1 = Math.min(width, Math.floor((x.width - 1 + pad - kx) / stride) + 1)
          for (let oy = y0; oy < y1; oy++) {
            const src = plane + (oy * stride + ky - pad) * x.width - pad + kx
            const dst = row + oy * width
            for (let ox = x0; ox < x1; ox++)
              out[dst + ox] = (out[dst + ox] as number) + w * (input[src + ox * stride] as number)
          }
        }
      }
    }
  }
  return { data: out, channels: outChannels, height, width }
}

/** LayerNorm of a vector `values[offset + k·step]`, k < n, in place. */
function normalizeStrided(values: Float64Array, offset: number, step: number, n: number, w: NormWeights): void {
  let mean = 0
  for (let k = 0; k < n; k++) mean += values[offset + k * step] as number
  mean /= n
  let variance = 0
  for (let k = 0; k < n; k++) {
    const d = (values[offset + k * step] as number) - mean
    variance += d * d
  }
  variance /= n
  const std = Math.sqrt(variance + LAYER_NORM_EPSILON)
  for (let k = 0; k < n; k++) {
    const at = offset + k * step
    values[at] = (((values[at] as number) - mean) / std) * (w.gamma[k] as number) + (w.beta[k] as number)
  }
}

function channelLayerNorm(x: Activation, w: NormWeights): Activation {
  const data = Float64Array.from(x.data)
  const plane = x.height * x.width
  for (let p = 0; p < plane; p++) normalizeStrided(data, p, plane, x.channels, w)
  return { ...x, data }
}

function block(x: Activation, w: BlockWeights): Activation {
  const dim = w.dim
  const dw = conv2d(x, w.dwWeight, w.dwBias, dim, 7, 1, 3, dim)
  const expanded = conv2d(channelLayerNorm(dw, w.norm), w.expandWeight, w.expandBias, 4 * dim, 1, 1, 0, 1)
  const activated = expanded.data.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2)))
  const contracted = conv2d({ ...expanded, data: activated }, w.contractWeight, w.contractBias, dim, 1, 1, 0, 1)
  const plane = x.height * x.width
  const out = new Float64Array(x.data.length)
  for (let i = 0; i < out.length; i++) {
    out[i] = (x.data[i] as number) + (contracted.data[i] as number) * (w.layerScale[Math.floor(i / plane)] as number)
  }
  return { ...x, data: out }
}

/**
 * The head's input: pooled, LayerNormed features of one normalized NCHW image [3, S, S].
 * @example
 * ```ts
 * const f = referenceFeatures(weights, normalizedImage) // Float64Array of the last stage's width
 * ```
 */
export function referenceFeatures(weights: ConvNextWeights, image: Float64Array): Float64Array {
  const { size } = weights
  if (image.length !== 3 * size * size)
    throw new RangeError(`Expected ${3 * size * size} values (3×${size}×${size}) but received ${image.length}`)
  const first = weights.stages[0]
  if (first === undefined) throw new RangeError('Expected weights with at least one stage')
  let x = conv2d(
    { data: image, channels: 3, height: size, width: size },
    weights.stem.weight,
    weights.stem.bias,
    first.dim,
    4,
    4,
    0,
    1,
  )
  x = channelLayerNorm(x, weights.stem.norm)
  for (const stage of weights.stages) {
    if (stage.downsample !== undefined) {
      x = conv2d(
        channelLayerNorm(x, stage.downsample.norm),
        stage.downsample.weight,
        stage.downsample.bias,
        stage.dim,
        2,
        2,
        0,
        1,
      )
    }
    for (const b of stage.blocks) x = block(x, b)
  }
  const plane = x.height * x.width
  const pooled = new Float64Array(x.channels)
  for (let c = 0; c < x.channels; c++) {
    let sum = 0
    for (let p = 0; p < plane; p++) sum += x.data[c * plane + p] as number
    pooled[c] = sum / plane
  }
  normalizeStrided(pooled, 0, 1, x.channels, weights.headNorm)
  return pooled
}

/** Logits of the head for given features. */
export function referenceHead(weights: ConvNextWeights, features: Float64Array): Float64Array {
  const d = features.length
  const logits = new Float64Array(weights.classes)
  for (let c = 0; c < weights.classes; c++) {
    let sum = weights.headBias[c] as number
    for (let k = 0; k < d; k++) sum += (weights.headWeight[c * d + k] as number) * (features[k] as number)
    logits[c] = sum
  }
  return logits
}

/**
 * Logits of one normalized NCHW image [3, S, S].
 * @example
 * ```ts
 * const logits = referenceLogits(weights, normalizeImage(scene.pixels))
 * ```
 */
export function referenceLogits(weights: ConvNextWeights, image: Float64Array): Float64Array {
  return referenceHead(weights, referenceFeatures(weights, image))
}
