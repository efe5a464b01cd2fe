/**
 * A stable digest of a model's outputs, so reports from different runs, shards and boards can say
 * "these two boards gave the same bytes for this input" without keeping the bytes.
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { bytesOf } from './equal.js'
import type { Tensor } from './types.js'

/** Hex digits kept of the sha256 (128 bits: no chance collision over any realistic set of reports). */
const DIGEST_HEX_DIGITS = 32

/**
 * Hex sha256 (32 digits) over every output's name, dtype, shape and bytes, names sorted: equal exactly
 * when the outputs are byte-identical, whatever order the backend returned them in.
 * @example
 * ```ts
 * digestOutputs({ logits: { data: new Float32Array([1, 2]), shape: [1, 2], dtype: 'float32' } }) // '5c0e…' (32 hex
 * digits)
 * ```
 */
export function digestOutputs(outputs: Readonly<Record<string, Tensor>>): string {
  const hash = createHash('sha256')
  for (const name of Object.keys(outputs).sort()) {
    const t = outputs[name]!
    // Lengths and separators keep ("ab", "c") apart from ("a", "bc").
    hash.update(`${name.length}:${name}\0${t.dtype}\0${t.shape.join('x')}\0${t.data.byteLength}\0`)
    hash.update(bytesOf(t.data))
  }
  return hash.digest('hex').slice(0, DIGEST_HEX_DIGITS)
}
