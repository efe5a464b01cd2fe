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
  /**
   * Fill `out` with `offset + (u >>> 8) · step` for the next `out.length` uint32s `u` (their top 24 bits, a
   * float32's precision): the very numbers `fillU32` would draw, mapped in the same pass instead of a second one.
   */
  fillFloat24(out: Float32Array, offset: number, step: number): void
  /**
   * Fill `out` with points of a grid, `(offset + ⌊u · perUnit⌋) · scale` for the next `out.length` uint32s `u`
   * (with `perUnit` = cells / 2³², a uniform cell index): the very numbers `fillU32` would draw, mapped in the
   * same pass.
   */
  fillGrid(out: Float32Array, offset: number, perUnit: number, scale: number): void
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
 * The sfc32 steps of `nextU32`, `out.length` times, on a state held as int32 (equal modulo 2^32),
 * written back at the end. One module-level function, so V8 optimizes it once: a closure per
 * generator was re-optimized for every new generator and ran ~8× slower. It stays at ~1 ns a word
 * because every assignment ends in `| 0` (else V8 stops typing the state as int32 once it leaves the
 * small-integer range) and the words are stored through an Int32Array view (a negative int32 stored
 * into a Uint32Array takes the slow conversion path).
 */
function fillSfc32(state: Int32Array, out: Uint32Array): void {
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!
  const words = new Int32Array(out.buffer, out.byteOffset, out.length)
  for (let i = 0; i < words.length; i++) {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = (b ^ (b >>> 9)) | 0
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11) | 0
    c = (c + t) | 0
    words[i] = t
  }
  state[0] = a
  state[1] = b
  state[2] = c
  state[3] = d
}

/** {@link fillSfc32}, each word mapped to `offset + (word >>> 8) · step` and stored as a float32. */
function fillSfc32Float24(state: Int32Array, out: Float32Array, offset: number, step: number): void {
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!
  for (let i = 0; i < out.length; i++) {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = (b ^ (b >>> 9)) | 0
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11) | 0
    c = (c + t) | 0
    out[i] = offset + (t >>> 8) * step
  }
  state[0] = a
  state[1] = b
  state[2] = c
  state[3] = d
}

/** {@link fillSfc32}, each word mapped to the grid point `(offset + ⌊word · perUnit⌋) · scale`, stored as a float32. */
function fillSfc32Grid(state: Int32Array, out: Float32Array, offset: number, perUnit: number, scale: number): void {
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!
  for (let i = 0; i < out.length; i++) {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = (b ^ (b >>> 9)) | 0
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11) | 0
    c = (c + t) | 0
    out[i] = (offset + Math.floor((t >>> 0) * perUnit)) * scale
  }
  state[0] = a
  state[1] = b
  state[2] = c
  state[3] = d
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
  const state = new Int32Array(4)
  let a = init(),
    b = init(),
    c = init(),
    d = init()
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t
  }
  // The bulk kernels run on the state as int32 (see fillSfc32): hand it over and take it back.
  const bulk = <A extends unknown[]>(kernel: (state: Int32Array, ...args: A) => void, ...args: A): void => {
    state[0] = a
    state[1] = b
    state[2] = c
    state[3] = d
    kernel(state, ...args)
    a = state[0]! >>> 0
    b = state[1]! >>> 0
    c = state[2]! >>> 0
    d = state[3]! >>> 0
  }
  return {
    nextU32,
    next: () => nextU32() / 0x100000000,
    fillU32: (out) => bulk(fillSfc32, out),
    fillFloat24: (out, offset, step) => bulk(fillSfc32Float24, out, offset, step),
    fillGrid: (out, offset, perUnit, scale) => bulk(fillSfc32Grid, out, offset, perUnit, scale),
  }
}
