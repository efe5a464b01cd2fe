import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { classifierModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel } from '../device/types.js'
import { NothingToCompareError, UsageError } from '../errors.js'
import { writeNpy } from '../inputs/npy.js'
import { runParity } from '../parity/run.js'
import { runDeterminism } from './run.js'
import { INPUT, modelFrom } from './test-support/models.js'

// Every comparison of nothing passes, even on a device that returns noise: both engines refuse.
describe('a check with nothing to compare', () => {
  const classifier = classifierModel({ classes: 10, batch: 'batch' }).bytes
  let faulty: Device
  let folder: string
  beforeAll(async () => {
    faulty = await openDevice('faulty:random,inner=onnx')
    folder = await mkdtemp(join(tmpdir(), 'vh-empty-'))
  })
  afterAll(async () => {
    await faulty.dispose()
    await rm(folder, { recursive: true, force: true })
  })

  test('an empty batch (.npy of shape [0, 16]) is refused by both engines on faulty:random, naming the input and its shape', async () => {
    const npy = join(folder, 'empty.npy')
    await writeNpy(npy, { data: new Float32Array(0), shape: [0, 16], dtype: 'float32' })
    await using model = await faulty.load(classifier)
    const determinism = runDeterminism(model, { runs: 5, input: npy })
    await expect(determinism).rejects.toThrow(NothingToCompareError)
    await expect(determinism).rejects.toThrow(/Input "features" \(.*empty\.npy\) has shape \[0, 16\]: no elements/)
    const parity = runParity(model, classifier, { input: npy, tolerance: { top1: true } })
    await expect(parity).rejects.toThrow(NothingToCompareError)
  })

  test('an empty interleaved input is refused too', async () => {
    await using model = await faulty.load(classifier)
    const empty = { data: new Float32Array(0), shape: [0, 16], dtype: 'float32' } as const
    await expect(runDeterminism(model, { runs: 3, input: new Float32Array(16), interleave: [empty] })).rejects.toThrow(
      /interleave\[0\].*no elements/,
    )
  })

  test('a model declaring no outputs is refused before it runs', async () => {
    const silent: InferableModel = { ...modelFrom(() => new Float32Array(5)), outputs: [] }
    await expect(runDeterminism(silent, { runs: 3, input: INPUT })).rejects.toThrow(/the model declares no outputs/)
    await expect(runParity(silent, classifier, { input: INPUT, tolerance: { atol: 0 } })).rejects.toThrow(
      NothingToCompareError,
    )
  })

  test('a model whose outputs come back empty is refused, as a usage error', async () => {
    const empty: InferableModel = {
      inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
      outputs: [{ name: 'logits', shape: [1, 'classes'], dtype: 'float32', layout: 'NC' }],
      infer: async () => ({ logits: { data: new Float32Array(0), shape: [1, 0], dtype: 'float32' } }),
    }
    const refusal = runDeterminism(empty, { runs: 3, input: INPUT })
    await expect(refusal).rejects.toThrow(UsageError)
    await expect(refusal).rejects.toThrow('Output "logits" of the model came back with shape [1, 0]: no elements')
    await expect(runParity(empty, empty, { input: INPUT, tolerance: { atol: 0 } })).rejects.toThrow(
      /Output "logits" of the model came back with shape \[1, 0\]/,
    )
  })

  test('a model declaring an output of size 0 is refused before it runs', async () => {
    const zero: InferableModel = {
      ...modelFrom(() => new Float32Array(0)),
      outputs: [{ name: 'logits', shape: [1, 0], dtype: 'float32', layout: 'NC' }],
    }
    await expect(runDeterminism(zero, { runs: 3, input: INPUT })).rejects.toThrow(
      /Output "logits" of the model is declared with shape \[1, 0\]/,
    )
  })
})
