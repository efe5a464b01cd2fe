import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { identityModel } from '../test/support/onnx/index.js'
import { describeModel } from './describe.js'
import { HefFormatError, InvalidArgumentError, ModelFileError, UnknownNameError } from './errors.js'
import type { HailortHefView } from './hef/cross-check.js'
import { readHef } from './hef/read.js'
import { ARCFACE, MNIST } from './hef/test-support/make-hef.js'

describe('describeModel on a HEF', () => {
  test('arcface: the tensor infos a loaded model reports on the raw path (batch of one, NHWC / NC, quantization)', async () => {
    const model = await describeModel(ARCFACE)
    expect(model.format).toBe('hef')
    expect(model.inputs).toEqual([
      {
        name: 'arcface_mobilefacenet/input_layer1',
        shape: [1, 112, 112, 3],
        dtype: 'uint8',
        layout: 'NHWC',
        quant: { scale: 1, zeroPoint: 0, min: 0, max: 255 },
      },
    ])
    expect(model.outputs).toEqual([
      {
        name: 'arcface_mobilefacenet/fc1',
        shape: [1, 512],
        dtype: 'uint8',
        layout: 'NC',
        quant: { scale: 0.01673891767859459, zeroPoint: 144, min: -2.4104042053222656, max: 1.8580198287963867 },
      },
    ])
  })

  test('the float32 path gives float32 tensors with the same quantization (what device.load gives by default)', async () => {
    const model = await describeModel(ARCFACE, { format: 'float32' })
    expect(model.inputs[0]).toMatchObject({ dtype: 'float32', shape: [1, 112, 112, 3], quant: { zeroPoint: 0 } })
  })

  test('compiler version, target architecture, network groups and header version', async () => {
    const model = await describeModel(ARCFACE)
    expect(model.versions).toEqual({ dataflowCompiler: '3.29.0' })
    expect(model.hef).toMatchObject({
      headerVersion: 1,
      architecture: 'HAILO8',
      target: 'HAILO8P',
      networkGroup: 'arcface_mobilefacenet',
      networkGroups: [
        {
          name: 'arcface_mobilefacenet',
          isMultiContext: false,
          inputs: ['arcface_mobilefacenet/input_layer1'],
          outputs: ['arcface_mobilefacenet/fc1'],
        },
      ],
    })
  })

  test('with a HailoRT version, the compatibility verdict is included', async () => {
    expect((await describeModel(MNIST, { hailort: '4.23.0' })).compatibility?.level).toBe('refused')
    expect((await describeModel(ARCFACE, { hailort: '4.19.0', device: 'HAILO8' })).compatibility?.level).toBe(
      'validated',
    )
  })

  test('bytes are recognised as a HEF by their magic', async () => {
    const model = await describeModel(new Uint8Array(readFileSync(ARCFACE)))
    expect(model.source).toBe('<bytes>')
    expect(model.format).toBe('hef')
  })

  test('reports no disagreement when HailoRT says the same, and each field where it does not', async () => {
    const info = await readHef(ARCFACE)
    const same: HailortHefView = {
      hailort: '4.23.0',
      networkGroups: info.networkGroups.map((g) => ({
        name: g.name,
        isMultiContext: g.isMultiContext,
        vstreams: [...g.inputs, ...g.outputs],
      })),
    }
    expect((await describeModel(ARCFACE, { hailortView: async () => same })).hailortCheck).toEqual({
      hailort: '4.23.0',
      disagreements: [],
    })
    const output = info.networkGroups[0]!.outputs[0]!
    const different: HailortHefView = {
      ...same,
      networkGroups: [
        {
          ...same.networkGroups[0]!,
          vstreams: [info.networkGroups[0]!.inputs[0]!, { ...output, quant: { ...output.quant, zeroPoint: 128 } }],
        },
      ],
    }
    const check = (await describeModel(ARCFACE, { hailortView: async () => different })).hailortCheck
    expect(check?.disagreements).toEqual([
      { where: 'arcface_mobilefacenet/fc1 quant.zeroPoint', reader: 144, hailort: 128 },
    ])
  })

  test('without an answer from HailoRT there is no check', async () => {
    expect((await describeModel(ARCFACE, { hailortView: async () => undefined })).hailortCheck).toBeUndefined()
  })
})

describe('describeModel on ONNX', () => {
  test('delegates to ONNX Runtime for what the model declares', async () => {
    const model = await describeModel(identityModel({ shape: [1, 4] }).bytes)
    expect(model.format).toBe('onnx')
    expect(model.inputs[0]).toMatchObject({ name: 'input', dtype: 'float32', shape: [1, 4] })
    expect(model.versions.onnxruntime).toMatch(/^\d+\.\d+/)
  })
})

describe('describeModel refuses what it cannot describe', () => {
  test('a missing file is a ModelFileError', async () => {
    await expect(describeModel('/missing/model.hef')).rejects.toBeInstanceOf(ModelFileError)
  })

  test('a corrupt .hef is a HefFormatError', async () => {
    const bytes = new Uint8Array(readFileSync(ARCFACE)).subarray(0, 1000)
    await expect(describeModel(bytes)).rejects.toBeInstanceOf(HefFormatError)
  })

  test('an unknown network group is an UnknownNameError that lists the real ones', async () => {
    await expect(describeModel(ARCFACE, { networkGroup: 'nope' })).rejects.toThrow(UnknownNameError)
    await expect(describeModel(ARCFACE, { networkGroup: 'nope' })).rejects.toThrow(/it has: "arcface_mobilefacenet"/)
  })

  test('bad options are InvalidArgumentErrors', async () => {
    await expect(describeModel(ARCFACE, { format: 'uint8' as 'raw' })).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(describeModel(ARCFACE, { hailrt: '4.23.0' } as object)).rejects.toThrow(/Unknown key "hailrt"/)
    await expect(describeModel(42 as unknown as string)).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(describeModel(ARCFACE, { hailort: 'latest' })).rejects.toBeInstanceOf(InvalidArgumentError)
  })
})
