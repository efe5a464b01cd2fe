import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import './index.js'
import { openDevice } from '../src/device/open.js'
import type { Device, LoadedModel } from '../src/device/types.js'
import { readNpy, writeNpy } from '../src/inputs/npy.js'
import { resolveInputs } from '../src/inputs/resolve.js'
import { CHECKS_META_KEY, type RecordedCheck } from '../src/report/run-report/types.js'
import { failureOf, filesUnder, useArtifactsRoot } from './test-support/failures.js'

const MODEL = 'examples/models/convnext-tiny.onnx'
const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] }
const IMAGES = ['sun.png', 'rings.jpg'].map((f) => `examples/images/${f}`)
const devices: Device[] = []
const artifactsRoot = useArtifactsRoot('vh-stages-')
const recorded = (meta: object): RecordedCheck[] =>
  ((meta as Record<string, unknown>)[CHECKS_META_KEY] ?? []) as RecordedCheck[]
let dir: string, native: string

async function load(spec: string): Promise<LoadedModel> {
  const d = await openDevice(spec)
  devices.push(d)
  return d.load(MODEL, { normalization: NORM })
}
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stages-matcher-'))
  native = join(dir, 'native')
  const onnx = await load('onnx')
  for (const image of IMAGES) {
    const out = await onnx.infer(await resolveInputs(onnx.inputs, image))
    const stem = image
      .split('/')
      .at(-1)!
      .replace(/\.\w+$/, '')
    await mkdir(join(native, stem), { recursive: true })
    for (const [k, t] of Object.entries(out)) await writeNpy(join(native, stem, `${k}.npy`), t)
  }
})
afterAll(async () => {
  for (const d of devices) await d.dispose()
  await rm(dir, { recursive: true, force: true })
})

