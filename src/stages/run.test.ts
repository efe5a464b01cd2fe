import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDevice } from '../device/open.js'
import type { Device, LoadedModel } from '../device/types.js'
import { InvalidArgumentError, UsageError } from '../errors.js'
import { readNpy, writeNpy } from '../inputs/npy.js'
import { resolveInputs } from '../inputs/resolve.js'
import type { Tensor, TensorMap } from '../tensor/types.js'
import { runStages } from './run.js'
import { expectError } from '../../test/support/expect-error.js'

const MODEL = 'examples/models/convnext-tiny.onnx'
const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
const IMAGES = ['sun.png', 'rings.jpg', 'stripes.jpg'].map((f) => `examples/images/${f}`)
const TOLERANCE = { top1: true, cosine: 0.99 } as const
const devices: Device[] = []
let dir: string

async function load(spec: string): Promise<LoadedModel> {
  const d = await openDevice(spec)
  devices.push(d)
  return d.load(MODEL, { normalization: NORM })
}
/** What the Dataflow Compiler would export: one folder per stage, `<image stem>/<output>.npy`. */
async function exportStage(name: string, model: LoadedModel, edit: (t: Tensor) => Tensor = (t) => t): Promise<string> {
  const folder = join(dir, name)
  for (const image of IMAGES) {
    const out: TensorMap = await model.infer(await resolveInputs(model.inputs, image))
    const stem = image
      .split('/')
      .at(-1)!
      .replace(/\.\w+$/, '')
    await mkdir(join(folder, stem), { recursive: true })
    for (const [k, t] of Object.entries(out)) await writeNpy(join(folder, stem, `${k}.npy`), edit(t))
  }
  return folder
}

