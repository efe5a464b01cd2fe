import type * as fc from 'fast-check'
import { describe, expectTypeOf, test } from 'vitest'
import type { InferableModel, LoadedModel } from '../device/types.js'
import {
  frameSchedule,
  inputDescription,
  perturbation,
  runFuzz,
  encoding,
  repeatable,
  type EncodingCase,
  type FuzzFailure,
  type FuzzResult,
  type GeneratedInput,
  type Perturbation,
  type RunFuzz,
} from '../entry/fuzz.js'

declare const model: LoadedModel
declare const inferable: InferableModel

describe('vitest-hailo/fuzz types', () => {
  test('runFuzz takes any inferable model and resolves to plain data', () => {
    expectTypeOf(runFuzz).toMatchTypeOf<RunFuzz>()
    expectTypeOf(runFuzz(inferable)).resolves.toEqualTypeOf<FuzzResult>()
    expectTypeOf<FuzzFailure['token']>().toEqualTypeOf<string>()
    expectTypeOf<FuzzResult['properties'][number]['status']>().toEqualTypeOf<'passed' | 'failed' | 'not-applicable'>()
  })

  test('the arbitraries are fast-check arbitraries of plain descriptions', () => {
    expectTypeOf(inputDescription(model)).toEqualTypeOf<fc.Arbitrary<GeneratedInput>>()
    expectTypeOf(frameSchedule(3)).toEqualTypeOf<fc.Arbitrary<number[]>>()
    expectTypeOf(encoding(model)).toEqualTypeOf<fc.Arbitrary<EncodingCase>>()
    expectTypeOf(perturbation(model, {})).toEqualTypeOf<fc.Arbitrary<Perturbation>>()
  })

  test('a ready-made property is an async fast-check property that can be disposed', () => {
    expectTypeOf(repeatable(model)).toMatchTypeOf<fc.IAsyncPropertyWithHooks<[GeneratedInput]>>()
    expectTypeOf(repeatable(model)).toMatchTypeOf<AsyncDisposable>()
    // @ts-expect-error unknown constraint keys are type errors too
    inputDescription(model, { rnage: [0, 1] })
  })
})
