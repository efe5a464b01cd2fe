import ort from 'onnxruntime-node'
import { describe, expect, test } from 'vitest'
import { float, floats, tensorAttr } from './attributes.js'
import { DEFAULT_OPSET, GraphBuilder, IR_VERSION } from './graph-builder.js'
import { littleEndianBytes, tensorProto } from './tensor-proto.js'

const session = (bytes: Uint8Array) =>
  ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 })

describe('GraphBuilder', () => {
  test('builds a model ONNX Runtime runs, with static and symbolic dims kept', async () => {
    const g = new GraphBuilder({ name: 'scale-shift' })
    const x = g.input('x', 'float32', ['batch', 3])
    const scaled = g.node('Mul', [x, g.float32([3], [1, 2, 3])])
    g.output(g.node('Add', [scaled, g.float32([], [0.5])], { outputs: ['y'] }), 'float32', ['batch', 3])
    const s = await session(g.toBytes())
    expect(s.inputMetadata[0]).toMatchObject({ name: 'x', type: 'float32', shape: ['batch', 3] })
    const out = await s.run({ x: new ort.Tensor('float32', new Float32Array([1, 1, 1, 2, 2, 2]), [2, 3]) })
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1.5, 2.5, 3.5, 2.5, 4.5, 6.5])
  })

  test('writes IR version 8 and the default opset 17', () => {
    const g = new GraphBuilder({ name: 'id', metadata: { purpose: 'test' }, doc: 'hello' })
    g.output(g.node('Identity', [g.input('x', 'uint8', [1])]), 'uint8', [1])
    const proto = g.toModelProto()
    expect(proto.irVersion).toBe(IR_VERSION)
    expect(IR_VERSION).toBe(8)
    expect(proto.opsetImport).toEqual([{ domain: '', version: DEFAULT_OPSET }])
    expect(proto.metadataProps).toEqual([{ key: 'purpose', value: 'test' }])
    expect(proto.docString).toBe('hello')
  })

  test('serializes the same calls to the same bytes', () => {
    const build = () => {
      const g = new GraphBuilder({ name: 'same' })
      const x = g.input('x', 'float32', [2])
      g.output(g.node('Add', [x, g.float32([2], [0.1, 0.2])]), 'float32', [2])
      return g.toBytes()
    }
    expect(Buffer.from(build()).equals(Buffer.from(build()))).toBe(true)
  })

  test('encodes typed attributes: ints, floats, strings, tensors', async () => {
    const g = new GraphBuilder({ name: 'attrs' })
    const x = g.input('x', 'float32', [1, 4])
    const clipped = g.node('LeakyRelu', [x], { attributes: { alpha: float(0.5) } })
    const shape = g.node('Constant', [], {
      attributes: { value: tensorAttr({ dtype: 'int64', dims: [2], data: new BigInt64Array([2n, 2n]) }) },
    })
    const reshaped = g.node('Reshape', [clipped, shape])
    const transposed = g.node('Transpose', [reshaped], { attributes: { perm: [1, 0] }, outputs: ['t'] })
    g.output(transposed, 'float32', [2, 2])
    const s = await session(g.toBytes())
    const out = await s.run({ x: new ort.Tensor('float32', new Float32Array([-2, 1, -4, 3]), [1, 4]) })
    expect(Array.from(out.t!.data as Float32Array)).toEqual([-1, -2, 1, 3])
    expect(floats([1, 2])).toEqual({ kind: 'float', value: [1, 2] })
  })

  test('runs uint8 and int64 initializers exactly', async () => {
    const g = new GraphBuilder({ name: 'ints' })
    const x = g.input('x', 'uint8', [3])
    const y = g.node('Add', [x, g.initializer('k', { dtype: 'uint8', dims: [3], data: new Uint8Array([1, 2, 250]) })], {
      outputs: ['y'],
    })
    g.output(y, 'uint8', [3])
    const s = await session(g.toBytes())
    const out = await s.run({ x: new ort.Tensor('uint8', new Uint8Array([1, 1, 10]), [3]) })
    expect(Array.from(out.y!.data as Uint8Array)).toEqual([2, 3, 4]) // 250 + 10 wraps, as uint8 does
  })

  test('refuses a float where an integer attribute is written bare', () => {
    const g = new GraphBuilder({ name: 'bad' })
    const x = g.input('x', 'float32', [1])
    expect(() => g.node('LeakyRelu', [x], { attributes: { alpha: 0.5 } })).toThrow(
      /integer for attribute alpha.*float\(0\.5\)/,
    )
  })

  test('refuses an input that no node, input or initializer defines', () => {
    const g = new GraphBuilder({ name: 'bad' })
    expect(() => g.node('Relu', ['missing'])).toThrow(/Input missing of Relu is not defined/)
  })

  test('refuses a name defined twice', () => {
    const g = new GraphBuilder({ name: 'bad' })
    g.input('x', 'float32', [1])
    expect(() => g.float32([1], [0], 'x')).toThrow(/already defined/)
  })

  test('refuses an output that nothing produces, and a graph without outputs', () => {
    const g = new GraphBuilder({ name: 'bad' })
    expect(() => g.output('y', 'float32', [1])).toThrow(/not produced/)
    expect(() => g.toBytes()).toThrow(/no outputs/)
  })

  test('refuses bad dims, an empty name and a bad opset', () => {
    const g = new GraphBuilder({ name: 'bad' })
    expect(() => g.input('x', 'float32', [-1])).toThrow(/non-negative integer dims/)
    expect(() => g.input('y', 'float32', [''])).toThrow(/symbolic dim/)
    expect(() => new GraphBuilder({ name: '' })).toThrow(/non-empty/)
    expect(() => new GraphBuilder({ name: 'x', opset: 3 })).toThrow(/opset/)
    expect(() => g.node('Split', [g.input('z', 'float32', [2])], { outputs: ['a', 'b'] })).toThrow(/nodeOutputs/)
  })
})

describe('tensorProto', () => {
  test('stores values as little-endian raw data', () => {
    expect(Array.from(littleEndianBytes('float32', new Float32Array([1])))).toEqual([0, 0, 128, 63])
    expect(Array.from(littleEndianBytes('uint16', new Uint16Array([0x0102])))).toEqual([2, 1])
    expect(Array.from(littleEndianBytes('int64', new BigInt64Array([-2n])))).toEqual([
      254, 255, 255, 255, 255, 255, 255, 255,
    ])
  })

  test('refuses data whose length does not match its dims', () => {
    expect(() => tensorProto('w', { dtype: 'float32', dims: [2, 2], data: new Float32Array(3) })).toThrow(
      /Expected 4 elements for tensor w.*received 3/,
    )
  })
})
