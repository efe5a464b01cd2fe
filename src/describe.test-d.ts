import { expectTypeOf, test } from 'vitest'
import { checkCompatibility, readHef, verdictForDevice } from './entry/hef.js'
import { describeModel } from './index.js'
import type { CompatLevel, CompatVerdict, DescribeOptions, HefInfo, ModelDescription, TensorInfo } from './index.js'

test('describeModel takes a path or bytes and resolves to inputs/outputs as TensorInfo', () => {
  expectTypeOf(describeModel).parameter(0).toEqualTypeOf<string | Uint8Array>()
  expectTypeOf(describeModel).returns.toEqualTypeOf<Promise<ModelDescription>>()
  expectTypeOf<ModelDescription['inputs']>().toEqualTypeOf<readonly TensorInfo[]>()
  expectTypeOf<ModelDescription['format']>().toEqualTypeOf<'hef' | 'onnx'>()
})

test('describe options are checked at compile time', () => {
  expectTypeOf<{ format: 'float32'; hailort: '4.19.0' }>().toMatchTypeOf<DescribeOptions>()
  // @ts-expect-error: 'uint8' is not a vstream path
  const bad: DescribeOptions = { format: 'uint8' }
  void bad
})

test('the verdict has exactly four levels', () => {
  expectTypeOf<CompatLevel>().toEqualTypeOf<
    'refused' | 'hef-newer-than-runtime' | 'unvalidated-pairing' | 'validated'
  >()
  expectTypeOf(checkCompatibility).returns.toEqualTypeOf<CompatVerdict>()
  expectTypeOf(verdictForDevice).returns.toEqualTypeOf<CompatVerdict | undefined>()
  expectTypeOf(readHef).returns.toEqualTypeOf<Promise<HefInfo>>()
})
