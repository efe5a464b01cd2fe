import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel, LoadedModel } from '../device/types.js'
import { AbortedError, CheckAbortedError, FileError, InvalidArgumentError, UnknownNameError } from '../errors.js'
import { toNHWC } from '../tensor/layout.js'
import { quantize } from '../tensor/quantize.js'
import type { TensorMap } from '../tensor/types.js'
import { multiInputModel } from '../../test/support/onnx/index.js'
import { runParity } from './run.js'
import type { ParityProgress } from './types.js'
import { expectError } from '../../test/support/expect-error.js'

const models = new URL('../../examples/models/', import.meta.url).pathname
const images = new URL('../../examples/images/', import.meta.url).pathname
const FLOAT = `${models}convnext-tiny.onnx`
const DECOMPOSED = `${models}convnext-tiny-decomposed-ln.onnx`
const RAW_NHWC = `${models}convnext-tiny-uint8-nhwc.onnx`
const ALLS = `${models}imagenet_normalization.alls`
const IMAGENET = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }

let onnx: Device
let chipLike: LoadedModel
beforeAll(async () => {
  onnx = await openDevice('onnx')
  chipLike = await onnx.load(RAW_NHWC)
})
afterAll(async () => {
  await chipLike.dispose()
  await onnx.dispose()
})

describe('runParity: input normalization', () => {
  test('a raw-pixel model matches its float reference when the .alls normalization is applied to the reference input', async () => {
    const r = await runParity(chipLike, FLOAT, {
      input: `${images}sun.png`,
      alls: ALLS,
      tolerance: { top1: true, cosine: 0.9999, atol: 1e-3 },
    })
    expect(r.pass).toBe(true)
    expect(r.normalizationSource).toMatch(/imagenet_normalization\.alls \(line 3\)/)
    expect(r.inputs[0]!.steps).toEqual([
      'uint8 → float32',
      'normalized (x − mean) / std with mean [123.675, 116.28, 103.53], std [58.395, 57.12, 57.375]',
      'transposed NHWC → NCHW [1, 128, 128, 3] → [1, 3, 128, 128]',
    ])
    expect(r.verdict.outputs.logits!.worst.comparison.top1.actual).toEqual([1])
  })

  test('the same with normalization given as numbers', async () => {
    const r = await runParity(chipLike, FLOAT, {
      input: `${images}checkerboard.png`,
      normalization: IMAGENET,
      tolerance: { top1: true, atol: 1e-3 },
    })
    expect(r.pass).toBe(true)
  })

  test('without the normalization the reference sees raw pixels and parity fails with numbers', async () => {
    const r = await runParity(chipLike, FLOAT, { input: `${images}sun.png`, tolerance: { atol: 1e-3 } })
    expect(r.pass).toBe(false)
    const logits = r.verdict.outputs.logits!
    expect(logits.failed[0]!.criterion).toBe('atol')
    expect(logits.worst.comparison.mismatched).toBeGreaterThan(0)
    expect(logits.worst.comparison.maxAbs!.index).toHaveLength(2)
  })
})

describe('runParity: two graphs of the same network', () => {
  test('agree within float tolerance but not bit for bit', async () => {
    await using decomposed = await onnx.load(DECOMPOSED)
    const input = `${images}stripes.jpg`
    expect((await runParity(decomposed, FLOAT, { input, tolerance: { atol: 1e-4, top1: true } })).pass).toBe(true)
    const exact = await runParity(decomposed, FLOAT, { input, tolerance: { atol: 0 } })
    expect(exact.pass).toBe(false)
    expect(exact.verdict.outputs.logits!.minimumPassing.atol).toBeGreaterThan(0)
    expect(exact.verdict.outputs.logits!.minimumPassing.atol).toBeLessThan(1e-4)
  })

  test('a folder of images gives a dataset verdict with the top-1 fraction', async () => {
    await using decomposed = await onnx.load(DECOMPOSED)
    const r = await runParity(decomposed, FLOAT, { inputs: images, tolerance: { top1: 1, cosine: 0.999 } })
    expect(r.samples.length).toBe(8)
    expect(r.samples.map((s) => s.label)).toContain('examples/images/flag-exif-rotated.jpg')
    expect(r.verdict.outputs.probs!.top1).toEqual({ rows: 8, agreeing: 8, fraction: 1 })
    expect(r.pass).toBe(true)
  })

  test('with no input, a seeded synthetic input, reported with its seed', async () => {
    await using decomposed = await onnx.load(DECOMPOSED)
    const r = await runParity(decomposed, FLOAT, { seed: 7, tolerance: { atol: 1e-4 } })
    expect(r.syntheticInput).toBe(true)
    expect(r.seed).toBe(7)
    expect(r.samples[0]!.label).toBe('synthetic (seed 7)')
  })
})

