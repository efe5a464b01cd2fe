// DEMONSTRATION — this test is EXPECTED TO FAIL. `npm run demo` checks that it fails with the
// diagnosis a user would read.
//
// The report's chip (a different class on every run, like `faulty:garbage-input`) against every stage
// the user had: the ONNX model and the emulator standing in for the Dataflow Compiler's quantized
// HAR. The failure is a table of the steps that names the first one to break: quantized → chip —
// compilation, the runtime or the host's format path, not quantization. With the DFC's own .npy
// exports, give native: 'dfc/native/', quantized: 'dfc/quantized/' instead (docs/stages.md).
import { openDevice } from 'vitest-hailo'
import { describe, expect, test } from 'vitest-hailo/fixtures'

describe('demo: the field report (expected to fail)', () => {
  test('the stage that breaks is after quantization: quantized → chip', async () => {
    const chip = await openDevice('faulty:garbage-input,seed=7')
    try {
      const model = await chip.load('models/convnext-tiny.onnx', {
        normalization: { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] },
      })
      await expect(model).toMatchStagesWithin(
        { onnx: 'models/convnext-tiny.onnx', quantized: 'emulator' },
        {
          inputs: ['images/sun.png', 'images/rings.jpg', 'images/stripes.jpg'],
          alls: 'models/imagenet_normalization.alls',
          tolerance: { top1: true },
        },
      )
    } finally {
      await chip.dispose()
    }
  })
})
