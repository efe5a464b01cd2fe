/**
 * Number formatting shared by every matcher message, torch `assert_close` style: a few significant
 * digits, exponents for the very small and very large, percentages with one decimal.
 * @packageDocumentation
 */

/**
 * A number with `digits` significant digits; exponent notation outside [1e-4, 1e6).
 * @example
 * ```ts
 * formatNumber(0.000012345) // '1.23e-5'
 * formatNumber(3.14159)     // '3.14'
 * ```
 */
export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0' : '0'
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  const abs = Math.abs(value)
  if (abs < 1e-4 || abs >= 1e6)
    return value
      .toExponential(digits - 1)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e')
  return String(Number(value.toPrecision(digits)))
}

/**
 * A bound printed as a suggestion ("would pass with …") must still pass when pasted back: round it
 * toward the safe side at the displayed precision instead of to the nearest. `direction` 1 rounds up
 * (for a maximum such as `atol`), -1 rounds down (for a minimum such as `cosine`).
 */
function formatBound(value: number, digits: number, direction: 1 | -1): string {
  const nearest = formatNumber(value, digits)
  if (!Number.isFinite(value) || value === 0 || direction * (Number(nearest) - value) >= 0) return nearest
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - digits + 1)
  let candidate = (direction > 0 ? Math.ceil(value / step) : Math.floor(value / step)) * step
  for (let i = 0; i < 4; i++) {
    const text = formatNumber(candidate, digits)
    if (direction * (Number(text) - value) >= 0) return text
    candidate += direction * step
  }
  return String(value) // exact, always safe
}

/**
 * The smallest passing value of an upper bound (`atol`, `steps`), rounded UP at the displayed
 * precision so the printed number passes when pasted back.
 * @example
 * ```ts
 * formatAtLeast(0.05004) // '0.0501' (formatNumber would print '0.05', which fails)
 * ```
 */
export function formatAtLeast(value: number, digits = 3): string {
  return formatBound(value, digits, 1)
}

/**
 * The largest passing value of a lower bound (`cosine`, `snrDb`, `top1` fraction), rounded DOWN at
 * the displayed precision so the printed number passes when pasted back.
 * @example
 * ```ts
 * formatAtMost(0.9999996, 6) // '0.999999' (formatNumber would print '1', which fails)
 * ```
 */
export function formatAtMost(value: number, digits = 3): string {
  return formatBound(value, digits, -1)
}

/**
 * A probability as a percentage with one decimal and a space, as the motivating report writes it.
 * @example
 * ```ts
 * formatPercent(0.19) // '19.0 %'
 * ```
 */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return `${formatNumber(fraction)} %`
  const pct = fraction * 100
  // Never print 100.0 % for 99.97 %, nor 0.0 % for a non-zero rate: use more decimals instead.
  let d = decimals
  while (d < 6 && ((pct > 0 && Number(pct.toFixed(d)) === 0) || (pct < 100 && Number(pct.toFixed(d)) === 100))) d++
  return `${pct.toFixed(d)} %`
}

/** An element position as `name[0, 17]`. */
export function formatPosition(output: string, index: readonly number[]): string {
  return index.length === 0 ? output : `${output}[${index.join(', ')}]`
}

/** A duration in ms with a unit that fits: `850 µs`, `12.3 ms`, `2.10 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`
  if (ms < 1) return `${formatNumber(ms * 1000)} µs`
  if (ms < 1000) return `${formatNumber(ms)} ms`
  return `${formatNumber(ms / 1000)} s`
}

/**
 * Names as a sentence lists them: `a`, `a and b`, `a, b and c`.
 * @example
 * ```ts
 * listNames(['repeatable', 'frame-order']) // 'repeatable and frame-order'
 * ```
 */
export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}

/** `1 run` / `3 runs`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/**
 * Where a difference is and the two values there, as torch `assert_close` writes it: `at logits[0, 17]
 * (model 9.12109, reference 9.1211)`. Values get six significant digits so a small difference shows.
 * @example
 * ```ts
 * formatAt('logits', [0, 17], ['model', 9.121094], ['reference', 9.12109])
 * ```
 */
export function formatAt(
  output: string,
  index: readonly number[],
  a: readonly [string, number],
  b: readonly [string, number],
): string {
  return `at ${formatPosition(output, index)} (${a[0]} ${formatNumber(a[1], 6)}, ${b[0]} ${formatNumber(b[1], 6)})`
}
