import { describe, expect, test } from 'vitest'
import { xxh3_64 } from './xxh3.js'

/** Byte i of a test input: a cheap pattern that is not all zeros. */
const pattern = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 255)

// Expected values printed by `xxhsum -H3` (xxHash 0.8.1, Debian 12) for the same patterns.
const XXHSUM: Record<number, string> = {
  0: '2d06800538d394c2',
  1: '13e608bc156defed',
  3: 'a9088dda485b481c',
  4: '6d9253b16c8b1ed3',
  8: '60539db630471163',
  9: 'feff668361d723a8',
  16: 'b8c859b0f030b585',
  17: '714a04408e79b80f',
  100: 'b5937857f0d78c9f',
  128: '67425a03650261bf',
  129: 'c664bf3311c6abc4',
  200: '746cd0025327bf5b',
  240: '64556dc6b462a6cf',
  241: '8beadd3a8874fe17',
  1024: '9b81661c641c72b1',
  1025: '806c2072ed713576',
  2000: '71f8268c6d856c4a',
  5000: '799aaddd7339581d',
  3_500_000: 'fa9cc3552acb9fb9',
}

describe('xxh3_64', () => {
  for (const [length, hex] of Object.entries(XXHSUM)) {
    test(`equals xxhsum -H3 for ${length} bytes`, () => {
      expect(
        xxh3_64(pattern(Number(length)))
          .toString(16)
          .padStart(16, '0'),
      ).toBe(hex)
    })
  }

  test('equals xxhsum -H3 for 100 000 bytes of 0xff (every carry of the 32-bit long loop)', () => {
    expect(xxh3_64(new Uint8Array(100_000).fill(0xff)).toString(16).padStart(16, '0')).toBe('82a318cde10d32c1')
  })

  test('hashes a view into a larger buffer by its own bytes only', () => {
    const backing = new Uint8Array(300)
    backing.set(pattern(241), 17)
    expect(xxh3_64(backing.subarray(17, 17 + 241))).toBe(xxh3_64(pattern(241)))
  })
})
