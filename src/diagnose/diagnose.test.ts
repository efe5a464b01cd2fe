import { afterAll, describe, expect, test } from 'vitest'
import { openDevice } from '../device/open.js'
import type { Device, InferableModel, LoadedModel } from '../device/types.js'
import { InvalidArgumentError, UsageError } from '../errors.js'
import { quantize } from '../tensor/quantize.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import { twice } from './agreement.js'
import { diagnose } from './run.js'
import type { CauseCode, Diagnosis } from './types.js'

const MODEL = 'examples/models/convnext-tiny.onnx'
const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
const SEEDS = [1, 2, 3]
const opened: Device[] = []

async function load(spec: string, options: object = {}): Promise<LoadedModel> {
  const device = await openDevice(spec)
  opened.push(device)
  return device.load(MODEL, options)
}
afterAll(async () => {
  for (const d of opened) await d.dispose()
})
const codes = (d: Diagnosis): CauseCode[] => d.causes.map((c) => c.code)

describe('diagnose finds the fault each probe targets', () => {
  test.each(SEEDS)('a stale output buffer (faulty:stale), seed %i', async (seed) => {
    const d = await diagnose(await load('faulty:stale', { normalization: NORM }), {
      reference: MODEL,
      normalization: NORM,
      seed,
    })
    expect(codes(d)).toEqual(['output-follows-previous-input'])
    expect(d.causes[0]).toMatchObject({ confidence: 'strong', facts: { stale: 3, changes: 3 } })
  })

  test.each(SEEDS)('a first inference that differs (faulty:first-run), seed %i', async (seed) => {
    const d = await diagnose(await load('faulty:first-run', { normalization: NORM }), {
      reference: MODEL,
      normalization: NORM,
      seed,
    })
    expect(codes(d)).toEqual(['first-run-differs'])
  })

  test('outputs that are not repeatable, and then runs no comparison with the reference (faulty:alternating)', async () => {
    const d = await diagnose(await load('faulty:alternating', { normalization: NORM }), {
      reference: MODEL,
      normalization: NORM,
      seed: 4,
    })
    expect(codes(d)).toEqual(['not-repeatable'])
    expect(d.probes.filter((p) => p.status === 'not-applicable').map((p) => p.probe)).toEqual([
      'normalization',
      'format',
      'quantization',
    ])
  })

  test.each(SEEDS)('normalization not applied on the chip (faulty:skip-normalization), seed %i', async (seed) => {
    const d = await diagnose(await load('faulty:skip-normalization', { normalization: NORM }), {
      reference: MODEL,
      normalization: NORM,
      seed,
    })
    expect(codes(d)).toEqual(['normalization-missing'])
    const scores = d.probes.find((p) => p.probe === 'normalization')
    expect(scores).toMatchObject({ status: 'ran' })
  })

  test.each(SEEDS)(
    'normalization applied twice (the chip normalizes pixels the pipeline had normalized already), seed %i',
    async (seed) => {
      const d = await diagnose(await load('emulator', { normalization: twice(NORM) }), {
        reference: MODEL,
        normalization: NORM,
        seed,
      })
      expect(codes(d)).toEqual(['normalization-twice'])
    },
  )

  test.each([
    ['faulty:wrong-format', true],
    ['faulty:wrong-format,inner=onnx', false],
  ] as const)('a float input cast to integers (%s)', async (spec, onChip) => {
    const model = await load(spec, onChip ? { normalization: NORM } : {})
    const d = await diagnose(model, { reference: MODEL, ...(onChip ? { normalization: NORM } : {}), seed: 5 })
    expect(codes(d)).toEqual(['float-input-cast-to-integers'])
    expect(d.causes[0]!.facts.understood).toEqual(['float 0–255'])
  })

  test('says which encoding to feed when the given input is 0–1 floats the model casts to 0 or 1', async () => {
    const model = await load('faulty:wrong-format', { normalization: NORM })
    const unit: Tensor = { data: new Float32Array(3 * 128 * 128).fill(0.5), shape: [1, 3, 128, 128], dtype: 'float32' }
    const d = await diagnose(model, { reference: MODEL, normalization: NORM, input: unit, seed: 6 })
    expect(d.causes[0]).toMatchObject({
      code: 'input-encoding-not-understood',
      confidence: 'strong',
      facts: { given: 'float 0–1', understood: ['float 0–255'] },
    })
  })

  test('outputs handed back as raw codes on the float32 path', async () => {
    const inner = await load('emulator', { normalization: NORM })
    // A host that reads a quantized output as float without applying qp_scale / qp_zp.
    const raw: InferableModel = {
      inputs: inner.inputs,
      outputs: inner.outputs,
      async infer(inputs, options) {
        const out = await inner.infer(inputs, options)
        const codes: TensorMap = {}
        for (const info of inner.outputs) {
          const t = out[info.name]! as Tensor<'float32'>
          codes[info.name] = {
            data: Float32Array.from(quantize(t, info.quant!, 'uint8').data),
            shape: t.shape,
            dtype: 'float32',
          }
        }
        return codes
      },
    }
    const d = await diagnose(raw, { reference: MODEL, normalization: NORM, seed: 7, probes: ['quantization'] })
    expect(codes(d)).toEqual(['outputs-not-dequantized', 'outputs-not-dequantized'])
    expect(d.causes.map((c) => c.facts.output).sort()).toEqual(['logits', 'probs'])
  })
})

