import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDevice } from '../device/open.js'
import type { Device, LoadedModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { writeNpy } from '../inputs/npy.js'
import { makeTensor } from '../tensor/dtype.js'
import { isRecordedOutputs } from './recorded.js'
import { runParity } from './run.js'

const models = new URL('../../examples/models/', import.meta.url).pathname
const SUN = new URL('../../examples/images/sun.png', import.meta.url).pathname

let dir: string
let onnx: Device
let chipLike: LoadedModel
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-recorded-'))
  onnx = await openDevice('onnx')
  chipLike = await onnx.load(`${models}convnext-tiny-uint8-nhwc.onnx`)
  // Record what the chip-like model itself gives for the sun: a stand-in for SDK_NATIVE outputs saved with np.save.
  const outputs = await chipLike.infer(SUN)
  await writeNpy(join(dir, 'logits.npy'), outputs.logits!)
  await writeNpy(join(dir, 'probs.npy'), outputs.probs!)
})
afterAll(async () => {
  await chipLike.dispose()
  await onnx.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('recorded reference outputs', () => {
  test('compare a model with outputs saved as .npy for the same input', async () => {
    const reference = { logits: join(dir, 'logits.npy'), probs: join(dir, 'probs.npy') }
    const r = await runParity(chipLike, reference, { input: SUN, tolerance: { atol: 0 } })
    expect(r.pass).toBe(true)
    expect(r.referenceLabel).toMatch(/^recorded outputs \(logits: .*logits\.npy, probs: .*probs\.npy\)$/)
    expect(r.inputs).toEqual([])
  })

  test('take tensors too, and fail with numbers when they differ', async () => {
    const logits = makeTensor('float32', [1, 67], new Float32Array(67).fill(0.5))
    const r = await runParity(
      chipLike,
      { logits },
      { input: SUN, outputs: { logits: 'logits' }, tolerance: { top1: true, atol: 0.1 } },
    )
    expect(r.pass).toBe(false)
    expect(r.verdict.outputs.logits!.worst.comparison.top1.expected).toEqual([0])
  })

  test('need the one input they were recorded for, and no normalization', async () => {
    const reference = { logits: join(dir, 'logits.npy') }
    await expect(runParity(chipLike, reference, { outputs: { logits: 'logits' }, tolerance: {} })).rejects.toThrow(
      /a synthetic input would not match them/,
    )
    await expect(
      runParity(chipLike, reference, { inputs: [SUN, SUN], outputs: { logits: 'logits' }, tolerance: {} }),
    ).rejects.toThrow(/not 2 samples/)
    await expect(
      runParity(chipLike, reference, { input: SUN, normalization: { mean: [0], std: [1] }, tolerance: {} }),
    ).rejects.toThrow(/nothing to apply to/)
  })

  test('refuse a path that is not .npy and name a missing file', async () => {
    await expect(runParity(chipLike, { logits: 'logits.txt' }, { input: SUN, tolerance: {} })).rejects.toThrow(
      InvalidArgumentError,
    )
    await expect(
      runParity(chipLike, { logits: join(dir, 'missing.npy') }, { input: SUN, tolerance: {} }),
    ).rejects.toThrow(/missing\.npy/)
  })

  test('isRecordedOutputs tells outputs from models, tensors and empty records', () => {
    expect(isRecordedOutputs({ y: 'a.npy' })).toBe(true)
    expect(isRecordedOutputs({ y: makeTensor('uint8', [1]) })).toBe(true)
    expect(isRecordedOutputs(makeTensor('uint8', [1]))).toBe(false)
    expect(isRecordedOutputs({ inputs: [], outputs: [], infer: () => undefined })).toBe(false)
    expect(isRecordedOutputs({})).toBe(false)
    expect(isRecordedOutputs({ y: 3 })).toBe(false)
  })
})
