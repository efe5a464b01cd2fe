import { describe, expect, test } from 'vitest'
import { classifierModel } from '../../test/support/onnx/tiny-models.js'
import { openDevice } from '../device/open.js'
import { AbortedError } from '../errors.js'
import { runDeterminism } from './run.js'

// The engine on a real LoadedModel (ONNX Runtime on the CPU), not just hand-written models.
describe('runDeterminism on an ONNX Runtime model', () => {
  const features = Float32Array.from({ length: 16 }, (_, i) => Math.sin(i))

  test('finds ONNX Runtime bit-exact run to run, and reads both outputs as a classifier', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(classifierModel({ classes: 67, sharpness: 8 }).bytes)
    const r = await runDeterminism(model, { runs: 20, input: features, warmup: 1 })
    expect(r).toMatchObject({ deterministic: true, pattern: 'deterministic', distinctOutputs: 1 })
    const { logits, probs } = r.groups[0]!.predictions
    expect(logits).toMatchObject({ confidenceFrom: 'softmax', classes: 67 })
    expect(probs).toMatchObject({ confidenceFrom: 'probabilities', top1: logits!.top1 })
    expect(probs!.confidence).toBeCloseTo(logits!.confidence, 5)
  })

  test('stops when the signal aborts mid-way', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(classifierModel().bytes)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    await expect(
      runDeterminism(model, { runs: 10_000_000, input: features, signal: controller.signal }),
    ).rejects.toThrow(AbortedError)
  })
})