describe('diagnose is silent on healthy devices', () => {
  test.each(SEEDS)('the emulator with on-chip normalization, seed %i', async (seed) => {
    const d = await diagnose(await load('emulator', { normalization: NORM }), {
      reference: MODEL,
      normalization: NORM,
      seed,
    })
    expect(d.causes).toEqual([])
    expect(d.probes.map((p) => [p.probe, p.status])).toEqual([
      ['previous-frame', 'ran'],
      ['normalization', 'ran'],
      ['format', 'not-applicable'],
      ['quantization', 'ran'],
    ])
  })

  test.each(SEEDS)('ONNX Runtime on the float model, seed %i', async (seed) => {
    const d = await diagnose(await load('onnx'), { reference: MODEL, seed })
    expect(d.causes).toEqual([])
  })

  test('without a reference only the probes that need none run', async () => {
    const d = await diagnose(await load('emulator', { normalization: NORM }), { seed: 8 })
    expect(d.causes).toEqual([])
    expect(d.probes.map((p) => p.status)).toEqual(['ran', 'not-applicable', 'not-applicable', 'not-applicable'])
  })
})

describe('diagnose refuses what it cannot probe, before any inference', () => {
  const counting = (inputs: InferableModel['inputs']): InferableModel & { calls: number } => {
    const m = {
      calls: 0,
      inputs,
      outputs: [{ name: 'y', shape: [1, 2], dtype: 'float32' as const, layout: 'NC' as const }],
      infer: async () => {
        m.calls++
        return { y: { data: new Float32Array(2), shape: [1, 2], dtype: 'float32' as const } }
      },
    }
    return m
  }
  test('a model with no image-like input', async () => {
    const m = counting([{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }])
    await expect(diagnose(m)).rejects.toThrow(UsageError)
    await expect(diagnose(m)).rejects.toMatchObject({
      code: 'E_DIAGNOSE_NO_IMAGE_INPUT',
      message: expect.stringContaining('x: float32 [1, 4] NC'),
    })
    expect(m.calls).toBe(0)
  })
  test('a dynamic image input with no input to copy the size from', async () => {
    const m = counting([{ name: 'images', shape: ['batch', 3, 'h', 'w'], dtype: 'float32', layout: 'NCHW' }])
    await expect(diagnose(m)).rejects.toMatchObject({
      code: 'E_DIAGNOSE_DYNAMIC_SHAPE',
      message: expect.stringContaining("input: 'image.png'"),
    })
    expect(m.calls).toBe(0)
  })
  test('a probe asked for by name that cannot run with what was given', async () => {
    const m = counting([{ name: 'images', shape: [1, 3, 8, 8], dtype: 'float32', layout: 'NCHW' }])
    await expect(diagnose(m, { probes: ['normalization'] })).rejects.toMatchObject({
      code: 'E_DIAGNOSE_PROBE_NOT_APPLICABLE',
      message: expect.stringContaining('reference'),
    })
    expect(m.calls).toBe(0)
  })
  test.each([
    [{ probes: ['stages'] }, 'probes'],
    [{ probes: [] }, 'probes'],
    [{ refrence: MODEL }, 'refrence'],
    [{ normalization: NORM, alls: 'examples/models/imagenet_normalization.alls' }, 'not both'],
    [{ normalization: { mean: [1], std: [0] } }, 'std[0]'],
  ])('bad options %j', async (options, named) => {
    const m = counting([{ name: 'images', shape: [1, 3, 8, 8], dtype: 'float32', layout: 'NCHW' }])
    await expect(diagnose(m, options as never)).rejects.toThrow(InvalidArgumentError)
    await expect(diagnose(m, options as never)).rejects.toThrow(named)
    expect(m.calls).toBe(0)
  })
})
