import type { InferableModel } from '../../../src/device/types.js'
import { deterministicModel, INPUT, randomModel } from '../../../src/determinism/test-support/models.js'
import { syntheticInputs } from '../../../src/inputs/synthetic.js'
import { expect, test } from '../../../fixtures/index.js'

const reference = new URL('../../../examples/models/convnext-tiny.onnx', import.meta.url).pathname
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `model`, taking `ms` more per inference: a detector-sized model on a slow device. */
function slow(model: InferableModel, ms: number): InferableModel {
  return { inputs: model.inputs, outputs: model.outputs, infer: async (x, o) => (await sleep(ms), model.infer(x, o)) }
}

test('a deterministic check cut by the test timeout', { timeout: 1000 }, async () => {
  await expect(slow(deterministicModel(), 100)).toBeDeterministicAcross(50, { input: INPUT })
})

test('a flaky check cut by the test timeout', { timeout: 1000 }, async () => {
  await expect(slow(randomModel(), 100)).toBeDeterministicAcross(50, { input: INPUT })
})

test('a check stopped by its own signal', async () => {
  await expect(slow(deterministicModel(), 100)).toBeDeterministicAcross(50, {
    input: INPUT,
    signal: AbortSignal.timeout(450),
  })
})

test('a parity check over a dataset cut by the test timeout', { timeout: 6000 }, async ({ load }) => {
  const model = await load(reference)
  const inputs = Array.from({ length: 20 }, (_, i) => syntheticInputs(model.inputs, i))
  await expect(slow(model, 400)).toMatchOnnxWithin(reference, { inputs, tolerance: { top1: true } })
})

test('a passing check in a test that times out later', { timeout: 500 }, async () => {
  await expect(deterministicModel()).toBeDeterministicAcross(3, { input: INPUT })
  await sleep(2000)
})
