// The field report that started this project (README.md here): a ConvNeXt with 67 classes and the
// ImageNet normalization on the chip (model script examples/models/imagenet_normalization.alls). The
// Dataflow Compiler's emulator says it is fine; the Hailo-8 returns another class on every run. These
// tests are the healthy half — the emulator, standing in for SDK_QUANTIZED — and what the tools say
// about the report's chip, as assertions; report.fails-on-purpose.test.ts shows the failures themselves.
import { diagnose, openDevice, runStages, type DeviceSpecText, type LoadedModel } from 'vitest-hailo'
import { expect, test } from 'vitest-hailo/fixtures'

const MODEL = 'models/convnext-tiny.onnx'
const ALLS = 'models/imagenet_normalization.alls'
// The .alls line, as the emulator takes it: the chip normalizes raw pixels 0–255.
const NORMALIZATION = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
const IMAGE = 'images/sun.png'

/** `model` on `spec` loaded as the compiled HEF behaves: raw pixels in, normalization on the chip. */
async function onDevice<T>(spec: DeviceSpecText, use: (model: LoadedModel) => Promise<T>): Promise<T> {
  const device = await openDevice(spec)
  try {
    return await use(await device.load(MODEL, { normalization: NORMALIZATION }))
  } finally {
    await device.dispose()
  }
}

test("the quantized model on the emulator: the same class on every run, and the ONNX model's class", async () => {
  await onDevice('emulator', async (model) => {
    await expect(model).toBeDeterministicAcross(20, { input: IMAGE })
    await expect(model).toMatchOnnxWithin(MODEL, { input: IMAGE, alls: ALLS, tolerance: { top1: true } })
  })
})

test("on the report's chip, the stages check puts the fault after quantization: quantized → chip", async () => {
  await onDevice('faulty:garbage-input,seed=7', async (chip) => {
    const result = await runStages(
      chip,
      { onnx: MODEL, quantized: 'emulator' },
      { input: IMAGE, alls: ALLS, tolerance: { top1: true } },
    )
    expect(result.steps.map((s) => [`${s.from} → ${s.to}`, s.comparison.pass])).toEqual([
      ['onnx → quantized', true],
      ['quantized → chip', false],
    ])
  })
})

test('… and diagnose rules out the input path: the same input does not even give the same output', async () => {
  await onDevice('faulty:garbage-input,seed=7', async (chip) => {
    const diagnosis = await diagnose(chip, { reference: MODEL, alls: ALLS, input: IMAGE, seed: 1 })
    expect(diagnosis.causes.map((c) => c.code)).toEqual(['not-repeatable'])
  })
})

test('had the host skipped the normalization instead, diagnose would say so', async () => {
  await onDevice('faulty:skip-normalization', async (chip) => {
    const diagnosis = await diagnose(chip, { reference: MODEL, alls: ALLS, seed: 1 })
    expect(diagnosis.causes.map((c) => c.code)).toEqual(['normalization-missing'])
  })
})
