// A model whose output names differ only by case (`Y` / `y`) used to lose every artifact of its
// failure ("Artifacts: not written"): both outputs must be saved, each in its own file.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { InferableModel } from '../src/device/types.js'
import { INPUT } from '../src/determinism/test-support/models.js'
import type { TensorMap } from '../src/tensor/types.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-case-clash-')

/** Outputs `Y` and `y`, different on every call. */
function caseClashModel(): InferableModel {
  let call = 0
  const out = (name: string) => ({ name, shape: [1, 2], dtype: 'float32' as const, layout: 'NC' as const })
  return {
    inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
    outputs: [out('Y'), out('y')],
    async infer(): Promise<TensorMap> {
      call++
      return {
        Y: { data: new Float32Array([call, 1]), shape: [1, 2], dtype: 'float32' },
        y: { data: new Float32Array([2, call]), shape: [1, 2], dtype: 'float32' },
      }
    },
  }
}

describe('failure artifacts of outputs named Y and y', () => {
  test('are written, one file per output, listed in summary.json', async () => {
    const message = await failureOf(expect(caseClashModel()).toBeDeterministicAcross(3, { input: INPUT }))
    expect(message).not.toContain('Artifacts: not written')
    const folder = /Artifacts: (\/.+?) \(/.exec(message)?.[1]
    expect(folder, message).toBeDefined()
    const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8')) as {
      files: Record<string, string>
    }
    const upper = Object.entries(summary.files)
      .filter(([key]) => /\.Y$/.test(key))
      .map(([, file]) => file)
    const lower = Object.entries(summary.files)
      .filter(([key]) => /\.y$/.test(key))
      .map(([, file]) => file)
    expect(upper.length).toBeGreaterThan(0)
    expect(lower.length).toBeGreaterThan(0)
    const all = [...upper, ...lower].map((f) => f.toLowerCase())
    expect(new Set(all).size).toBe(all.length)
    for (const file of [...upper, ...lower]) expect((await readFile(join(folder!, file))).byteLength).toBeGreaterThan(0)
  })
})
