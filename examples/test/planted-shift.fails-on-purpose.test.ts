// DEMONSTRATION — these tests are EXPECTED TO FAIL. `npm run demo` checks that they fail, and with
// which numbers: a failure message is the product, and this is what a user would read.
//
// A planted shift: a wrapper around the healthy model adds a small bias to its logits, as a missing
// zero-point correction or a host-side post-processing bug would. The matchers accept any object
// with `inputs`, `outputs` and `infer`, so a user can wrap their own runtime the same way.
import type { InferableModel, LoadedModel } from 'vitest-hailo'
import { describe, expect, test } from 'vitest-hailo/fixtures'

/** The model, with `bias` added to every logit it returns (probabilities left as they are). */
function withLogitBias(model: LoadedModel, bias: number): InferableModel {
  return {
    inputs: model.inputs,
    outputs: model.outputs,
    async infer(inputs, options) {
      const outputs = await model.infer(inputs, options)
      const logits = outputs.logits!
      if (logits.dtype !== 'float32') throw new Error(`expected float32 logits, got ${logits.dtype}`)
      return { ...outputs, logits: { ...logits, data: logits.data.map((v) => v + bias) } }
    },
  }
}

describe('demo: planted shift (expected to fail)', () => {
  test('a bias of 0.05 on the logits is caught, with the numbers', async ({ load }) => {
    const shifted = withLogitBias(await load('models/convnext-tiny.onnx'), 0.05)
    await expect(shifted).toMatchOnnxWithin('models/convnext-tiny.onnx', {
      input: 'images/sun.png',
      tolerance: { atol: 1e-3, top1: true },
    })
  })
})
