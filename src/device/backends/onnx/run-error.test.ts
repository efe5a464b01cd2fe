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

// ONNX Runtime also printed its own error line, raw and in colour, on the process's stderr (from native code,
// outside any test's output capture) before the named error said the same with the shapes.
test('ONNX Runtime prints nothing of its own on stderr when a run fails: the named error carries its words', async () => {
  const { spawnSync } = await import('node:child_process')
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const folder = mkdtempSync(join(tmpdir(), 'ort-log-'))
  const modelPath = join(folder, 'add.onnx')
  writeFileSync(modelPath, addModel({ shape: ['n', 'm'] }).bytes)
  const index = new URL('../../../../dist/src/index.js', import.meta.url).href
  const script = `
    const { openDevice } = await import(${JSON.stringify(index)})
    const device = await openDevice('onnx')
    const model = await device.load(${JSON.stringify(modelPath)})
    const f = (shape) => ({ data: new Float32Array(6), shape, dtype: 'float32' })
    const error = await model.infer({ a: f([2, 3]), b: f([3, 2]) }).catch((e) => e)
    console.log(error.name)
    await device.dispose()`
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(child.stdout.trim()).toBe('InferenceRunError')
  expect(child.stderr).not.toMatch(/onnxruntime|broadcast/i)
})
