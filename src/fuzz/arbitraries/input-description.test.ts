import * as fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../../errors.js'
import { resolveInputs } from '../../inputs/resolve.js'
import { DTYPES } from '../../tensor/dtype.js'
import type { DType, TensorInfo } from '../../tensor/types.js'
import { concreteInfos } from '../concrete-shapes.js'
import { inputDescription, materialize, resolvedMaterializer, type GeneratedInput } from './input-description.js'

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

  // `repeatable` marks generated inputs resolved without checking them (resolvedMaterializer): this is what
  // makes that sound. Every kind, dtype, layout and range, at the dtype's limits too, gives tensors that
  // resolveInputs accepts exactly as they are: no conversion, no transposition, nothing non-finite.
  test('materializes inputs that resolveInputs takes unchanged, for every kind, dtype, layout and range', async () => {
    const layouts: readonly [TensorInfo['layout'], readonly (number | string)[], readonly number[] | undefined][] = [
      ['NCHW', [1, 3, 5, 7], undefined],
      ['NHWC', [1, 6, 4, 3], undefined],
      ['NHW', [2, 3, 9], undefined],
      ['NC', ['batch', 11], [3, 11]],
      ['other', ['n'], [17]],
    ]
    const limits = (dtype: DType): [number, number] | undefined =>
      dtype === 'float32' ? [-3.4028234663852886e38, 3.4028234663852886e38] : dtype === 'uint8' ? [0, 255] : undefined
    const cases = fc.tuple(fc.constantFrom(...DTYPES), fc.constantFrom(...layouts), fc.boolean(), fc.boolean())
    let checked = 0
    for (const [dtype, [layout, shape, settled], quantized, atLimits] of fc.sample(cases, { numRuns: 120, seed: 5 })) {
      const declared: TensorInfo[] = [
        {
          name: 'x',
          dtype,
          shape: [...shape],
          layout,
          ...(quantized ? { quant: { scale: 0.25, zeroPoint: 3 } } : {}),
        },
      ]
      const range = atLimits ? limits(dtype) : undefined
      const constraints = { ...(settled === undefined ? {} : { shape: settled }), ...(range ? { range } : {}) }
      const infos = concreteInfos('test', declared, settled)
      for (const d of fc.sample(inputDescription({ inputs: declared }, constraints), { numRuns: 12, seed: checked })) {
        const generated = materialize(infos, d)
        const resolved = await resolveInputs(declared, generated)
        expect(resolved.x!.data).toBe(generated.x!.data)
        expect(resolved.x!.shape).toEqual(generated.x!.shape)
        expect(resolved.x!.dtype).toBe(dtype)
        checked++
      }
    }
    expect(checked).toBe(120 * 12)
  })

  test('marks its resolved inputs so a model takes them without another check', async () => {
    const declared: TensorInfo[] = [{ name: 'x', dtype: 'float32', shape: [1, 4], layout: 'NC' }]
    const [d] = fc.sample(inputDescription({ inputs: declared }), { numRuns: 1, seed: 9 })
    const tensors = resolvedMaterializer(declared, declared)(d!, undefined)
    // A NaN written after resolution is not scanned again (the documented cost of a resolved record): the very
    // record comes back, where a fresh one would be refused.
    ;(tensors.x!.data as Float32Array)[0] = Number.NaN
    expect(await resolveInputs(declared, tensors)).toBe(tensors)
    await expect(resolveInputs(declared, { x: { ...tensors.x! } })).rejects.toThrow(/Non-finite/)
  })
})
