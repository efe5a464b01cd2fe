import { describe, expect, test } from 'vitest'
import { AbortedError, CheckAbortedError, InvalidArgumentError, OutputMismatchError } from '../errors.js'
import type { DeterminismProgress } from './types.js'
import { runDeterminism } from './run.js'
import {
  INPUT,
  alternatingModel,
  deterministicModel,
  driftModel,
  firstRunModel,
  modelFrom,
  randomModel,
  reusedBufferModel,
  sporadicModel,
  staleModel,
  logitsOf,
} from './test-support/models.js'
import { expectError } from '../../test/support/expect-error.js'

describe('runDeterminism on a healthy model', () => {
  test('finds one output over every run, with time per run', async () => {
    const model = deterministicModel()
    const r = await runDeterminism(model, { runs: 12, input: INPUT, seed: 5 })
    expect(r).toMatchObject({
      deterministic: true,
      runs: 12,
      distinctOutputs: 1,
      pattern: 'deterministic',
      mode: 'bytes',
      seed: 5,
    })
    expect(r.groups).toHaveLength(1)
    expect(r.groups[0]!.runs).toEqual({ ranges: [[1, 12]], count: 12, truncated: false })
    expect(r.groups[0]!.predictions.logits).toMatchObject({ top1: 1, confidenceFrom: 'softmax' })
    expect(r.firstDivergentRun).toBeUndefined()
    expect(r.largestDifference).toBeUndefined()
    expect(r.flakiness).toMatchObject({ differing: 0, runs: 12 })
    expect(r.timing.runs).toBe(12)
    expect(model.calls).toBe(12)
  })
  test('counts warm-up runs apart and does not compare them', async () => {
    const model = firstRunModel()
    const r = await runDeterminism(model, { runs: 5, input: INPUT, warmup: 1 })
    expect(r).toMatchObject({ deterministic: true, warmup: 1 })
    expect(model.calls).toBe(6)
  })
  test('is not fooled by a backend that reuses one output buffer', async () => {
    const r = await runDeterminism(reusedBufferModel(), { runs: 6, input: INPUT })
    expect(r.deterministic).toBe(true)
  })
  test('accepts an input by input name', async () => {
    const r = await runDeterminism(deterministicModel(), { runs: 2, input: { x: INPUT } })
    expect(r.deterministic).toBe(true)
    expect(Array.from(r.input.x!.data as Float32Array)).toEqual(Array.from(INPUT.data as Float32Array))
  })
})

describe('runDeterminism names how a model misbehaves', () => {
  test('first-run-only: run 1 differs, every later run agrees', async () => {
    const r = await runDeterminism(firstRunModel(), { runs: 10, input: INPUT })
    expect(r).toMatchObject({
      deterministic: false,
      pattern: 'first-run-only',
      distinctOutputs: 2,
      firstDivergentRun: 2,
      majorityGroup: 2,
    })
    expect(r.groups.map((g) => g.runs.ranges)).toEqual([[[1, 1]], [[2, 10]]])
    expect(r.flakiness).toMatchObject({ differing: 1, runs: 10 })
    expect(r.flakiness.lower).toBeCloseTo(1 - 0.95 ** (1 / 10), 6)
  })
  test('alternating: two outputs taking turns; the difference and where it is', async () => {
    const r = await runDeterminism(alternatingModel(), { runs: 8, input: INPUT })
    expect(r.pattern).toBe('alternating')
    expect(r.groups.map((g) => g.runs.count)).toEqual([4, 4])
    expect(r.largestDifference).toMatchObject({ output: 'logits', index: [0, 3], group: 2, referenceGroup: 1 })
    expect(r.largestDifference!.absolute).toBeCloseTo(0.25, 5)
    expect(r.groups.every((g) => g.predictions.logits!.top1 === 1)).toBe(true)
  })
  test('random: every run distinct, memory capped at the kept exemplars', async () => {
    const r = await runDeterminism(randomModel(), { runs: 40, input: INPUT, maxExemplars: 3 })
    expect(r).toMatchObject({ pattern: 'random', distinctOutputs: 40 })
    expect(r.groups).toHaveLength(3)
    expect(r.other).toMatchObject({ distinctBytes: 37, runs: { count: 37 } })
    expect(r.flakiness.differing).toBe(39)
  })
  test('drift: further from run 1 with every run', async () => {
    const r = await runDeterminism(driftModel(), { runs: 10, input: INPUT })
    expect(r.pattern).toBe('drift')
    expect(r.firstDivergentRun).toBe(2)
  })
  test('sporadic: rare runs differ, with their top-1 class', async () => {
    const r = await runDeterminism(sporadicModel(new Set([7, 15])), { runs: 20, input: INPUT })
    expect(r).toMatchObject({ pattern: 'sporadic', distinctOutputs: 2, firstDivergentRun: 7 })
    expect(r.groups.map((g) => g.runs.ranges)).toEqual([
      [
        [1, 6],
        [8, 14],
        [16, 20],
      ],
      [
        [7, 7],
        [15, 15],
      ],
    ])
    expect(r.groups.map((g) => g.predictions.logits!.top1)).toEqual([1, 4])
    expect(r.flakiness.differing).toBe(2)
  })
  test('depends-on-previous-input: a stale buffer shows with interleaved inputs', async () => {
    const other: typeof INPUT = { data: new Float32Array([1, 1, 1, 1]), shape: [1, 4], dtype: 'float32' }
    const another: typeof INPUT = { data: new Float32Array([0, 0, 0, 1]), shape: [1, 4], dtype: 'float32' }
    const r = await runDeterminism(staleModel(), { runs: 6, input: INPUT, interleave: [other, another] })
    expect(r).toMatchObject({ pattern: 'depends-on-previous-input', interleaved: 2, deterministic: false })
    expect(Array.from(r.groups[0]!.outputs.logits!.data as Float32Array)).toEqual(Array.from(logitsOf(other)))
  })
  test('without interleaving the same stale buffer looks like first-run-only', async () => {
    const r = await runDeterminism(staleModel(), { runs: 6, input: INPUT })
    expect(r.pattern).toBe('first-run-only')
  })
})

