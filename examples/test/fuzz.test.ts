// Fuzzing the input path of the healthy ConvNeXt-like classifier: fast-check generates inputs
// (uniform noise, constants, gradients, checkers, saturated and quantization-edge frames), frame
// orders and encodings, runs them on the device, and fails with the smallest case that breaks a
// property. On this device every property that applies holds.
import { expect, test } from 'vitest-hailo/fixtures'

const MODEL = 'models/convnext-tiny-uint8-nhwc.onnx'

test('the classifier survives fuzzing of its input path', async ({ load }) => {
  const model = await load(MODEL)
  // Every property that applies to the device; a CI budget caps it on a slow runner.
  await expect(model).toSurviveFuzzing({ numRuns: 20, timeBudgetMs: 20_000 })
})

test('… frame order: each frame gives the output it gives alone, whatever came before', async ({ load }) => {
  const model = await load(MODEL)
  await expect(model).toSurviveFuzzing({ properties: ['frame-order'], numRuns: 30 })
})
