import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { DEFAULT_CONFIG, getConfig, setConfig } from '../src/config.js'
import type { DeviceInfo, InferableModel } from '../src/device/types.js'
import { InvalidArgumentError } from '../src/errors.js'
import {
  INPUT, deterministicModel, driftModel, firstRunModel, logitsOf, modelFrom, randomModel, sporadicModel,
} from '../src/determinism/testdata/models.js'
import { testContextOf } from './context.js'
import './index.js'

let root: string
const previousArtifactsDir = getConfig().artifactsDir
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vh-matcher-'))
  setConfig({ artifactsDir: root })
})
afterAll(async () => {
  setConfig({ artifactsDir: previousArtifactsDir ?? DEFAULT_CONFIG.artifactsDir })
  await rm(root, { recursive: true, force: true })
})
beforeEach(async () => {
  await rm(root, { recursive: true, force: true })
})

// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '')

async function failureOf(run: Promise<void>): Promise<string> {
  const error = await run.then(() => undefined, (e: unknown) => e)
  if (!(error instanceof Error)) throw new Error('expected the matcher to fail')
  return plain(error.message)
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).map(String)
  } catch {
    return []
  }
}

describe('toBeDeterministicAcross', () => {
  test('passes for a deterministic model and writes no artifacts', async () => {
    await expect(deterministicModel()).toBeDeterministicAcross(10, { input: INPUT })
    expect(await filesUnder(root)).toEqual([])
  })

  test('fails for a first-run-only model with the groups, the pattern, the bound, the seed and the artifacts', async () => {
    const message = await failureOf(expect(firstRunModel()).toBeDeterministicAcross(10, { input: INPUT, seed: 7 }))
    expect(message).toContain('expect(model).toBeDeterministicAcross(10)')
    expect(message).toContain('Expected: "10 runs with identical output bytes"')
    expect(message).toContain('Received: "2 distinct outputs in 10 runs (run 2 is the first to differ from run 1)"')
    expect(message).toMatch(/#1 +run 1: +class 0 at 20\.0 %/)
    expect(message).toMatch(/#2 +runs 2-10: +class 1 at \d+\.\d % +\(majority\)/)
    expect(message).toContain('Confidence: softmax of logits (it holds logits)')
    expect(message).toMatch(/Largest difference: [\d.]+ at logits\[0, 1\]: 0 in #1 vs [\d.]+ in #2/)
    expect(message).toContain('Pattern: first-run-only — run 1 differs and every later run agrees')
    expect(message).toContain('Flakiness: 1 of 10 runs differs from the majority output: with 95 % confidence ≥ 1 run in 195 differs (p ≥ 0.51 %)')
    expect(message).toMatch(/Time per run: median .+, p95 .+/)
    expect(message).toContain('Seed: 7 (replay with VITEST_HAILO_SEED=7)')
    const folder = /Artifacts: (.+) \(input \+ 2 distinct outputs as \.npy, summary\.json\)/.exec(message)?.[1]
    expect(folder).toBeDefined()
    expect(folder!.startsWith(root)).toBe(true)
    expect(folder).toContain(join('matchers', 'to-be-deterministic-across.test.ts'))
    expect((await readdir(folder!)).sort()).toEqual(['input.x.npy', 'output.group1.logits.npy', 'output.group2.logits.npy', 'summary.json'])
    const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8'))
    expect(summary).toMatchObject({ matcher: 'toBeDeterministicAcross', seed: 7, pattern: 'first-run-only', distinctOutputs: 2, runs: 10 })
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
    const info: DeviceInfo = { kind: 'faulty', spec: 'faulty:sporadic,seed=3', description: 'fault injector over onnx', versions: { onnxruntime: '1.30.0' } }
    const model = Object.assign(sporadicModel(new Set([2])), { device: { info: async () => info } })
    const message = await failureOf(expect(model).toBeDeterministicAcross(6, { input: INPUT, seed: 2 }))
    expect(message).toContain('Device: fault injector over onnx [faulty:sporadic,seed=3], onnxruntime 1.30.0')
    expect(message).toContain('Pattern: sporadic')
  })

  test('says the seed drove the synthetic input when no input is given', async () => {
    const message = await failureOf(expect(firstRunModel()).toBeDeterministicAcross(3, { seed: 11 }))
    expect(message).toContain('Seed: 11 (replay with VITEST_HAILO_SEED=11, synthetic input)')
  })

  test('with a tolerance, passes a small drift and fails a larger one in those terms', async () => {
    await expect(driftModel(0.01)).toBeDeterministicAcross(10, { input: INPUT, tolerance: { atol: 0.5 } })
    const message = await failureOf(expect(driftModel(0.01)).toBeDeterministicAcross(10, { input: INPUT, tolerance: { atol: 0.025 }, seed: 3 }))
    expect(message).toContain('Expected: "10 runs with outputs within the tolerance"')
    expect(message).toContain('distinct outputs (farther apart than the tolerance) in 10 runs')
    expect(message).toContain('Pattern: drift')
  })

  describe('.not', () => {
    test('passes when the outputs differ, and writes no artifacts', async () => {
      await expect(randomModel()).not.toBeDeterministicAcross(5, { input: INPUT })
      expect(await filesUnder(root)).toEqual([])
    })
    test('fails honestly when every run agreed', async () => {
      const message = await failureOf(expect(deterministicModel()).not.toBeDeterministicAcross(50, { input: INPUT, seed: 4 }))
      expect(message).toContain('expect(model).not.toBeDeterministicAcross(50)')
      expect(message).toContain('expected model not to be deterministic across 50 runs, but all 50 runs gave identical bytes')
      expect(message).toContain('Flakiness: all 50 runs agree: with 95 % confidence fewer than 1 run in 17 would differ (p < 5.8 %)')
      expect(message).not.toContain('Artifacts:')
      expect(await filesUnder(root)).toEqual([])
    })
  })

  test('without a count runs the configured default number of times', async () => {
    const model = deterministicModel()
    await expect(model).toBeDeterministicAcross(undefined, { input: INPUT })
    expect(model.calls).toBe(getConfig().runs)
  })

  describe('refuses bad arguments with named errors', () => {
    test.each([0, -3, 2.5, '10', null])('runs = %j', async (runs) => {
      const error = await expect(deterministicModel()).toBeDeterministicAcross(runs as number).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidArgumentError)
      expect((error as Error).message).toMatch(/^Expected an integer ≥ 1 for runs \(the first argument of toBeDeterministicAcross\) but received/)
    })
    test('something that is not a model', async () => {
      const error = await expect({ infer: 1 }).toBeDeterministicAcross(3).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidArgumentError)
      expect((error as Error).message).toContain('Expected a model for expect(model)')
      expect((error as Error).message).toContain('lacks inputs (an array of TensorInfo), outputs (an array of TensorInfo), infer() (a function)')
    })
    test('an unknown option', async () => {
      await expect(expect(deterministicModel()).toBeDeterministicAcross(3, { runs: 3 } as never)).rejects.toThrow(/Unknown key "runs" in toBeDeterministicAcross options/)
    })
  })
})

describe('testContextOf', () => {
  test('hands the running test\'s abort signal, file and name to the matcher', ({ signal, task }) => {
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

describe('a timed-out test stops inferring', () => {
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
    async infer(inputs) { return { y: inputs.x! } },
  }
  await expect(mine).toBeDeterministicAcross(3, { input: INPUT })
})
