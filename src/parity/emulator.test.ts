import { describe, expect, test } from 'vitest'
import { openDevice } from '../device/open.js'
import { runParity } from './run.js'

const models = new URL('../../examples/models/', import.meta.url).pathname
const images = new URL('../../examples/images/', import.meta.url).pathname
const FLOAT = `${models}convnext-tiny.onnx`
const ALLS = `${models}imagenet_normalization.alls`
const IMAGENET = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
/** Output quantization wide enough for the fitted logits (about ±12.5) and for probabilities. */
const OUTPUT_QUANT = { logits: { scale: 0.125, zeroPoint: 128 }, probs: { scale: 1 / 255, zeroPoint: 0 } }

describe('runParity on the emulator (uint8 inputs, quantized outputs, normalization on "chip")', () => {
  test('raw uint8 outputs dequantized with their qp_scale / qp_zp agree with ONNX within quantization steps', async () => {
    await using emulator = await openDevice('emulator')
    await using model = await emulator.load(FLOAT, {
      format: 'raw',
      normalization: IMAGENET,
      outputQuant: OUTPUT_QUANT,
    })
    expect(model.outputs[0]!.dtype).toBe('uint8')
    const r = await runParity(model, FLOAT, {
      inputs: [`${images}sun.png`, `${images}sunset.png`],
      alls: ALLS,
      tolerance: { top1: true, steps: 1 },
    })
    expect(r.outputs.map((o) => o.steps)).toEqual([
      ['dequantized uint8 (scale 0.125, zero point 128)'],
      [expect.stringMatching(/^dequantized uint8 \(scale 0\.0039/)],
    ])
    expect(r.verdict.outputs.logits!.minimumPassing.steps).toBeLessThanOrEqual(0.5 + 1e-6)
    expect(r.pass).toBe(true)
  })

  test('the float32 format path agrees too', async () => {
    await using emulator = await openDevice('emulator')
    await using model = await emulator.load(FLOAT, {
      format: 'float32',
      normalization: IMAGENET,
      outputQuant: OUTPUT_QUANT,
    })
    const r = await runParity(model, FLOAT, {
      input: `${images}rings.jpg`,
      alls: ALLS,
      tolerance: { top1: true, steps: 1 },
    })
    expect(r.outputs[0]!.steps).toEqual([])
    expect(r.pass).toBe(true)
  })

  test('an output quantization that saturates the winning logit is caught by steps, though top-1 agrees', async () => {
    await using emulator = await openDevice('emulator')
    // Calibrated on synthetic noise, the logits' range stops near 5.7; the sun's class-1 logit is about 12.
    await using model = await emulator.load(FLOAT, { format: 'raw', normalization: IMAGENET })
    const r = await runParity(model, FLOAT, {
      input: `${images}sun.png`,
      alls: ALLS,
      tolerance: { top1: true, steps: 2 },
    })
    const logits = r.verdict.outputs.logits!
    expect(logits.failed.map((f) => f.criterion)).toEqual(['steps'])
    expect(logits.worst.comparison.maxSteps!.index).toEqual([0, 1])
    expect(logits.top1.fraction).toBe(1)
  })

  test('a device that skips the normalization is caught: top-1 and cosine fail', async () => {
    await using faulty = await openDevice('faulty:skip-normalization')
    await using model = await faulty.load(FLOAT, { format: 'raw', normalization: IMAGENET })
    const r = await runParity(model, FLOAT, {
      input: `${images}sun.png`,
      alls: ALLS,
      tolerance: { top1: true, cosine: 0.99 },
    })
    expect(r.pass).toBe(false)
    expect(r.verdict.outputs.logits!.failed.map((f) => f.criterion)).toEqual(['cosine', 'top1'])
  })
})
