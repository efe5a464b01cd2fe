import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cv2ResizeLinear } from './cv2-resize.js'
import { readNpy } from './npy.js'

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url))

describe('cv2ResizeLinear', () => {
  it("matches values worked out by hand from OpenCV's fixed-point formulas", () => {
    // 2×1 → 4×1, one channel [0, 255]: fx = (x + 0.5)·0.5 − 0.5 = −0.25, 0.25, 0.75, 1.25.
    // x=0 clamps to (sx 0, fx 0) → 0; x=1: 255·512 = 130560, (130560 >> 4)·2048 >> 16 = 255, (255 + 2) >> 2 = 64;
    // x=2: 255·1536 → 765 → 191; x=3 clamps to (sx 1, fx 0) → 1020 → 255.
    expect(Array.from(cv2ResizeLinear(new Uint8Array([0, 255]), 2, 1, 1, 4, 1))).toEqual([0, 64, 191, 255])
  })

  it("uses the rounded mean of 2×2 blocks when halving, as OpenCV's area path does", () => {
    // (1 + 2 + 3 + 4 + 2) >> 2 = 3 (2.5 rounds up); (0 + 0 + 0 + 2 + 2) >> 2 = 1 (0.5 rounds up)
    expect(Array.from(cv2ResizeLinear(new Uint8Array([1, 2, 0, 0, 3, 4, 0, 2]), 4, 2, 1, 2, 1))).toEqual([3, 1])
  })

  it('returns a copy for the same size', () => {
    const src = new Uint8Array([1, 2, 3, 4, 5, 6])
    const out = cv2ResizeLinear(src, 2, 1, 3, 2, 1)
    expect(out).toEqual(src)
    expect(out).not.toBe(src)
  })

  for (const name of ['up-rgb', 'down-rgb', 'narrow-gray', 'halve-rgb', 'near-gray']) {
    it(`equals OpenCV 4.6 byte for byte: ${name}`, async () => {
      const src = await readNpy(testdata(`cv2-${name}-in.npy`))
      const ref = await readNpy(testdata(`cv2-${name}-out.npy`))
      const [sh, sw, cn = 1] = src.shape as number[]
      const [dh, dw] = ref.shape as number[]
      const out = cv2ResizeLinear(src.data as Uint8Array, sw!, sh!, cn, dw!, dh!)
      expect(Buffer.from(out).equals(Buffer.from(ref.data as Uint8Array))).toBe(true)
    })
  }

  it('refuses a buffer whose size is not width × height × channels', () => {
    expect(() => cv2ResizeLinear(new Uint8Array(5), 2, 1, 3, 4, 4)).toThrow(RangeError)
  })
})