describe('toMatchStagesWithin', () => {
  test('passes when every step is within the tolerance, writes no artifacts, records a passing stages check', async ({
    task,
  }) => {
    const model = await load('emulator')
    await expect(model).toMatchStagesWithin(
      { onnx: MODEL, native, quantized: 'emulator' },
      { inputs: IMAGES, normalization: NORM, tolerance: { top1: true, cosine: 0.99 } },
    )
    // (tests run shuffled: other tests' failures may have written their own folders)
    expect((await filesUnder(artifactsRoot())).filter((f) => f.includes('passes_when_every_step'))).toEqual([])
    const [check] = recorded(task.meta)
    expect(check).toMatchObject({ kind: 'stages', matcher: 'toMatchStagesWithin', verdict: 'pass', held: true })
    expect(check!.model.fingerprint).toBe(model.fingerprint())
    expect(check!.device).toMatchObject({ kind: 'emulator' })
    expect(check!.stages).toMatchObject({
      stages: ['onnx', 'native', 'quantized', 'chip'],
      tolerance: { cosine: 0.99 },
    })
    expect(check!.stages!.firstBroken).toBeUndefined()
    expect(check!.stages!.steps.map((s) => `${s.from}→${s.to}:${s.pass}`)).toEqual([
      'onnx→native:true',
      'native→quantized:true',
      'quantized→chip:true',
    ])
    expect(check!.inputs.map((i) => [i.label, i.held, i.outputs.length])).toEqual([
      ['examples/images/sun.png', true, 1],
      ['examples/images/rings.jpg', true, 1],
    ])
    expect(JSON.parse(JSON.stringify(check))).toEqual(check)
  })

  test('fails with a table of the steps that names the first one to break', async () => {
    const chip = await load('faulty:garbage-input,seed=5')
    const message = await failureOf(
      expect(chip).toMatchStagesWithin(
        { onnx: MODEL, native, quantized: 'emulator' },
        { inputs: IMAGES, normalization: NORM, tolerance: { top1: true, cosine: 0.99 } },
      ),
    )
    expect(message).toContain('Expected: "every step within cosine ≥ 0.99, top-1 agrees in every row"')
    expect(message).toContain('Received: "quantized → chip * breaks first (compilation, runtime or host format path)"')
    expect(message).toMatch(
      /step\s+what can break here\s+max \|Δ\|\s+max steps\s+cosine \(min\)\s+top-1 rows\s+verdict/,
    )
    expect(message).toMatch(/onnx → native\s+parsing \/ translation\s+.*ok/)
    expect(message).toMatch(/quantized → chip \*\s+compilation, runtime or host format path\s+.*FAILED/)
    expect(message).toContain('First broken step, quantized → chip *:')
    expect(message).toContain("* the quantized stage is this package's emulator")
    expect(message).toContain('Samples: 2 samples (examples/images/sun.png, examples/images/rings.jpg)')
    expect(message).toMatch(/Seed: \d+/)
    expect(message).toContain('faulty:garbage-input')
  })

  test("a failure saves the inputs, every stage's outputs and summary.json, names the folder last, and records the table", async ({
    task,
  }) => {
    const chip = await load('faulty:garbage-input,seed=5')
    const message = await failureOf(
      expect(chip).toMatchStagesWithin(
        { onnx: MODEL, native, quantized: 'emulator' },
        { inputs: IMAGES, normalization: NORM, tolerance: { top1: true, cosine: 0.99 } },
      ),
    )
    const [check] = recorded(task.meta)
    expect(check).toMatchObject({ kind: 'stages', verdict: 'fail', held: false })
    const folder = check!.artifacts!
    expect(folder.startsWith(artifactsRoot())).toBe(true)
    // The footer ends the message: the seed, then the artifacts folder.
    expect(message.trimEnd().split('\n').slice(-2)).toEqual([
      expect.stringMatching(/^Seed: \d+ /),
      `Artifacts: ${folder} (the inputs and each stage's outputs of examples/images/sun.png as .npy, summary.json)`,
    ])
    const outputs = chip.outputs.map((o) => o.name)
    expect((await filesUnder(folder)).sort()).toEqual(
      [
        ...chip.inputs.map((i) => `input.${i.name}.npy`),
        ...['onnx', 'native', 'quantized', 'chip'].flatMap((stage) => outputs.map((o) => `${stage}.${o}.npy`)),
        'summary.json',
      ].sort(),
    )
    expect((await readNpy(join(folder, 'native.logits.npy'))).shape).toEqual(
      (await readNpy(join(folder, 'chip.logits.npy'))).shape,
    )
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'))
    expect(summary).toMatchObject({
      matcher: 'toMatchStagesWithin',
      pass: false,
      seed: check!.seed,
      firstBroken: { from: 'quantized', to: 'chip' },
      savedSample: { index: 0, label: 'examples/images/sun.png' },
    })
    expect(summary.environment.device.spec).toMatch(/^faulty:garbage-input,seed=5,/)
    // The report's table: each step's error in float and in steps, and the first broken step.
    const steps = check!.stages!.steps
    expect(check!.stages!.firstBroken).toBe(2)
    expect(steps[2]).toMatchObject({ from: 'quantized', to: 'chip', pass: false, approximation: true })
    expect(steps[2]!.maxAbs).toBeGreaterThan(0)
    expect(steps[2]!.failed.map((f) => f.criterion)).toEqual(expect.arrayContaining(['top1']))
    expect(steps[0]).toMatchObject({ from: 'onnx', to: 'native', pass: true, failed: [] })
    expect(check!.inputs.every((i) => !i.held)).toBe(true)
  })

  test('refuses .not, which would name no step', async () => {
    await expect(
      expect(await load('emulator')).not.toMatchStagesWithin(
        { onnx: MODEL },
        { input: IMAGES[0]!, normalization: NORM, tolerance: { cosine: 0.99 } },
      ),
    ).rejects.toThrow('.not.toMatchStagesWithin is refused')
  })
})
