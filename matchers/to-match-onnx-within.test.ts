import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { openDevice } from '../src/device/open.js'
import type { Device, InferableModel, LoadedModel } from '../src/device/types.js'
import { InvalidArgumentError, UnknownNameError } from '../src/errors.js'
import { readNpy } from '../src/inputs/npy.js'
import type { TensorMap } from '../src/tensor/types.js'
import './index.js'
import { failureOf, filesUnder, useArtifactsRoot } from './test-support/failures.js'

const models = new URL('../examples/models/', import.meta.url).pathname
const images = new URL('../examples/images/', import.meta.url).pathname
const FLOAT = `${models}convnext-tiny.onnx`
const ALLS = `${models}imagenet_normalization.alls`
const SUN = `${images}sun.png`

const artifactsRoot = useArtifactsRoot('vh-parity-')
let onnx: Device
let decomposed: LoadedModel
let chipLike: LoadedModel
beforeAll(async () => {
  onnx = await openDevice('onnx')
  decomposed = await onnx.load(`${models}convnext-tiny-decomposed-ln.onnx`)
  chipLike = await onnx.load(`${models}convnext-tiny-uint8-nhwc.onnx`)
})
afterAll(async () => {
  await decomposed.dispose()
  await chipLike.dispose()
  await onnx.dispose()
})
beforeEach(async () => {
  await rm(artifactsRoot(), { recursive: true, force: true })
})

/** The model with `shift` added to logit `cls` (a planted bug the parity check must catch). */
function shifted(model: InferableModel, cls: number, shift: number): InferableModel {
  return {
    inputs: model.inputs,
    outputs: model.outputs,
    async infer(inputs): Promise<TensorMap> {
      const out = await model.infer(inputs)
      const logits = out.logits!.data as Float32Array
      logits[cls]! += shift
      return out
    },
  }
}

