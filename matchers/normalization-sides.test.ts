import { describe, expect, test } from 'vitest'
import { identityModel } from '../test/support/onnx/index.js'
import { openDevice } from '../src/device/open.js'
import './index.js'
import { failureOf, useArtifactsRoot } from './test-support/failures.js'

useArtifactsRoot('vh-normalization-sides-')

// The model normalizes at load (the onnx device applies it); the check prepares the reference input.
describe('toMatchOnnxWithin when the two sides were normalized differently', () => {
  const identity = identityModel({ shape: [1, 3, 2, 2] }).bytes
  const pixels = Float32Array.from({ length: 12 }, (_, i) => i * 20)
  const normalization = { mean: [127.5], std: [127.5] }

  test('the failure says the model was loaded with a normalization the reference input did not get', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identity, { normalization })
    const message = await failureOf(
      expect(model).toMatchOnnxWithin(identity, { input: pixels, tolerance: { atol: 1e-6 } }),
    )
    expect(message).toContain(
      'Normalizations differ: the model was loaded with normalization { mean: [127.5], std: [127.5] } (its device applies it), but the reference input was not normalized. ' +
        'The two sides saw different inputs: give toMatchOnnxWithin the same normalization (or the .alls it comes from).',
    )
  })

  test('names both when they differ, and passes when the check gives the same one (one value or one per channel)', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identity, { normalization })
    const message = await failureOf(
      expect(model).toMatchOnnxWithin(identity, {
        input: pixels,
        normalization: { mean: [0], std: [1] },
        tolerance: { atol: 1e-6 },
      }),
    )
    expect(message).toMatch(
      /but the reference input was normalized with \{ mean: \[0\], std: \[1\] \} from the normalization option\./,
    )
    await expect(model).toMatchOnnxWithin(identity, {
      input: pixels,
      normalization: { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5] },
      tolerance: { atol: 1e-6 },
    })
  })
})

// Found trying the package on PaddleOCR's classifier: on the emulator, a model loaded without the normalization that
// the check gave its reference (from the .alls) failed parity with no word about the cause.
describe('toMatchOnnxWithin when the model was loaded without the normalization its reference got', () => {
  const identity = identityModel({ shape: [1, 3, 2, 2] }).bytes
  const pixels = Float32Array.from({ length: 12 }, (_, i) => i * 20)
  const normalization = { mean: [127.5], std: [127.5] }

  test('a failure says the sides may have seen different inputs and what to load the model with', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identity)
    const message = await failureOf(
      expect(model).toMatchOnnxWithin(identity, { input: pixels, normalization, tolerance: { atol: 1e-6 } }),
    )
    expect(message).toContain(
      'Normalizations may differ: the model was loaded without one, but the reference input was normalized with { mean: [127.5], std: [127.5] } from the normalization option. ' +
        'Unless the model normalizes inside its graph (a raw-pixel export does), the two sides saw different inputs: load the model with { normalization } as the chip applies it.',
    )
  })

  test('a pass says nothing of it: the model may well normalize inside its graph', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(identity)
    const { runParity } = await import('../src/parity/run.js')
    const { formatParityBody } = await import('./format/parity.js')
    const result = await runParity(model, identity, { input: pixels, normalization, tolerance: { atol: 1000 } })
    expect(result.pass).toBe(true)
    expect(formatParityBody(result)).not.toMatch(/Normalizations/)
  })
})
