import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../../errors.js'
import type { TensorInfo } from '../../tensor/types.js'
import { inputDescription, materialize, type GeneratedInput } from './input-description.js'

const image: TensorInfo = {
  name: 'image',
  shape: [1, 6, 5, 3],
  dtype: 'uint8',
  layout: 'NHWC',
  quant: { scale: 1, zeroPoint: 0 },
}
const dynamic: TensorInfo = { name: 'x', shape: ['batch', 4], dtype: 'float32', layout: 'NC' }
const model = { inputs: [image] }

describe('inputDescription', () => {
  test('generates plain JSON descriptions that materialize in the declared shape and dtype', () => {
    for (const d of fc.sample(inputDescription(model), { numRuns: 100, seed: 1 })) {
      expect(JSON.parse(JSON.stringify(d))).toEqual(d)
      const t = materialize(model.inputs, d).image!
      expect(t.shape).toEqual([1, 6, 5, 3])
      expect(t.dtype).toBe('uint8')
    }
  })

  test('shrinks toward a constant mid-range input', () => {
    const details = fc.check(
      fc.property(inputDescription(model), () => false),
      { seed: 7 },
    )
    const [shrunk] = details.counterexample!
    expect(shrunk).toEqual({ seed: 0, kind: 'constant', shapes: { image: [1, 6, 5, 3] } })
    expect(new Set(materialize(model.inputs, shrunk as GeneratedInput).image!.data as Uint8Array)).toEqual(
      new Set([127]),
    )
  })

  test('keeps generated values inside the range constraint', () => {
    for (const d of fc.sample(inputDescription(model, { range: [10, 20], kinds: ['uniform', 'constant', 'checker'] }), {
      numRuns: 100,
      seed: 2,
    })) {
      for (const v of materialize(model.inputs, d).image!.data as Uint8Array) {
        expect(v).toBeGreaterThanOrEqual(10)
        expect(v).toBeLessThanOrEqual(20)
      }
    }
  })

  test('takes dynamic dimensions from the shape constraint, never 1', () => {
    const shapes = fc
      .sample(inputDescription({ inputs: [dynamic] }, { shape: [4, 4] }), { numRuns: 10, seed: 3 })
      .map((d) => materialize([dynamic], d).x!.shape)
    expect(new Set(shapes.map((s) => s.join()))).toEqual(new Set(['4,4']))
  })

  describe('refuses constraints it cannot honour when built, naming the key', () => {
    test.each([
      ['an unknown key', { rnage: [0, 1] }, /rnage/],
      ['a range with min > max', { range: [20, 10] }, /constraint range/],
      [
        'a range outside the input dtype',
        { range: [-5, 300] },
        /constraint range \[-5, 300\] does not fit input "image"/,
      ],
      ['a fractional range for an integer input', { range: [0.5, 3] }, /constraint range/],
      ['an unknown kind', { kinds: ['noise'] }, /constraint kinds/],
      ['no kinds', { kinds: [] }, /constraint kinds/],
    ])('%s', (_what, constraints, message) => {
      expect(() => inputDescription(model, constraints as never)).toThrow(InvalidArgumentError)
      expect(() => inputDescription(model, constraints as never)).toThrow(message)
    })

    test('a dynamic dimension nothing settles, naming the input and the fix', () => {
      expect(() => inputDescription({ inputs: [dynamic] })).toThrow(
        /Input "x" has dynamic dimensions \(\[batch, 4\]\).*\{ shape: \[2, 4\] \}/,
      )
    })

    test('a shape that does not fit the declaration', () => {
      expect(() => inputDescription({ inputs: [dynamic] }, { shape: [4, 5] })).toThrow(/shape fitting \[batch, 4\]/)
    })
  })
})