describe('toMatchOnnxWithin', () => {
  test('passes for the same network written as another graph, and writes no artifacts', async () => {
    await expect(decomposed).toMatchOnnxWithin(FLOAT, {
      input: SUN,
      tolerance: { atol: 1e-4, top1: true, cosine: 0.9999 },
    })
    expect(await filesUnder(artifactsRoot())).toEqual([])
  })

  test('passes a raw-pixel model against its float reference with the .alls normalization', async () => {
    await expect(chipLike).toMatchOnnxWithin(FLOAT, {
      input: `${images}rings.jpg`,
      alls: ALLS,
      tolerance: { top1: true, atol: 1e-3 },
    })
  })

  test('fails bit-exact with torch-style numbers, the minimum passing tolerance, the seed and the artifacts', async () => {
    const message = await failureOf(
      expect(decomposed).toMatchOnnxWithin(FLOAT, { input: SUN, seed: 11, tolerance: { atol: 0 } }),
    )
    expect(message).toContain('expect(model).toMatchOnnxWithin(reference)')
    expect(message).toContain('Expected: "every output within: |a − e| ≤ 0 + 0·|e|"')
    expect(message).toMatch(/Received: "\d of 2 outputs outside the tolerance: "logits"/)
    expect(message).toMatch(/Mismatched elements: \d+ \/ 67 \([\d.]+ %\), outside \|a − e\| ≤ atol \+ rtol·\|e\|/)
    expect(message).toMatch(
      /Greatest absolute difference: [\d.e-]+ at logits\[0, \d+\] \(model -?[\d.e-]+, reference -?[\d.e-]+\)/,
    )
    expect(message).toMatch(/Failed: atol 0 \(with rtol 0\) — needs atol [\d.e-]+/)
    expect(message).toMatch(/Would pass with: \{ atol: [\d.e-]+, cosine: /)
    expect(message).toContain('Reference: examples/models/convnext-tiny.onnx')
    expect(message).toContain('Input: examples/images/sun.png')
    expect(message).toContain('Seed: 11 (drove nothing: every input was given)')
    const folder = /Artifacts: (.+?) \(/.exec(message)![1]!
    const files = await readdir(folder)
    expect(files).toEqual(
      expect.arrayContaining([
        'summary.json',
        'input.input.npy',
        'output.logits.npy',
        'reference.logits.npy',
        'difference.logits.npy',
      ]),
    )
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'))
    expect(summary).toMatchObject({
      matcher: 'toMatchOnnxWithin',
      pass: false,
      seed: 11,
      reference: 'examples/models/convnext-tiny.onnx',
    })
    const diff = await readNpy(join(folder, 'difference.logits.npy'))
    expect(diff.shape).toEqual([1, 67])
  })

  test('says the seed drove the synthetic input when none was given', async () => {
    const message = await failureOf(
      expect(shifted(decomposed, 3, 1)).toMatchOnnxWithin(FLOAT, { seed: 21, tolerance: { atol: 1e-3 } }),
    )
    expect(message).toContain('Input: synthetic (seed 21)')
    expect(message).toContain('Seed: 21 (drove the synthetic input; replay with VITEST_HAILO_SEED=21)')
  })

  test('catches a missing normalization: top-1 and cosine fail, with what was done to the reference input', async () => {
    const message = await failureOf(
      expect(chipLike).toMatchOnnxWithin(FLOAT, { input: SUN, tolerance: { top1: true, cosine: 0.99 } }),
    )
    expect(message).toMatch(/Failed: .*cosine ≥ 0\.99 — measured/)
    expect(message).toContain(
      'Reference input "image" → reference "input": uint8 → float32, transposed NHWC → NCHW [1, 128, 128, 3] → [1, 3, 128, 128]',
    )
    expect(message).toMatch(/Top-1: class 1 \(model\) vs class \d+ \(reference\); the reference's class ranks #\d+/)
    expect(message).toMatch(/Would pass with: \{ atol: 9\.\d+, cosine: 0\.\d+/)
  })

  test('judges a folder of images as a dataset and names the failing samples', async () => {
    // A shift of +30 on class 5 makes class 5 win wherever the model was not already sure.
    const message = await failureOf(
      expect(shifted(decomposed, 5, 30)).toMatchOnnxWithin(FLOAT, {
        inputs: images,
        tolerance: { top1: 0.9, atol: 1e-4 },
      }),
    )
    expect(message).toContain('over 8 samples')
    expect(message).toMatch(/Samples failing a per-sample criterion: 8 of 8 \(examples\/images\//)
    expect(message).toMatch(/Top-1 agreement: \d \/ 8 \([\d.]+ %\)/)
    expect(message).toContain('Input: 8 samples')
    expect(message).toMatch(/of sample \d \(.+\) as \.npy/)
  })

  test('.not passes for a planted shift and fails, honestly worded, when everything matches', async () => {
    await expect(shifted(decomposed, 3, 1)).not.toMatchOnnxWithin(FLOAT, { input: SUN, tolerance: { atol: 1e-3 } })
    const message = await failureOf(
      expect(decomposed).not.toMatchOnnxWithin(FLOAT, { input: SUN, tolerance: { atol: 1e-3 } }),
    )
    expect(message).toContain('expect(model).not.toMatchOnnxWithin(reference)')
    expect(message).toContain(
      'expected model not to match examples/models/convnext-tiny.onnx within the tolerance, but all 2 outputs are within the tolerance',
    )
    expect(await filesUnder(artifactsRoot())).toEqual([])
  })

  test('accepts a loaded reference model and explicit output names', async () => {
    await using reference = await onnx.load(FLOAT)
    await expect(decomposed).toMatchOnnxWithin(reference, {
      input: SUN,
      outputs: { logits: 'logits', probs: 'probs' },
      tolerance: { atol: 1e-4 },
    })
  })

  test('refuses bad options with named errors before running anything', async () => {
    await expect(expect(decomposed).toMatchOnnxWithin(FLOAT, undefined as never)).rejects.toThrow(InvalidArgumentError)
    await expect(expect(decomposed).toMatchOnnxWithin(FLOAT, { tolerance: { tolerence: 1 } } as never)).rejects.toThrow(
      /"tolerence"/,
    )
    await expect(
      expect(decomposed).toMatchOnnxWithin(FLOAT, { tolerance: {}, outputs: { scores: 'logits' } }),
    ).rejects.toThrow(UnknownNameError)
    await expect(expect({} as never).toMatchOnnxWithin(FLOAT, { tolerance: {} })).rejects.toThrow(/Expected a model/)
  })
})
