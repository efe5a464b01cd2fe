import { expectTypeOf, test } from 'vitest'
import type { Tensor } from './types.js'

declare const tensor: Tensor

test("checking dtype narrows data to that dtype's typed array", () => {
  if (tensor.dtype === 'float32') expectTypeOf(tensor.data).toEqualTypeOf<Float32Array>()
  if (tensor.dtype === 'uint8') expectTypeOf(tensor.data).toEqualTypeOf<Uint8Array>()
  if (tensor.dtype === 'int64') expectTypeOf(tensor.data).toEqualTypeOf<BigInt64Array>()
})

test('Array.from(data) gives numbers once bigint dtypes are ruled out', () => {
  if (tensor.dtype !== 'int64') expectTypeOf(Array.from(tensor.data)).toEqualTypeOf<number[]>()
})

test('a tensor whose data does not match its dtype does not compile', () => {
  // @ts-expect-error uint8 data is a Uint8Array
  const wrong: Tensor = { data: new Float32Array(1), shape: [1], dtype: 'uint8' }
  expectTypeOf(wrong).toEqualTypeOf<Tensor>()
})