describe('runDeterminism within a tolerance', () => {
  test('a small drift inside the tolerance counts as deterministic', async () => {
    const r = await runDeterminism(driftModel(0.01), { runs: 10, input: INPUT, tolerance: { atol: 0.5 } })
    expect(r).toMatchObject({ deterministic: true, mode: 'tolerance', tolerance: { atol: 0.5 }, distinctOutputs: 1 })
  })
  test('beyond it, runs group around the outputs they are close to', async () => {
    const r = await runDeterminism(driftModel(0.01), { runs: 10, input: INPUT, tolerance: { atol: 0.025 } })
    expect(r.deterministic).toBe(false)
    expect(r.groups[0]!.runs).toMatchObject({ ranges: [[1, 3]] })
    expect(r.pattern).toBe('drift')
  })
  test('a misspelt tolerance is refused before any run', async () => {
    const model = deterministicModel()
    await expect(runDeterminism(model, { runs: 3, input: INPUT, tolerance: { atoll: 1 } as never })).rejects.toThrow(
      /atoll/,
    )
    expect(model.calls).toBe(0)
  })
})

describe('runDeterminism stops and refuses', () => {
  test('an already aborted signal stops before any inference', async () => {
    const model = deterministicModel()
    const controller = new AbortController()
    controller.abort()
    await expect(runDeterminism(model, { runs: 5, input: INPUT, signal: controller.signal })).rejects.toThrow(
      AbortedError,
    )
    expect(model.calls).toBe(0)
  })
  test('an abort during the runs stops at once', async () => {
    const controller = new AbortController()
    const model = modelFrom((x, call) => {
      if (call === 3) controller.abort(new Error('test timed out in 30000ms'))
      return logitsOf(x)
    })
    await expect(runDeterminism(model, { runs: 100, input: INPUT, signal: controller.signal })).rejects.toThrow(
      /aborted: test timed out/,
    )
    expect(model.calls).toBe(3)
  })
  test('a check stopped part-way says how many runs completed and what they showed, as data', async () => {
    const controller = new AbortController()
    const model = modelFrom((x, call) => {
      if (call === 5) controller.abort(new Error('Test timed out in 5000ms.'))
      const out = logitsOf(x)
      if (call % 2 === 0) out[0]! += 1
      return out
    })
    const error = await runDeterminism(model, { runs: 100, input: INPUT, signal: controller.signal }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CheckAbortedError)
    expect(error).toBeInstanceOf(AbortedError)
    const { progress, message } = error as CheckAbortedError<DeterminismProgress>
    expect(message).toMatch(/aborted: Test timed out in 5000ms\..* It had completed 5 of 100 runs in \d+ ms\.$/s)
    expect(progress).toMatchObject({ runs: 100, completedRuns: 5, samplesDone: 0, samples: 1 })
    expect(progress.elapsedMs).toBeGreaterThan(0)
    expect(progress.partial).toMatchObject({
      runs: 5,
      deterministic: false,
      distinctOutputs: 2,
      pattern: 'alternating',
      firstDivergentRun: 2,
    })
    expect(progress.partial!.timing.runs).toBe(5)
    expect(progress.partial!.groups.map((g) => g.runs.ranges)).toEqual([
      [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
      [
        [2, 2],
        [4, 4],
      ],
    ])
  })
  test("a check of several samples stopped in the second keeps the first one's verdict", async () => {
    const controller = new AbortController()
    const model = modelFrom((x, call) => {
      if (call === 6) controller.abort()
      return logitsOf(x)
    })
    const error = (await runDeterminism(model, { runs: 4, inputs: [INPUT, INPUT], signal: controller.signal }).catch(
      (e: unknown) => e,
    )) as CheckAbortedError<DeterminismProgress>
    expect(error.progress).toMatchObject({ runs: 4, completedRuns: 2, samplesDone: 1, samples: 2 })
    expect(error.message).toMatch(/completed 2 of 4 runs of sample 2 of 2/)
    expect(error.progress.partial!.samples.map((s) => [s.deterministic, s.groups[0]!.runs.count])).toEqual([
      [true, 4],
      [true, 2],
    ])
  })
  test('stopped before one counted run completed: progress without a partial result', async () => {
    const controller = new AbortController()
    const model = modelFrom((x, call) => {
      if (call === 2) controller.abort()
      return logitsOf(x)
    })
    const error = (await runDeterminism(model, { runs: 3, warmup: 2, input: INPUT, signal: controller.signal }).catch(
      (e: unknown) => e,
    )) as CheckAbortedError<DeterminismProgress>
    expect(error).toBeInstanceOf(CheckAbortedError)
    expect(error.progress).toMatchObject({ completedRuns: 0 })
    expect(error.progress.partial).toBeUndefined()
  })
  test.each([0, -1, 1.5, Number.NaN, '3'])('refuses runs = %j', async (runs) => {
    await expect(runDeterminism(deterministicModel(), { runs: runs as number, input: INPUT })).rejects.toThrow(
      /Expected an integer ≥ 1 for runs/,
    )
  })
  test('refuses a negative warm-up, an unknown option, and input with inputs', async () => {
    const m = deterministicModel()
    await expect(runDeterminism(m, { runs: 2, input: INPUT, warmup: -1 })).rejects.toThrow(/warmup/)
    await expect(runDeterminism(m, { runs: 2, input: INPUT, wramup: 1 } as never)).rejects.toThrow(
      /Unknown key "wramup"/,
    )
    await expect(runDeterminism(m, { runs: 2, input: INPUT, inputs: [INPUT] })).rejects.toThrow(InvalidArgumentError)
    await expect(runDeterminism(m, { runs: 2, input: INPUT, interleave: [] })).rejects.toThrow(/interleave/)
  })
  test('refuses what is not a model, and says to await a pending load', async () => {
    await expect(runDeterminism({} as never, { runs: 2 })).rejects.toThrow(/lacks inputs .*outputs .*infer/)
    await expect(runDeterminism(Promise.resolve() as never, { runs: 2 })).rejects.toThrow(
      /received a Promise; await device.load/,
    )
  })
  // The model's fault, not the test's: the same error family a loaded model's own output check throws.
  test('refuses a model whose outputs do not match what it declares, as a device fault', async () => {
    const m = { ...deterministicModel(), infer: async () => ({ wrong: INPUT }) }
    await expectError(runDeterminism(m, { runs: 2, input: INPUT }), OutputMismatchError, {
      code: 'E_OUTPUT_MISMATCH',
      message: /declares \[logits\]; missing: logits/,
    })
  })
  test('refuses outputs that are not tensors, naming the run, as a device fault', async () => {
    const m = modelFrom((x, call) => (call === 3 ? (null as unknown as Float32Array) : logitsOf(x)))
    await expectError(runDeterminism(m, { runs: 5, input: INPUT }), OutputMismatchError, {
      code: 'E_OUTPUT_MISMATCH',
      message: /Output "logits" of the model in run 3 is not a tensor \{ data, shape, dtype \}/,
    })
    const base = deterministicModel()
    const notARecord = {
      ...base,
      infer: async (feeds: Parameters<typeof base.infer>[0]) =>
        base.calls === 1 ? (undefined as never) : base.infer(feeds),
    }
    await expectError(runDeterminism(notARecord, { runs: 3, input: INPUT }), OutputMismatchError, {
      message: /returned undefined in run 2 instead of a record of output tensors/,
    })
  })
  test('a run that drops an output counts as a different output', async () => {
    const m = deterministicModel()
    const dropping = {
      ...m,
      infer: async (feeds: Parameters<typeof m.infer>[0]) => {
        const o = await m.infer(feeds)
        return m.calls === 2 ? {} : o
      },
    }
    const r = await runDeterminism(dropping, { runs: 4, input: INPUT })
    expect(r).toMatchObject({ distinctOutputs: 2, firstDivergentRun: 2 })
  })
  test("passes the input's own errors through (wrong size)", async () => {
    await expect(runDeterminism(deterministicModel(), { runs: 2, input: new Float32Array(3) })).rejects.toThrow()
  })
})