/** A chip-like wrapper: runs the reference and returns its logits quantized to uint8, laid out NHWC [1, 1, 1, 67]. */
function quantizedNhwc(inner: InferableModel, scale: number, zeroPoint: number, shiftCodes = 0): InferableModel {
  const quant = { scale, zeroPoint }
  return {
    inputs: inner.inputs,
    outputs: [{ name: 'out/logits', shape: [1, 1, 1, 67], dtype: 'uint8', layout: 'NHWC', quant }],
    async infer(inputs) {
      const { logits } = await inner.infer(inputs)
      const q = quantize({ ...logits!, shape: [1, 67, 1, 1] }, quant, 'uint8')
      for (let i = 0; i < q.data.length; i++) q.data[i] = Math.min(255, q.data[i]! + shiftCodes)
      return { 'out/logits': toNHWC(q) } as TensorMap
    },
  }
}

describe('runParity: output reconciliation', () => {
  test('dequantizes a raw uint8 output with its scale and zero point, transposes NHWC, and counts steps', async () => {
    await using reference = await onnx.load(FLOAT)
    const chip = quantizedNhwc(reference, 0.25, 128)
    const r = await runParity(chip, FLOAT, {
      input: `${images}sun.png`,
      outputs: { 'out/logits': 'logits' },
      tolerance: { steps: 0.5, top1: true },
    })
    expect(r.outputs[0]!.steps).toEqual(['dequantized uint8 (scale 0.25, zero point 128)'])
    expect(r.pass).toBe(true)
    expect(r.verdict.outputs['out/logits']!.worst.comparison.maxSteps!.value).toBeLessThanOrEqual(0.5)
  })

  test('a shift of 3 quantization steps fails steps: 2 and reports 3 as the minimum', async () => {
    await using reference = await onnx.load(FLOAT)
    const chip = quantizedNhwc(reference, 0.25, 128, 3)
    const r = await runParity(chip, FLOAT, {
      input: `${images}sun.png`,
      outputs: { 'out/logits': 'logits' },
      tolerance: { steps: 2 },
    })
    expect(r.pass).toBe(false)
    expect(r.verdict.outputs['out/logits']!.minimumPassing.steps).toBeGreaterThan(2.5)
    expect(r.verdict.outputs['out/logits']!.minimumPassing.steps).toBeLessThanOrEqual(3.5)
  })

  test('accepts perOutput keyed by the reference output name', async () => {
    await using reference = await onnx.load(FLOAT)
    const chip = quantizedNhwc(reference, 0.25, 128, 3)
    const r = await runParity(chip, FLOAT, {
      input: `${images}sun.png`,
      outputs: { 'out/logits': 'logits' },
      tolerance: { atol: 0, perOutput: { logits: { atol: 1 } } },
    })
    expect(r.pass).toBe(true)
  })
})

describe('runParity: several inputs', () => {
  test('pairs inputs and outputs by name and normalizes only the float input', async () => {
    const built = multiInputModel()
    await using model = await onnx.load(built.bytes)
    const image = { data: new Float32Array(48).map((_, i) => i), shape: [1, 3, 4, 4], dtype: 'float32' as const }
    const mask = { data: new Uint8Array(16).fill(1), shape: [1, 1, 4, 4], dtype: 'uint8' as const }
    const same = await runParity(model, built.bytes, { input: { image, mask }, tolerance: {} })
    expect(same.pass).toBe(true)
    expect(same.referenceLabel).toBe('<bytes>')
    expect(same.outputs.map((o) => [o.model, o.reference])).toEqual([
      ['masked', 'masked'],
      ['total_per_sample', 'total_per_sample'],
    ])
    // The model under test gets raw values; the reference gets them normalized: outputs now differ.
    const normalized = await runParity(model, built.bytes, {
      input: { image, mask },
      normalization: { mean: [1], std: [2] },
      tolerance: {},
    })
    expect(normalized.inputs.map((p) => p.steps.length)).toEqual([1, 0])
    expect(normalized.pass).toBe(false)
  })
})