let native: string, quantized: string, shifted: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stages-'))
  native = await exportStage('native', await load('onnx'))
  const emulator = await load('emulator')
  quantized = await exportStage('quantized', emulator)
  // A quantization that went wrong: the quantized stage's logits carry a planted shift on class 0.
  shifted = await exportStage(
    'shifted',
    emulator,
    (t) => ({ ...t, data: (t.data as Float32Array).map((v, i) => (i === 0 ? v + 40 : v)) }) as Tensor,
  )
})
afterAll(async () => {
  for (const d of devices) await d.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('runStages names the first step that breaks', () => {
  test('every step within the tolerance on a healthy emulated chip', async () => {
    const r = await runStages(
      await load('emulator'),
      { onnx: MODEL, native, quantized },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.stages).toEqual(['onnx', 'native', 'quantized', 'chip'])
    expect(r.steps.map((s) => [s.from, s.to, s.comparison.pass])).toEqual([
      ['onnx', 'native', true],
      ['native', 'quantized', true],
      ['quantized', 'chip', true],
    ])
    expect(r.pass).toBe(true)
    expect(r.firstBroken).toBeUndefined()
    expect(r.steps[2]!.maxAbs).toBe(0)
    expect(r.samples).toHaveLength(3)
  })

  test('quantized → chip when the chip computes on garbage (compilation, runtime or host)', async () => {
    const r = await runStages(
      await load('faulty:garbage-input,seed=3'),
      { onnx: MODEL, native, quantized },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.firstBroken).toBe(2)
    expect(r.steps[2]).toMatchObject({ from: 'quantized', to: 'chip', suspects: 'compilation' })
    expect(r.steps[2]!.maxSteps).toBeGreaterThan(2)
  })

  test('native → quantized when quantization went wrong', async () => {
    const r = await runStages(
      await load('emulator'),
      { onnx: MODEL, native, quantized: shifted },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.firstBroken).toBe(1)
    expect(r.steps[1]).toMatchObject({ from: 'native', to: 'quantized', suspects: 'quantization' })
  })

  test("keeps, for the artifacts, the sample on which the earliest failing step fails, with every stage's outputs", async () => {
    const chip = await load('faulty:garbage-input,seed=3')
    // Quantization breaks on the second image only; the garbage chip breaks the last step on every image.
    const perSample = await Promise.all(
      IMAGES.map(async (image, i) => {
        const stem = image
          .split('/')
          .at(-1)!
          .replace(/\.\w+$/, '')
        const outputs: TensorMap = {}
        for (const o of chip.outputs) {
          const t = await readNpy(join(quantized, stem, `${o.name}.npy`))
          outputs[o.name] =
            i === 1 ? ({ ...t, data: (t.data as Float32Array).map((v) => v + 40 * Math.sin(v)) } as Tensor) : t
        }
        return outputs
      }),
    )
    const r = await runStages(
      chip,
      { onnx: MODEL, native, quantized: perSample },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.firstBroken).toBe(1)
    expect(r.perSample.map((s) => s.held)).toEqual([false, false, false])
    expect(r.exemplar?.sample).toBe(1)
    expect(Object.keys(r.exemplar!.outputs)).toEqual(['onnx', 'native', 'quantized', 'chip'])
    expect(r.exemplar!.outputs.quantized).toEqual(perSample[1])
    expect(Object.keys(r.exemplar!.input)).toEqual(chip.inputs.map((i) => i.name))
    // The chip's outputs, digested per sample: garbage gives a different digest per image.
    expect(new Set(r.perSample.map((s) => s.outputDigest)).size).toBe(3)
  })

  test('a passing run keeps no tensors, and every sample held', async () => {
    const r = await runStages(
      await load('emulator'),
      { onnx: MODEL, native },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.exemplar).toBeUndefined()
    expect(r.perSample.map((s) => [s.held, /^[0-9a-f]{32}$/.test(s.outputDigest)])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ])
  })

  test('the emulator stands in for the quantized stage, labelled an approximation', async () => {
    const r = await runStages(
      await load('faulty:skip-normalization'),
      { onnx: MODEL, quantized: 'emulator' },
      { inputs: IMAGES, normalization: NORM, tolerance: TOLERANCE },
    )
    expect(r.steps.map((s) => [s.from, s.to, s.approximation])).toEqual([
      ['onnx', 'quantized', true],
      ['quantized', 'chip', true],
    ])
    expect(r.steps[0]!.comparison.pass).toBe(true)
    expect(r.firstBroken).toBe(1)
  })
})

describe('runStages refuses bad stages before any inference', () => {
  test('an empty stages object', async () => {
    await expect(runStages(await load('emulator'), {}, { tolerance: TOLERANCE })).rejects.toMatchObject({
      code: 'E_STAGES_EMPTY',
    })
  })
  test('an unknown stage name', async () => {
    await expect(
      runStages(await load('emulator'), { natve: native } as never, { tolerance: TOLERANCE }),
    ).rejects.toThrow(InvalidArgumentError)
  })
  test('a folder with a missing sample names the files it looked for', async () => {
    const model = await load('emulator')
    await expectError(
      runStages(
        model,
        { native },
        { inputs: [...IMAGES, 'examples/images/sunset.png'], normalization: NORM, tolerance: TOLERANCE },
      ),
      UsageError,
      { code: 'E_STAGE_MISSING_SAMPLE', message: 'sunset' },
    )
  })
  test('a stage folder that does not exist', async () => {
    await expect(
      runStages(await load('emulator'), { native: join(dir, 'nope') }, { inputs: IMAGES, tolerance: TOLERANCE }),
    ).rejects.toMatchObject({ code: 'E_STAGE_FOLDER' })
  })
  test('recorded outputs whose names do not pair with the chip', async () => {
    const t: Tensor = { data: new Float32Array(67), shape: [1, 67], dtype: 'float32' }
    await expect(
      runStages(
        await load('emulator'),
        { native: { a: t, b: t, c: t } },
        { input: IMAGES[0]!, normalization: NORM, tolerance: TOLERANCE },
      ),
    ).rejects.toMatchObject({ code: 'E_UNKNOWN_OUTPUT' })
  })
  test("quantized: 'emulator' without an onnx path", async () => {
    await expect(
      runStages(await load('emulator'), { quantized: 'emulator' }, { tolerance: TOLERANCE }),
    ).rejects.toMatchObject({ code: 'E_STAGES_EMULATOR' })
  })
  test('no tolerance', async () => {
    await expect(runStages(await load('emulator'), { onnx: MODEL }, {} as never)).rejects.toMatchObject({
      code: 'E_STAGES_TOLERANCE',
    })
  })
})

describe('runStages reads the normalization from the model script', () => {
  test('alls feeds both the ONNX stage and the emulator standing in for the quantized stage', async () => {
    const r = await runStages(
      await load('emulator'),
      { onnx: MODEL, quantized: 'emulator' },
      { inputs: IMAGES, alls: 'examples/models/imagenet_normalization.alls', tolerance: TOLERANCE },
    )
    expect(r.pass).toBe(true)
    expect(r.steps[1]!.maxAbs).toBe(0)
  })
})

// Without inputs the stages check synthesized one with syntheticInputs(model.inputs): a model with dynamic height and
// width was compared on a single pixel, and could pass.
test('a model with dynamic sizes and no inputs is refused, not compared on one pixel', async () => {
  const { identityModel } = await import('../../test/support/onnx/index.js')
  const bytes = identityModel({ dtype: 'float32', shape: [1, 3, 'height', 'width'] }).bytes
  const device = await openDevice('onnx')
  devices.push(device)
  const model = await device.load(bytes)
  await expect(runStages(model, { onnx: bytes }, { tolerance: TOLERANCE })).rejects.toThrow(
    /Input "input" is declared \[1, 3, height, width\]: a synthetic input cannot know the size of its dynamic dimensions/,
  )
})
