/**
 * Finding NaN / ±Infinity in float inputs: one branch-free pass when all are finite, no allocation.
 * @packageDocumentation
 */

/** Where the non-finite values of an array are: the first one's flat index and how many there are. */
export interface NonFiniteSummary {
  readonly firstIndex: number
  readonly firstValue: number
  readonly count: number
}

/**
 * True when every value is finite: `x · 0` is ±0 for every finite x and NaN for NaN and ±Infinity,
 * so the sum of them is 0 exactly when all are finite. Four independent sums and no branch: ~3×
 * faster than a compare per element (it runs on every inference's float input).
 */
function allFinite(data: Float32Array | Float64Array): boolean {
  const n = data.length
  const whole = n - (n & 3)
  let a = 0,
    b = 0,
    c = 0,
    d = 0
  let i = 0
  for (; i < whole; i += 4) {
    a += (data[i] as number) * 0
    b += (data[i + 1] as number) * 0
    c += (data[i + 2] as number) * 0
    d += (data[i + 3] as number) * 0
  }
  for (; i < n; i++) a += (data[i] as number) * 0
  return a + b + c + d === 0
}

/**
 * Scan `data`; `undefined` when every value is finite (one branch-free pass). Otherwise a second
 * pass finds the first: `x - x` is 0 for every finite x and NaN for NaN and ±Infinity.
 */
export function findNonFinite(data: Float32Array | Float64Array): NonFiniteSummary | undefined {
  if (allFinite(data)) return undefined
  const n = data.length
  let i = 0
  while (i < n) {
    const x = data[i] as number
    if (x - x !== 0) break
    i++
  }
  if (i === n) return undefined
  const firstIndex = i
  const firstValue = data[i] as number
  let count = 0
  for (; i < n; i++) {
    const x = data[i] as number
    if (x - x !== 0) count++
  }
  return { firstIndex, firstValue, count }
}

/**
 * Flat index of the first float64 value that float32 cannot hold exactly, or -1 when all can
 * (every value must already be finite).
 */
export function firstInexactFloat32(data: Float64Array): number {
  for (let i = 0; i < data.length; i++) {
    const x = data[i] as number
    if (Math.fround(x) !== x) return i
  }
  return -1
}

/** True when every value is a whole number in `[min, max]` (float data fed to an integer input). */
export function allWholeInRange(data: Float32Array | Float64Array, min: number, max: number): boolean {
  for (let i = 0; i < data.length; i++) {
    const x = data[i] as number
    if (!(x >= min && x <= max) || Math.trunc(x) !== x) return false
  }
  return true
}