describe('runParity: bad input', () => {
  test('refuses a missing tolerance, unknown options and both normalization and alls', async () => {
    await expect(runParity(chipLike, FLOAT, {} as never)).rejects.toThrow(/needs a tolerance/)
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, tolerence: 1 } as never)).rejects.toThrow(/"tolerence"/)
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, alls: ALLS, normalization: IMAGENET })).rejects.toThrow(
      /either normalization or alls/,
    )
    await expect(
      runParity(chipLike, FLOAT, { tolerance: {}, normalization: { mean: [1, 2], std: [1] } }),
    ).rejects.toThrow(InvalidArgumentError)
  })
  test('names a missing .alls file and a missing reference model', async () => {
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, alls: 'nope.alls' })).rejects.toThrow(FileError)
    await expect(runParity(chipLike, 'missing.onnx', { tolerance: {} })).rejects.toThrow(/missing\.onnx/)
  })
  test('names unknown outputs in the map and in perOutput', async () => {
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, outputs: { logit: 'logits' } })).rejects.toThrow(
      UnknownNameError,
    )
    await expect(runParity(chipLike, FLOAT, { tolerance: { perOutput: { scores: {} } } })).rejects.toThrow(
      /"scores", which is not an output/,
    )
  })
  test('refuses a reference that is not a path, bytes or model, and an empty folder', async () => {
    await expect(runParity(chipLike, 42 as never, { tolerance: {} })).rejects.toThrow(/ONNX reference/)
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, inputs: [] })).rejects.toThrow(/at least one sample/)
    await expect(
      runParity(chipLike, FLOAT, { tolerance: {}, inputs: new URL('./testdata/', import.meta.url).pathname }),
    ).rejects.toThrow(/holds no samples/)
  })
  test('inputs means several samples only: a record by input name or one file is refused, naming input', async () => {
    await expect(
      runParity(chipLike, FLOAT, { tolerance: {}, inputs: { image: `${images}sun.png` } as never }),
    ).rejects.toThrow(/received a record by input name, which is one sample: pass it as input instead/)
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, inputs: `${images}sun.png` })).rejects.toThrow(
      /is a file, not a folder.*for one sample use input/,
    )
    await expect(
      runParity(chipLike, FLOAT, { tolerance: {}, input: `${images}sun.png`, inputs: [`${images}sun.png`] }),
    ).rejects.toThrow(/Give either input \(one sample\) or inputs \(several samples/)
  })
  test('stops at once when the signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, signal: controller.signal })).rejects.toThrow(AbortedError)
    await expect(runParity(chipLike, FLOAT, { tolerance: {}, signal: 'stop' as never })).rejects.toThrow(/AbortSignal/)
  })
  test('stopped part-way, it says how many samples it compared and how many passed, whatever error the stop caused', async () => {
    const controller = new AbortController()
    let calls = 0
    // A model the test's teardown disposes as the timeout fires: the stop shows as another error.
    const stopping: InferableModel = {
      inputs: chipLike.inputs,
      outputs: chipLike.outputs,
      async infer(x, o) {
        if (++calls === 3) {
          controller.abort(new Error('Test timed out in 5000ms.\nIf this is a long-running test…'))
          throw new Error('Model was used after it was disposed.')
        }
        return chipLike.infer(x, o)
      },
    }
    const inputs = [`${images}sun.png`, `${images}sun.png`, `${images}sun.png`, `${images}sun.png`]
    const error = (await runParity(stopping, FLOAT, {
      inputs,
      alls: ALLS,
      tolerance: { top1: true },
      signal: controller.signal,
    }).catch((e: unknown) => e)) as CheckAbortedError<ParityProgress>
    expect(error).toBeInstanceOf(CheckAbortedError)
    expect(error.message).toMatch(
      /^The parity check was aborted: Test timed out in 5000ms\. \(the test timed out or was cancelled\)\. It had compared 2 of 4 samples in \d+ ms\.$/,
    )
    expect(error.progress).toMatchObject({ samplesDone: 2, samplesPassed: 2, samples: 4 })
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(Error)
  })
  test("an abort keeps the signal's reason, in the message and as the cause", async () => {
    const controller = new AbortController()
    const reason = new Error('Test timed out in 5000ms.\nIf this is a long-running test…')
    controller.abort(reason)
    const error = await expectError(
      runParity(chipLike, FLOAT, { tolerance: {}, signal: controller.signal }),
      AbortedError,
      { code: 'E_ABORTED', message: /^The parity check was aborted: Test timed out in 5000ms\. \(the test timed out/ },
    )
    expect(error.cause).toBe(reason)
  })
  test("stopped between samples, the check keeps the signal's reason as the cause", async () => {
    const controller = new AbortController()
    const reason = new Error('Test timed out in 5000ms.')
    let calls = 0
    const stopping: InferableModel = {
      inputs: chipLike.inputs,
      outputs: chipLike.outputs,
      async infer(x, o) {
        const outputs = await chipLike.infer(x, o)
        if (++calls === 2) controller.abort(reason)
        return outputs
      },
    }
    const inputs = [`${images}sun.png`, `${images}sun.png`, `${images}sun.png`]
    const error = await expectError(
      runParity(stopping, FLOAT, { inputs, alls: ALLS, tolerance: { top1: true }, signal: controller.signal }),
      CheckAbortedError,
      { message: /^The parity check was aborted: Test timed out in 5000ms\. .* It had compared 1 of 3 samples/ },
    )
    expect(error.cause).toBe(reason)
  })
  test('refuses a normalization when the reference takes raw integers', async () => {
    await using raw = await onnx.load(RAW_NHWC)
    await expect(runParity(chipLike, raw, { input: `${images}sun.png`, alls: ALLS, tolerance: {} })).rejects.toThrow(
      /takes raw uint8/,
    )
  })
})
