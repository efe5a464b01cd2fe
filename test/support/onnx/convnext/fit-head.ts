/**
 * Fit the classifier's head so chosen images land on chosen classes with a chosen logit margin:
 * a ridge-regularised, minimum-norm correction of the random head (float64, plain arithmetic, so
 * the fitted weights are the same on every machine).
 * @packageDocumentation
 */
import type { ConvNextWeights } from './weights.js'

/** One training example: the head's input features and the class it should give (`null`: none, all logits 0). */
export interface HeadExample {
  readonly features: Float64Array
  readonly label: number | null
}

/** Options of {@link fitHead}. */
export interface FitHeadOptions {
  /**
   * Logit of the labelled class above the others (all 0) on the examples. 12.5 gives ≈ 99.97 %
   * softmax confidence over 67 classes.
   * @defaultValue 12.5
   */
  readonly margin?: number
  /** Ridge strength relative to the mean squared feature norm. @defaultValue 0.01 */
  readonly ridge?: number
}

/** Solve `A · X = B` (A n×n, B n×m, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const A = Float64Array.from(a),
    B = Float64Array.from(b)
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++)
      if (Math.abs(A[r * n + col] as number) > Math.abs(A[pivot * n + col] as number)) pivot = r
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = A[col * n + k] as number
        A[col * n + k] = A[pivot * n + k] as number
        A[pivot * n + k] = t
      }
      for (let k = 0; k < m; k++) {
        const t = B[col * m + k] as number
        B[col * m + k] = B[pivot * m + k] as number
        B[pivot * m + k] = t
      }
    }
    const diagonal = A[col * n + col] as number
    for (let r = col + 1; r < n; r++) {
      const f = (A[r * n + col] as number) / diagonal
      if (f === 0) continue
      for (let k = col; k < n; k++) A[r * n + k] = (A[r * n + k] as number) - f * (A[col * n + k] as number)
      for (let k = 0; k < m; k++) B[r * m + k] = (B[r * m + k] as number) - f * (B[col * m + k] as number)
    }
  }
  const X = new Float64Array(n * m)
  for (let r = n - 1; r >= 0; r--) {
    for (let k = 0; k < m; k++) {
      let sum = B[r * m + k] as number
      for (let c = r + 1; c < n; c++) sum -= (A[r * n + c] as number) * (X[c * m + k] as number)
      X[r * m + k] = sum / (A[r * n + r] as number)
    }
  }
  return X
}

/**
 * Return new weights whose head gives, on each example, `margin` for its label and 0 for every
 * other class (up to the ridge); all 0 (a uniform softmax) for an example labelled `null`. Rows and biases move as
 * little as possible from the random head,
 * so inputs unlike the examples still get varied, unconfident predictions.
 * @example
 * ```ts
 * const fitted = fitHead(weights, [{ features: referenceFeatures(weights, img), label: 1 }])
 * ```
 */
export function fitHead(
  weights: ConvNextWeights,
  examples: readonly HeadExample[],
  options: FitHeadOptions = {},
): ConvNextWeights {
  const { margin = 12.5, ridge = 0.01 } = options
  const n = examples.length
  const classes = weights.classes
  if (n === 0) throw new RangeError('Expected at least one example')
  const d = (examples[0] as HeadExample).features.length
  // Design matrix X = [features, 1] so the bias is fitted with the weights.
  const width = d + 1
  const X = new Float64Array(n * width)
  examples.forEach((e, i) => {
    if (e.features.length !== d)
      throw new RangeError(`Expected ${d} features in every example but example ${i} has ${e.features.length}`)
    if (e.label !== null && (!Number.isInteger(e.label) || e.label < 0 || e.label >= classes))
      throw new RangeError(`Expected a label in 0…${classes - 1} but example ${i} has ${e.label}`)
    X.set(e.features, i * width)
    X[i * width + d] = 1
  })
  // Residual R = target − current logits, n×classes.
  const R = new Float64Array(n * classes)
  examples.forEach((e, i) => {
    for (let c = 0; c < classes; c++) {
      let logit = weights.headBias[c] as number
      for (let k = 0; k < d; k++) logit += (weights.headWeight[c * d + k] as number) * (e.features[k] as number)
      R[i * classes + c] = (c === e.label ? margin : 0) - logit
    }
  })
  // Gram matrix G = X·Xᵀ + λI; the correction is Δᵀ = Xᵀ · G⁻¹ · R.
  const G = new Float64Array(n * n)
  let trace = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0
      for (let k = 0; k < width; k++) sum += (X[i * width + k] as number) * (X[j * width + k] as number)
      G[i * n + j] = sum
    }
    trace += G[i * n + i] as number
  }
  const lambda = ridge * (trace / n)
  for (let i = 0; i < n; i++) G[i * n + i] = (G[i * n + i] as number) + lambda
  const A = solve(G, R, n, classes)
  const headWeight = Float32Array.from(weights.headWeight)
  const headBias = Float32Array.from(weights.headBias)
  for (let c = 0; c < classes; c++) {
    for (let k = 0; k <= d; k++) {
      let delta = 0
      for (let i = 0; i < n; i++) delta += (X[i * width + k] as number) * (A[i * classes + c] as number)
      if (k < d) headWeight[c * d + k] = (headWeight[c * d + k] as number) + delta
      else headBias[c] = (headBias[c] as number) + delta
    }
  }
  return { ...weights, headWeight, headBias }
}
