import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { getConfig } from '../src/config.js'
import type { DeviceInfo, InferableModel } from '../src/device/types.js'
import { openDevice } from '../src/device/open.js'
import { InvalidArgumentError } from '../src/errors.js'
import {
  INPUT,
  deterministicModel,
  driftModel,
  firstRunModel,
  logitsOf,
  misbehavesOnlyFor,
  modelFrom,
  randomModel,
  sporadicModel,
  staleModel,
} from '../src/determinism/test-support/models.js'
import { testContextOf } from './context.js'
import './index.js'
import { failureOf, filesUnder, useArtifactsRoot } from './test-support/failures.js'

const models = new URL('../examples/models/', import.meta.url).pathname
const images = new URL('../examples/images/', import.meta.url).pathname

const artifactsRoot = useArtifactsRoot('vh-matcher-')
beforeEach(async () => {
  await rm(artifactsRoot(), { recursive: true, force: true })
})

describe('toBeDeterministicAcross', () => {
  test('passes for a deterministic model and writes no artifacts', async () => {
    await expect(deterministicModel()).toBeDeterministicAcross(10, { input: INPUT })
    expect(await filesUnder(artifactsRoot())).toEqual([])
  })

  test('fails for a first-run-only model with the groups, the pattern, the bound, the seed and the artifacts', async () => {
    const message = await failureOf(expect(firstRunModel()).toBeDeterministicAcross(10, { input: INPUT, seed: 7 }))
    expect(message).toContain('expect(model).toBeDeterministicAcross(10)')
    expect(message).toContain('Expected: "10 runs with identical output bytes"')
    expect(message).toContain('Received: "2 distinct outputs in 10 runs (run 2 is the first to differ from run 1)"')
    expect(message).toMatch(/#1 +run 1: +class 0 at 20\.0 %/)
    expect(message).toMatch(/#2 +runs 2-10: +class 1 at \d+\.\d % +\(majority\)/)
    expect(message).toMatch(/Confidence: softmax of logits \(not a probability vector: sums between 0 and [\d.]+\)/)
    expect(message).toMatch(/Greatest absolute difference: [\d.]+ at logits\[0, 1\] \(#1 0, #2 [\d.]+\)/)
    expect(message).toContain('Pattern: first-run-only — run 1 differs and every later run agrees')
    expect(message).toContain(
      'Flakiness: 1 of 10 runs differs from the majority output: with 95 % confidence ≥ 1 run in 195 differs (p ≥ 0.51 %)',
    )
    expect(message).toMatch(/Time per run: median .+, p95 .+/)
    expect(message).toContain('Input: tensor')
    expect(message).toContain('Seed: 7 (drove nothing: every input was given)')
    expect(message).not.toContain('replay with')
    const folder = /Artifacts: (.+) \(input \+ 2 distinct outputs as \.npy, summary\.json\)/.exec(message)?.[1]
    expect(folder).toBeDefined()
    expect(folder!.startsWith(artifactsRoot())).toBe(true)
    expect(folder).toContain(join('matchers', 'to-be-deterministic-across.test.ts'))
    expect((await readdir(folder!)).sort()).toEqual([
      'input.x.npy',
      'output.group1.logits.npy',
      'output.group2.logits.npy',
      'summary.json',
    ])
    const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8'))
    expect(summary).toMatchObject({
      matcher: 'toBeDeterministicAcross',
      seed: 7,
      pattern: 'first-run-only',
      distinctOutputs: 2,
      runs: 10,
    })
    expect(summary.environment.node).toBe(process.version)
  })

  test('reads like the motivating report for a noisy chip: one class per run', async () => {
    const message = await failureOf(expect(randomModel(3)).toBeDeterministicAcross(5, { input: INPUT, seed: 1 }))
    expect(message).toContain('Distinct outputs (5):')
    expect(message).toMatch(/#1 +run 1: +class \d at \d+\.\d %/)
    expect(message).toMatch(/… +run 5: +1 more distinct output, not kept/)
    expect(message).toContain('Pattern: random')
    expect(message).toContain('Flakiness: 4 of 5 runs differ')
  })

  test('names the device when it is a chip or a fault injector', async () => {
    const info: DeviceInfo = {
      kind: 'faulty',
      spec: 'faulty:sporadic,seed=3',
      description: 'fault injector over onnx',
      versions: { onnxruntime: '1.30.0' },
    }
    const model = Object.assign(sporadicModel(new Set([2])), { device: { info: async () => info } })
    const message = await failureOf(expect(model).toBeDeterministicAcross(6, { input: INPUT, seed: 2 }))
    expect(message).toContain('Device: fault injector over onnx [faulty:sporadic,seed=3], onnxruntime 1.30.0')
    expect(message).toContain('Pattern: sporadic')
  })

  describe('the footer says exactly what the seed drove, so the failure replays from its message', () => {
    test('the synthetic input when no input is given', async () => {
      const message = await failureOf(expect(firstRunModel()).toBeDeterministicAcross(3, { seed: 11 }))
      expect(message).toContain('Input: synthetic (seed 11)')
      expect(message).toContain('Seed: 11 (drove the synthetic input; replay with VITEST_HAILO_SEED=11)')
    })
    test('the interleaved synthetic inputs when the input was given', async () => {
      const message = await failureOf(
        expect(staleModel()).toBeDeterministicAcross(4, { input: INPUT, interleave: 2, seed: 12 }),
      )
      expect(message).toContain('Seed: 12 (drove the 2 interleaved synthetic inputs; replay with VITEST_HAILO_SEED=12)')
    })
    test('both, when neither was given', async () => {
      const message = await failureOf(expect(randomModel(2)).toBeDeterministicAcross(4, { interleave: 1, seed: 13 }))
      expect(message).toContain(
        'Seed: 13 (drove the synthetic input and the interleaved synthetic input; replay with VITEST_HAILO_SEED=13)',
      )
    })
    test('nothing when the user gave the input and the interleaved inputs', async () => {
      const other = { data: new Float32Array([1, 1, 1, 1]), shape: [1, 4], dtype: 'float32' as const }
      const message = await failureOf(
        expect(staleModel()).toBeDeterministicAcross(4, { input: INPUT, interleave: [INPUT, other], seed: 14 }),
      )
      expect(message).toContain('Pattern: depends-on-previous-input')
      expect(message).toContain('Seed: 14 (drove nothing: every input was given)')
      expect(message).not.toContain('interleaved inputs)')
    })
  })

  test('with a tolerance, passes a small drift and fails a larger one in those terms', async () => {
    await expect(driftModel(0.01)).toBeDeterministicAcross(10, { input: INPUT, tolerance: { atol: 0.5 } })
    const message = await failureOf(
      expect(driftModel(0.01)).toBeDeterministicAcross(10, { input: INPUT, tolerance: { atol: 0.025 }, seed: 3 }),
    )
    expect(message).toContain('Expected: "10 runs with outputs within the tolerance"')
    expect(message).toContain('distinct outputs (farther apart than the tolerance) in 10 runs')
    expect(message).toContain('Pattern: drift')
  })

  describe('over several samples (inputs)', () => {
    const A = { data: new Float32Array([0.5, 0.1, 0.9, 0.2]), shape: [1, 4], dtype: 'float32' as const }
    const B = { data: new Float32Array([0.7, 0.3, 0.0, 0.6]), shape: [1, 4], dtype: 'float32' as const }

    test('a list with one sample that only that input makes non-deterministic: the table names it', async () => {
      const message = await failureOf(
        expect(misbehavesOnlyFor(B)).toBeDeterministicAcross(5, { inputs: [INPUT, A, B], seed: 8 }),
      )
      expect(message).toContain('Expected: "5 runs with identical output bytes over 3 samples"')
      expect(message).toContain('Received: "1 of 3 samples gave distinct outputs in 5 runs: sample 3 (tensor)"')
      expect(message).toContain('Samples (1 of 3 not deterministic):')
      expect(message).toMatch(/ +# +sample +distinct +pattern +top-1 of logits per distinct output\n/)
      expect(message).toMatch(
        /FAIL +3 +sample 3 \(tensor\) +5 +[a-z-]+ +#1 class \d \([\d.]+ %\), #2 class \d .*\+1 not kept\n/,
      )
      expect(message).toMatch(/ok +1 +sample 1 \(tensor\) +1 +deterministic +#1 class 1 \([\d.]+ %\)\n/)
      expect(message).toContain('Details of sample 3 (tensor), the only one not deterministic:\nDistinct outputs (5):')
      expect(message).toContain('Input: 3 samples')
      expect(message).toContain('Seed: 8 (drove nothing: every input was given)')
      const folder =
        /Artifacts: (.+) \(input \+ 4 distinct outputs of sample 3 \(tensor\) as \.npy, summary\.json\)/.exec(
          message,
        )?.[1]
      expect(folder).toBeDefined()
      const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8'))
      expect(summary.sample).toBe(2)
      expect(summary.samples.map((x: { deterministic: boolean }) => x.deterministic)).toEqual([true, true, false])
    })

    test('a folder of real images on a device whose first inference is garbage: only the first image fails', async () => {
      await using device = await openDevice('faulty:first-run,inner=onnx')
      await using model = await device.load(`${models}convnext-tiny-decomposed-ln.onnx`)
      const message = await failureOf(expect(model).toBeDeterministicAcross(3, { inputs: images, seed: 9 }))
      expect(message).toContain(
        'Received: "1 of 8 samples gave distinct outputs in 3 runs: examples/images/checkerboard-gray.png"',
      )
      expect(message).toMatch(/FAIL +1 +examples\/images\/checkerboard-gray\.png +2 +first-run-only +#1 class \d+ /)
      expect(message.match(/\n +ok +\d +examples\/images\//g)).toHaveLength(7)
      expect(message).toContain(
        'Details of sample 1 (examples/images/checkerboard-gray.png), the only one not deterministic:',
      )
      expect(message).toContain('Input: 8 samples')
      expect(message).toMatch(/Device: faulty \(first-run/)
    })

    test('.not over samples that are all deterministic fails honestly', async () => {
      const message = await failureOf(expect(deterministicModel()).not.toBeDeterministicAcross(3, { inputs: [A, B] }))
      expect(message).toContain('but all 2 samples gave identical bytes in 3 runs each')
      expect(message).toContain('Samples (0 of 2 not deterministic):')
      expect(message).toContain('Details of sample 1 (tensor):')
    })

    test('refuses input with inputs, and a record by input name in inputs', async () => {
      await expect(
        expect(deterministicModel()).toBeDeterministicAcross(3, { input: INPUT, inputs: [A] }),
      ).rejects.toThrow(InvalidArgumentError)
      await expect(
        expect(deterministicModel()).toBeDeterministicAcross(3, { inputs: { x: INPUT } as never }),
      ).rejects.toThrow(/which is one sample: pass it as input instead/)
    })
  })

  describe('.not', () => {
    test('passes when the outputs differ, and writes no artifacts', async () => {
      await expect(randomModel()).not.toBeDeterministicAcross(5, { input: INPUT })
      expect(await filesUnder(artifactsRoot())).toEqual([])
    })
    test('fails honestly when every run agreed', async () => {
      const message = await failureOf(
        expect(deterministicModel()).not.toBeDeterministicAcross(50, { input: INPUT, seed: 4 }),
      )
      expect(message).toContain('expect(model).not.toBeDeterministicAcross(50)')
      expect(message).toContain(
        'expected model not to be deterministic across 50 runs, but all 50 runs gave identical bytes',
      )
      expect(message).toContain(
        'Flakiness: all 50 runs agree: with 95 % confidence fewer than 1 run in 17 would differ (p < 5.8 %)',
      )
      expect(message).not.toContain('Artifacts:')
      expect(await filesUnder(artifactsRoot())).toEqual([])
    })
  })

  test('without a count runs the configured default number of times', async () => {
    const model = deterministicModel()
    await expect(model).toBeDeterministicAcross(undefined, { input: INPUT })
    expect(model.calls).toBe(getConfig().runs)
  })

  describe('refuses bad arguments with named errors', () => {
    test.each([0, -3, 2.5, '10', null])('runs = %j', async (runs) => {
      const error = await expect(deterministicModel())
        .toBeDeterministicAcross(runs as number)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidArgumentError)
      expect((error as Error).message).toMatch(
        /^Expected an integer ≥ 1 for runs \(the first argument of toBeDeterministicAcross\) but received/,
      )
    })
    test('something that is not a model', async () => {
      // @ts-expect-error the types refuse a non-model too (model-receiver.ts); this checks the runtime refusal
      const error = await expect({ infer: 1 })
        .toBeDeterministicAcross(3)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidArgumentError)
      expect((error as Error).message).toContain('Expected a model for expect(model)')
      expect((error as Error).message).toContain(
        'lacks inputs (an array of TensorInfo), outputs (an array of TensorInfo), infer() (a function)',
      )
    })
    test('an unknown option', async () => {
      await expect(expect(deterministicModel()).toBeDeterministicAcross(3, { runs: 3 } as never)).rejects.toThrow(
        /Unknown key "runs" in toBeDeterministicAcross options/,
      )
    })
  })
})

describe('testContextOf', () => {
  test("hands the running test's abort signal, file and name to the matcher", ({ signal, task }) => {
    let seen: ReturnType<typeof testContextOf> | undefined
    expect.extend({
      probeContext(this: Parameters<typeof testContextOf>[0]) {
        seen = testContextOf(this)
        return { pass: true, message: () => '' }
      },
    })
    ;(expect(1) as unknown as { probeContext(): void }).probeContext()
    expect(seen?.signal).toBe(signal)
    expect(seen?.testFile).toBe(task.file.filepath)
    expect(seen?.testName).toContain('hands the running test')
  })
  test('falls back to the documented state outside a task', () => {
    const state = { testPath: '/x/a.test.ts', currentTestName: 'suite > case' } as Parameters<typeof testContextOf>[0]
    expect(testContextOf(state)).toEqual({ testFile: '/x/a.test.ts', testName: 'suite > case' })
  })
})

// The timeout's effect is seen from the test after it: this pair keeps its order under --sequence.shuffle.
describe('a timed-out test stops inferring', { shuffle: false }, () => {
  const slow = modelFrom((x) => logitsOf(x))
  const slowInfer = slow.infer.bind(slow)
  slow.infer = async (feeds) => {
    await new Promise((r) => setTimeout(r, 2))
    return slowInfer(feeds)
  }
  // Expected to fail: it times out. What matters is the next test.
  test.fails('runs far more inferences than its timeout allows', { timeout: 100 }, async () => {
    await expect(slow).toBeDeterministicAcross(1_000_000, { input: INPUT })
  })
  test('and no inference ran after the timeout', async () => {
    const callsAtTimeout = slow.calls
    expect(callsAtTimeout).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 100))
    expect(slow.calls - callsAtTimeout).toBeLessThanOrEqual(1)
  })
})

// A user's own runtime wrapped as a model works too.
test('accepts any object with inputs, outputs and infer', async () => {
  const mine: InferableModel = {
    inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
    outputs: [{ name: 'y', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
    async infer(inputs) {
      return { y: inputs.x! }
    },
  }
  await expect(mine).toBeDeterministicAcross(3, { input: INPUT })
})
