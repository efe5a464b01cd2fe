import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toNHWC } from '../tensor/layout.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { resolveInputs } from './resolve.js'
import { INPUT_KINDS, defaultRange, syntheticInputs } from './synthetic.js'
import type { InputDescription } from './synthetic.js'

const dim = fc.integer({ min: 1, max: 9 })

describe('resolveInputs properties', () => {
  it('an NHWC tensor given to an NCHW input is the same image, transposed, whenever the shapes tell them apart', async () => {
    await fc.assert(
      fc.asyncProperty(
        dim,
        dim,
        dim,
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        async (h, w, c, dropBatch, seed) => {
          fc.pre(!(c === h && h === w)) // [1, h, w, c] would fit [1, c, h, w] as given: kept as is, by design
          const info: TensorInfo = { name: 'x', shape: [1, c, h, w], dtype: 'float32', layout: 'NCHW' }
          const n = h * w * c
          const data = new Uint8Array(n).map((_, i) => (i * 31 + seed) & 0xff)
          const given: Tensor = { data, shape: dropBatch ? [h, w, c] : [1, h, w, c], dtype: 'uint8' }
          const out = (await resolveInputs([info], given)).x!
          expect(out.shape).toEqual([1, c, h, w])
          expect(Array.from(toNHWC(out).data as Float32Array)).toEqual(Array.from(data))
        },
      ),
      { numRuns: 200 },
    )
  })
})

const description: fc.Arbitrary<InputDescription> = fc.record(
  {
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    kind: fc.constantFrom(...INPUT_KINDS),
    range: fc.option(
      fc
        .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
        .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]),
      { nil: undefined },
    ),
  },
  { requiredKeys: ['seed'] },
)

describe('syntheticInputs properties', () => {
  const infos: TensorInfo[] = [
    { name: 'u8', shape: ['n', 5, 7, 3], dtype: 'uint8', layout: 'NHWC' },
    { name: 'f32', shape: [1, 3, 4, 6], dtype: 'float32', layout: 'NCHW' },
  ]
  it('gives the same bytes for the same (JSON round-tripped) description, within the range', () => {
    fc.assert(
      fc.property(description, (d) => {
        if (
          d.kind === 'quant-edges' &&
          d.range !== undefined &&
          Math.floor(d.range[1] - 0.5) < Math.ceil(d.range[0] - 0.5)
        ) {
          // No x.5 value inside the range: refused rather than stepping outside it.
          expect(() => syntheticInputs(infos, d)).toThrow(/halfway between two quantization codes/)
          return
        }
        const a = syntheticInputs(infos, d)
        const b = syntheticInputs(infos, JSON.parse(JSON.stringify(d)) as InputDescription)
        for (const info of infos) {
          const x = a[info.name]!,
            y = b[info.name]!
          expect(Buffer.from(x.data.buffer).equals(Buffer.from(y.data.buffer))).toBe(true)
          const [lo, hi] = d.range ?? defaultRange(info)
          for (const v of x.data as Uint8Array | Float32Array) {
            expect(v).toBeGreaterThanOrEqual(lo)
            expect(v).toBeLessThanOrEqual(hi)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})
