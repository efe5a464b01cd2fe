/**
 * A small, fast, seeded PRNG (sfc32 seeded through splitmix32). Not cryptographic: it exists so
 * synthetic inputs and fault injection are reproducible from a printed seed, at ~1 ns a number.
 * @packageDocumentation
 */

/** A seeded generator of 32-bit unsigned integers. */
export interface Prng {
  /** Next uint32. */
  nextU32(): number
  /** Next float in [0, 1). */
  next(): number
  /**
   * Fill `out` with the next `out.length` uint32s: the very numbers `nextU32` would return, in one
   * tight loop (several times faster than calling `nextU32` per element).
   */
  fillU32(out: Uint32Array): void
}

function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/**
 * Create a generator from a 32-bit seed. The same seed always yields the same sequence.
 * @example
 * ```ts
 * const rng = createPrng(42); const x = rng.next()
 * ```
 */
export function createPrng(seed: number): Prng {
  const init = splitmix32(seed)
  let a = init(), b = init(), c = init(), d = init()
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }
  const fillU32 = (out: Uint32Array): void => {
    // The same steps as nextU32 on local int32 copies of the state (equal modulo 2^32), so V8 keeps
    // them in registers; the state is written back at the end.
    let a0 = a | 0, b0 = b | 0, c0 = c | 0, d0 = d | 0
    for (let i = 0; i < out.length; i++) {
      const t = (((a0 + b0) | 0) + d0) | 0
      d0 = (d0 + 1) | 0
      a0 = b0 ^ (b0 >>> 9)
      b0 = (c0 + (c0 << 3)) | 0
      c0 = (c0 << 21) | (c0 >>> 11)
      c0 = (c0 + t) | 0
      out[i] = t
    }
    a = a0 >>> 0; b = b0 >>> 0; c = c0 >>> 0; d = d0 >>> 0
  }
  return { nextU32, next: () => nextU32() / 0x100000000, fillU32 }
}
