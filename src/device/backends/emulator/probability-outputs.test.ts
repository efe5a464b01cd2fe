// A softmax output on the emulator: calibrated on uniform noise, whose probabilities stay low, a confident real
// input used to be clipped (a PaddleOCR-like classifier's row summed to 0.862 and was reported at 19.4 % instead of
// ~78 %). Probability outputs are quantized over [0, 1] instead, as a compiled softmax can reach 1.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { noiseShyClassifierModel } from '../../../../test/support/onnx/index.js'
import { runDeterminism } from '../../../determinism/run.js'
import { quantForRange } from './calibrate.js'
import { openDevice } from '../../open.js'
import type { Device, LoadedModel } from '../../types.js'

let emulator: Device
let onnx: Device
beforeAll(async () => {
  emulator = await openDevice('emulator')
  onnx = await openDevice('onnx')
})
afterAll(async () => {
  await emulator.dispose()
  await onnx.dispose()
})

const { bytes } = noiseShyClassifierModel({ classes: 4, confidence: 0.78 })
const black = new Uint8Array(16)
const PROBABILITY_SCALE = Math.fround(1 / 255)

async function probsOf(model: LoadedModel, input: Uint8Array | Float32Array): Promise<number[]> {
  return Array.from((await model.infer(input)).probs!.data as Float32Array)
}

test('a softmax output is quantized over [0, 1] whatever the noise inputs reached; the logits keep their range', async () => {
  await using model = await emulator.load(bytes)
  const probs = model.outputs.find((o) => o.name === 'probs')!
  expect(probs.quant).toEqual({ scale: PROBABILITY_SCALE, zeroPoint: 0 })
  const logits = model.outputs.find((o) => o.name === 'logits')!
  expect(logits.quant!.scale).not.toBe(PROBABILITY_SCALE)
  // Over the same noise, without the probability rule, the softmax would have been given a narrow range.
  await using reference = await onnx.load(bytes)
  const noiseMax = Math.max(
    ...(await probsOf(
      reference,
      Float32Array.from({ length: 16 }, (_, i) => (i * 97) % 256),
    )),
  )
  expect(quantForRange(0, noiseMax).scale * 255).toBeLessThan(0.6)
})

test("a confident input's dequantized probabilities sum to 1 and keep the float model's confidence", async () => {
  await using emulated = await emulator.load(bytes)
  await using reference = await onnx.load(bytes)
  const emulatedProbs = await probsOf(emulated, black)
  const floatProbs = await probsOf(reference, new Float32Array(16))
  expect(floatProbs[2]).toBeCloseTo(0.78, 5)
  const sum = emulatedProbs.reduce((a, b) => a + b, 0)
  // Four scores, each rounded by at most half a step.
  expect(Math.abs(sum - 1)).toBeLessThanOrEqual(2 * PROBABILITY_SCALE + 1e-6)
  emulatedProbs.forEach((p, i) =>
    expect(Math.abs(p - floatProbs[i]!)).toBeLessThanOrEqual(PROBABILITY_SCALE / 2 + 1e-6),
  )
})

test('a determinism check on the emulator reports the top class at the float model’s confidence, read as probabilities', async () => {
  await using emulated = await emulator.load(bytes)
  const r = await runDeterminism(emulated, { runs: 2, input: { pixels: black }, seed: 1 })
  const p = r.groups[0]!.predictions.probs!
  expect(p).toMatchObject({ top1: 2, confidenceFrom: 'probabilities' })
  expect(Math.abs(p.confidence - 0.78)).toBeLessThanOrEqual(PROBABILITY_SCALE)
})
