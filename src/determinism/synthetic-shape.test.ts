import { describe, expect, test } from 'vitest'
import { classifierModel, identityModel } from '../../test/support/onnx/index.js'
import { openDevice } from '../device/open.js'
import type { InferableModel } from '../device/types.js'
import { InvalidArgumentError } from '../errors.js'
import { runParity } from '../parity/run.js'
import { determinismSummary } from '../report/determinism-summary.js'
import type { Tensor } from '../tensor/types.js'
import { runDeterminism } from './run.js'

const dynamicImage = identityModel({ shape: ['batch', 3, 'height', 'width'] }).bytes

/** The model, noting the shape of every input it is fed. */
function recording(model: InferableModel): InferableModel & { shapes: string[] } {
  const shapes: string[] = []
  return {
    inputs: model.inputs,
    outputs: model.outputs,
    shapes,
    infer: (feeds, options) => {
      shapes.push(JSON.stringify(Object.values(feeds as Record<string, Tensor>)[0]!.shape))
      return model.infer(feeds, options)
    },
  }
}

// A synthetic input of a model with dynamic sizes used to be [1, 3, 1, 1]: a check of one pixel.
describe('synthetic inputs of a model with dynamic dimensions', () => {
  test('are refused without an input or a shape, naming the declared shape and what to give', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(dynamicImage)
    for (const options of [{ runs: 3 }, { runs: 3, interleave: true }]) {
      const refusal = runDeterminism(model, options)
      await expect(refusal).rejects.toThrow(InvalidArgumentError)
      await expect(refusal).rejects.toThrow(
        'Input "input" is declared [batch, 3, height, width]: a synthetic input cannot know the size of its dynamic dimensions (choosing 1 would test a single pixel). ' +
          "Give an input (input: 'images/sample.png', a tensor or a .npy), or the shape to synthesize: shape: [1, 3, <height>, <width>].",
      )
    }
    await expect(runParity(model, dynamicImage, { tolerance: { atol: 0 } })).rejects.toThrow(
      /dynamic dimensions .*Give an input/,
    )
  })

  test('take the shape option, and the summary says which shape ran', async () => {
    await using device = await openDevice('onnx')
    const model = recording(await device.load(dynamicImage))
    const r = await runDeterminism(model, { runs: 2, shape: [1, 3, 8, 16], interleave: true, seed: 3 })
    expect(new Set(model.shapes)).toEqual(new Set(['[1,3,8,16]']))
    expect(determinismSummary(r).inputs).toEqual({ input: { shape: [1, 3, 8, 16], dtype: 'float32' } })
  })

  test('interleaved synthetic inputs take the shape of the input given', async () => {
    await using device = await openDevice('onnx')
    const model = recording(await device.load(dynamicImage))
    const given = { data: new Float32Array(3 * 4 * 5), shape: [1, 3, 4, 5], dtype: 'float32' } as const
    await runDeterminism(model, { runs: 2, input: given, interleave: 2 })
    expect(new Set(model.shapes)).toEqual(new Set(['[1,3,4,5]']))
  })

  test('a dynamic batch alone becomes 1, as before', async () => {
    await using device = await openDevice('onnx')
    const model = recording(await device.load(classifierModel({ batch: 'batch' }).bytes))
    await runDeterminism(model, { runs: 2 })
    expect(model.shapes).toEqual(['[1,16]', '[1,16]'])
  })

  test('a shape that does not fit, or that shapes nothing, is refused', async () => {
    await using device = await openDevice('onnx')
    await using model = await device.load(dynamicImage)
    await expect(runDeterminism(model, { runs: 2, shape: [1, 4, 8, 16] })).rejects.toThrow(
      /for shape of input "input" .*fit its declared shape \[batch, 3, height, width\]|sizes ≥ 1 that fit its declared shape \[batch, 3, height, width\] for shape of input "input"/,
    )
    await expect(runDeterminism(model, { runs: 2, shape: { image: [1, 3, 8, 16] } })).rejects.toThrow(
      InvalidArgumentError,
    )
    const given = { data: new Float32Array(12), shape: [1, 3, 2, 2], dtype: 'float32' } as const
    await expect(runDeterminism(model, { runs: 2, input: given, shape: [1, 3, 8, 16] })).rejects.toThrow(
      /shape sets the size of synthetic inputs, but every input of this check is given/,
    )
  })
})
