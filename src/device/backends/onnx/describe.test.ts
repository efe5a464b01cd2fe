import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ModelFileError } from '../../../errors.js'
import { classifierModel } from '../../../../test/support/onnx/index.js'
import { describeOnnx } from './describe.js'

describe('describeOnnx', () => {
  test('describes a model file without a device', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vh-describe-'))
    const path = join(dir, 'classifier.onnx')
    const built = classifierModel({ classes: 5, features: 16, batch: 'batch' })
    await writeFile(path, built.bytes)
    const d = await describeOnnx(path)
    expect(d).toMatchObject({
      format: 'onnx',
      source: path,
      sizeBytes: built.bytes.length,
      versions: { onnxruntime: '1.30.0' },
    })
    expect(d.inputs).toEqual([{ name: 'features', shape: ['batch', 16], dtype: 'float32', layout: 'NC' }])
    expect(d.outputs.map((o) => o.name)).toEqual(['logits', 'probs'])
  })

  test('describes model bytes', async () => {
    const d = await describeOnnx(classifierModel().bytes)
    expect(d.source).toBe('<bytes>')
  })

  test('refuses a missing file and corrupt bytes with ModelFileError', async () => {
    await expect(describeOnnx('nowhere/model.onnx')).rejects.toThrow(ModelFileError)
    await expect(describeOnnx(new Uint8Array([0xff, 0xff, 0xff]))).rejects.toThrow(ModelFileError)
  })
})
