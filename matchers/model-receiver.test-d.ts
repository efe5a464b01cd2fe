import { describe, expect, expectTypeOf, test } from 'vitest'
import type { InferableModel, LoadedModel } from '../src/device/types.js'
import type { Tensor } from '../src/tensor/types.js'
import { test as hailoTest } from '../fixtures/index.js'
import type { ExpectGotAPromise, ExpectNeedsAModel, ModelReceiver } from './model-receiver.js'
import './index.js'

declare const model: InferableModel
declare const loaded: LoadedModel
declare const anything: any // eslint-disable-line @typescript-eslint/no-explicit-any
declare const unknownValue: unknown
declare const maybeLoaded: LoadedModel | undefined

describe('what expect(x) must hold for a vitest-hailo matcher', () => {
  test('a number, a string, an empty object or a bare tensor is a type error on every matcher', () => {
    // @ts-expect-error expect(x) needs a model
    void expect(42).toBeDeterministicAcross(5)
    // @ts-expect-error expect(x) needs a model
    void expect('x').toMatchOnnxWithin('model.onnx', { tolerance: { top1: true } })
    // @ts-expect-error expect(x) needs a model
    void expect({}).toSurviveFuzzing()
    // @ts-expect-error expect(x) needs a model
    void expect(1).toMatchStagesWithin({ onnx: 'model.onnx' }, { tolerance: { top1: true } })
    // @ts-expect-error a tensor is an input, not a model
    void expect({} as Tensor).toBeDeterministicAcross(5)
    // @ts-expect-error a model without infer
    void expect({ inputs: [], outputs: [] }).toBeDeterministicAcross(5)
  })
  test('under .not and expect.soft too', () => {
    // @ts-expect-error expect(x) needs a model
    void expect(42).not.toBeDeterministicAcross(5)
    // @ts-expect-error expect(x) needs a model
    void expect.soft('model.hef').toSurviveFuzzing()
  })
  test('a model that may be undefined must be narrowed first, as with any other call', () => {
    // @ts-expect-error LoadedModel | undefined
    void expect(maybeLoaded).toBeDeterministicAcross(5)
    void expect(maybeLoaded!).toBeDeterministicAcross(5)
  })
  test('an un-awaited device.load(...) is a type error that says to await it', () => {
    // @ts-expect-error expect(x) got a Promise
    void expect(Promise.resolve(loaded)).toBeDeterministicAcross(5)
    expectTypeOf<ModelReceiver<Promise<LoadedModel>>>().toEqualTypeOf<ExpectGotAPromise>()
  })
  test('the error names what to pass', () => {
    expectTypeOf<ModelReceiver<number>>().toEqualTypeOf<ExpectNeedsAModel>()
    expectTypeOf<ModelReceiver<{ infer: number }>>().toEqualTypeOf<ExpectNeedsAModel>()
    expectTypeOf<ExpectNeedsAModel>().toEqualTypeOf<'expect(x) needs a model: a LoadedModel (await device.load(...) or the load fixture) or any { inputs, outputs, infer }'>()
  })
})

describe('everything that works at run time still compiles', () => {
  test('a LoadedModel, an InferableModel and a hand-written { inputs, outputs, infer }', () => {
    expectTypeOf(expect(loaded).toBeDeterministicAcross(5)).toEqualTypeOf<Promise<void>>()
    expectTypeOf(expect(model).toMatchStagesWithin({ onnx: 'm.onnx' }, { tolerance: {} })).toEqualTypeOf<
      Promise<void>
    >()
    const mine = {
      inputs: [],
      outputs: [],
      infer: async (inputs: Readonly<Record<string, Tensor>>) => ({ y: inputs.x! }),
    }
    void expect(mine).toSurviveFuzzing({ numRuns: 5 })
  })
  test('.not, expect.soft, and resolves on a promised model', () => {
    void expect(loaded).not.toBeDeterministicAcross(5)
    void expect.soft(loaded).toMatchOnnxWithin('model.onnx', { tolerance: { top1: true } })
    void expect(Promise.resolve(loaded)).resolves.toBeDeterministicAcross(5)
  })
  test('expect.poll keeps compiling (Vitest types its methods without the subject)', () => {
    void expect.poll(() => loaded).toBeDeterministicAcross(5)
  })
  test('any and unknown say nothing about the value: they compile as before', () => {
    void expect(anything).toBeDeterministicAcross(5)
    void expect(unknownValue).toSurviveFuzzing()
  })
  test('the options are still checked once the subject is a model', () => {
    // @ts-expect-error runs must be a number
    void expect(loaded).toBeDeterministicAcross('5')
    expectTypeOf(expect(loaded).toBeDeterministicAcross).parameter(0).toEqualTypeOf<number | undefined>()
  })
})

describe('the load fixture', () => {
  hailoTest('its models pass, and the test context expect checks the subject too', async ({ load, expect }) => {
    const fromFixture = await load('m.onnx')
    expectTypeOf(expect(fromFixture).toBeDeterministicAcross(5)).toEqualTypeOf<Promise<void>>()
    // @ts-expect-error the path is not the model: load it first
    void expect('m.onnx').toBeDeterministicAcross(5)
    // @ts-expect-error expect(x) got a Promise
    void expect(load('m.onnx')).toBeDeterministicAcross(5)
  })
})
