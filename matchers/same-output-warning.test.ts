/**
 * `toSurviveFuzzing` on a model whose answer does not depend on its input: the self-comparisons hold and prove
 * nothing, so the pass stays a pass but says so — a `console.warn`, a summary that the run report records, and
 * a `.not` failure that tells why every property held.
 */
import { describe, expect, test } from 'vitest'
import { constantModel } from '../test/support/onnx/index.js'
import { CHECKS_META_KEY, type RecordedCheck } from '../src/report/run-report/types.js'
import './index.js'
import { collectWarnings, loaderOnDevices } from './test-support/warnings.js'
import { failureOf } from './test-support/failures.js'

const root = new URL('..', import.meta.url).pathname
const FIXTURE = `${root}examples/models/convnext-tiny.onnx`
const constant = constantModel({ features: 8, seed: 3 }).bytes

const load = loaderOnDevices()
const warnings = collectWarnings()

describe('toSurviveFuzzing on a model that gives the same output for every input', () => {
  test('passes, warning once that repeatable could not see an input-path fault, and what to add', async ({ task }) => {
    await expect(await load('onnx', constant)).toSurviveFuzzing({ properties: ['repeatable'], numRuns: 20, seed: 4 })
    expect(warnings()).toHaveLength(1)
    const [text] = warnings()
    expect(text).toMatch(
      /^vitest-hailo: toSurviveFuzzing: repeatable passed, but all 20 cases gave byte-identical outputs for different inputs \(\d+ of them with an input different from the first case's\): the answer did not depend on the input here/,
    )
    expect(text).toContain('give the model its `normalization`')
    expect(text).toContain('repeatable cannot see an input-path fault in such a run: add `parity` with a `reference`')
    const [check] = ((task.meta as Record<string, unknown>)[CHECKS_META_KEY] ?? []) as RecordedCheck[]
    expect(check).toMatchObject({ verdict: 'pass', held: true })
    expect(check!.summary).toBe('repeatable held over 20 cases, with the same output bytes for every input')
    expect(check!.fuzz!.sameOutputForEveryInput).toEqual(['repeatable'])
  })

  // The device computes on noise, never on the input: on such a model no self-comparison notices.
  test('warns on a device that computes on a garbage buffer (garbage-input, rate 1), naming both self-comparisons', async () => {
    const model = await load('faulty:garbage-input,rate=1,inner=onnx', constant)
    await expect(model).toSurviveFuzzing({ properties: ['repeatable', 'frame-order'], numRuns: 10, seed: 2 })
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toMatch(
      /^vitest-hailo: toSurviveFuzzing: repeatable and frame-order passed, but every case of each gave byte-identical outputs for different inputs \(repeatable: 10 cases, frame-order: 10 cases\)/,
    )
  })

  test('.not fails saying every property held with one output for every input, and warns nothing', async () => {
    const model = await load('onnx', constant)
    const message = await failureOf(
      expect(model).not.toSurviveFuzzing({ properties: ['repeatable', 'frame-order'], numRuns: 10, seed: 2 }),
    )
    expect(message).toContain(
      'expected model not to survive fuzzing, but all 2 properties held over 10 cases each; repeatable and frame-order gave the same output bytes for every input',
    )
    expect(message).toMatch(/\nWarning: repeatable and frame-order passed, but every case of each gave/)
    expect(warnings()).toEqual([])
  })
})

describe('toSurviveFuzzing on a healthy model whose answer follows its input', () => {
  test.each(['onnx', 'emulator'])('warns nothing over several seeds (%s, the ConvNeXt-like fixture)', async (spec) => {
    const model = await load(spec, FIXTURE)
    for (const seed of [1, 2, 3]) {
      await expect(model).toSurviveFuzzing({ properties: ['repeatable', 'frame-order'], numRuns: 5, seed })
    }
    expect(warnings()).toEqual([])
  })
})
