import { expectTypeOf, test } from 'vitest'
import { BaseLoadedModel, describeOnnx, type OnnxDescription } from '../entry/extend.js'
import { openDevice } from '../index.js'
import type {
  Device,
  DeviceSpecText,
  InferableModel,
  InferOptions,
  LoadedModel,
  LoadOptions,
  TensorMap,
} from '../index.js'

test('openDevice takes the spec forms of the built-in backends; a typo does not compile, a run-time string goes through the escape', () => {
  expectTypeOf(openDevice).toBeCallableWith('faulty:random,seed=3')
  expectTypeOf(openDevice).toBeCallableWith('hailo:0001:01:00.0')
  expectTypeOf(openDevice).toBeCallableWith(undefined)
  // @ts-expect-error 'emulatr' is no device spec
  expectTypeOf(openDevice).toBeCallableWith('emulatr')
  // @ts-expect-error no such fault
  expectTypeOf(openDevice).toBeCallableWith('faulty:randm')
  const fromEnvironment: string = 'onnx'
  expectTypeOf(openDevice).toBeCallableWith(fromEnvironment as DeviceSpecText)
})

test('openDevice resolves to a Device whose load gives a LoadedModel', () => {
  expectTypeOf(openDevice).parameter(0).toEqualTypeOf<DeviceSpecText | undefined>()
  expectTypeOf(openDevice).returns.toEqualTypeOf<Promise<Device>>()
  expectTypeOf<Device['load']>().returns.toEqualTypeOf<Promise<LoadedModel>>()
  expectTypeOf<Device['load']>().parameter(1).toEqualTypeOf<LoadOptions | undefined>()
})

test('a loaded model is what the matchers accept, and is async-disposable', () => {
  expectTypeOf<LoadedModel>().toMatchTypeOf<InferableModel>()
  expectTypeOf<LoadedModel>().toMatchTypeOf<AsyncDisposable>()
  expectTypeOf<LoadedModel['infer']>().returns.toEqualTypeOf<Promise<TensorMap>>()
  expectTypeOf<BaseLoadedModel>().toMatchTypeOf<LoadedModel>()
})

test('load options are checked at compile time too', () => {
  expectTypeOf<{ format: 'raw' }>().toMatchTypeOf<LoadOptions>()
  expectTypeOf<{ format: 'uint8' }>().not.toMatchTypeOf<LoadOptions>()
})

test('describeOnnx takes a path or bytes', () => {
  expectTypeOf(describeOnnx).parameter(0).toEqualTypeOf<string | Uint8Array>()
  expectTypeOf(describeOnnx).returns.toEqualTypeOf<Promise<OnnxDescription>>()
})

test('infer takes image options for image paths, checked at compile time', () => {
  expectTypeOf<{ image: { resize: 'cv2-bilinear'; channels: 'bgr' } }>().toMatchTypeOf<InferOptions>()
  expectTypeOf<{ image: { resise: 'cv2-bilinear' } }>().not.toMatchTypeOf<InferOptions>()
  expectTypeOf<LoadedModel['infer']>().parameter(1).toEqualTypeOf<InferOptions | undefined>()
})
