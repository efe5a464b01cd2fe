import { describe, expect, test } from 'vitest'
import { addModel } from '../../../../test/support/onnx/index.js'
import { InferenceRunError, NativeCallError } from '../../../errors.js'
import { openDevice } from '../../open.js'

// ONNX Runtime's own words ("Attempting to broadcast an axis…") named no input; now they come with the shapes.
describe('a run-time failure inside an ONNX graph', () => {
  test('says which input shapes were fed and what the model declares, with the runtime message and the likely fix', async () => {
    await using device = await openDevice('onnx')
    // Two dynamic dims the graph requires equal: accepted at the input, refused by the Add inside.
    await using model = await device.load(addModel({ shape: ['n', 'm'] }).bytes)
    const error = await model
      .infer({
        a: { data: new Float32Array(6), shape: [2, 3], dtype: 'float32' },
        b: { data: new Float32Array(6), shape: [3, 2], dtype: 'float32' },
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InferenceRunError)
    expect(error).toBeInstanceOf(NativeCallError)
    const e = error as InferenceRunError
    expect(e.operation).toBe('InferenceSession.run')
    expect(e.fed).toEqual({ a: [2, 3], b: [3, 2] })
    expect(e.cause).toBeInstanceOf(Error)
    const lines = e.message.split('\n')
    expect(lines[0]).toMatch(/^ONNX Runtime could not run onnx:/)
    expect(e.message).toMatch(/broadcast|dimension/i)
    expect(lines).toContain('Fed: input "a" [2, 3] float32; input "b" [3, 2] float32')
    expect(lines).toContain('Declared: input "a" [n, m] float32; input "b" [n, m] float32; output "sum" [n, m] float32')
    expect(lines.at(-1)).toMatch(
      /^The graph could not take these sizes: a dynamic dimension accepts any size at the input, but the layers behind it may not/,
    )
  })
})
