/**
 * `toBeDeterministicAcross(1)`: one run per input compares nothing in the process, so it passes even on a device
 * whose every run differs. It is kept for `vitest-hailo report merge` (which compares the outputs several runners
 * recorded), but never silently: one warning says so and what to write instead, and the run report keeps `runs: 1`
 * for the end-of-run block. Its `.not` could never pass and is refused.
 */
import { describe, expect, test, vi } from 'vitest'
import { constantModel } from '../test/support/onnx/index.js'
import { NothingToCompareError } from '../src/errors.js'
import { CHECKS_META_KEY, type RecordedCheck } from '../src/report/run-report/types.js'
import './index.js'
import { collectWarnings, loaderOnDevices } from './test-support/warnings.js'

const constant = constantModel({ features: 8, seed: 3 }).bytes

const load = loaderOnDevices()
const warnings = collectWarnings()

describe('toBeDeterministicAcross(1), one run per input', () => {
  test('passes on faulty:random, warning in one line that it compared nothing and only recorded outputs for report merge', async ({
    task,
  }) => {
    await expect(await load('faulty:random,inner=onnx', constant)).toBeDeterministicAcross(1, { seed: 5 })
    expect(warnings()).toEqual([
      'vitest-hailo: toBeDeterministicAcross(1) passed but compared nothing in this process (1 run per input): it only ' +
        'recorded the outputs, for `vitest-hailo report merge` to compare across runners. To check determinism here, ' +
        'give n ≥ 2, e.g. toBeDeterministicAcross(10).',
    ])
    const [check] = ((task.meta as Record<string, unknown>)[CHECKS_META_KEY] ?? []) as RecordedCheck[]
    expect(check).toMatchObject({ verdict: 'pass', held: true, determinism: { runs: 1 } })
  })

  test('warns once for several inputs too', async () => {
    const inputs = [new Float32Array(8).fill(0.5), new Float32Array(8).fill(0.25)]
    await expect(await load('faulty:random,inner=onnx', constant)).toBeDeterministicAcross(1, { inputs })
    expect(warnings()).toHaveLength(1)
    expect(warnings()[0]).toContain('compared nothing in this process (1 run per input)')
  })

  test('.not is refused with NothingToCompareError before anything runs: it could never pass', async () => {
    const model = await load('onnx', constant)
    const infer = vi.spyOn(model, 'infer')
    const refused = expect(model).not.toBeDeterministicAcross(1)
    await expect(refused).rejects.toThrow(NothingToCompareError)
    await expect(refused).rejects.toThrow(
      'expect(model).not.toBeDeterministicAcross(1) can never pass: with 1 run per input there is nothing for an output to differ from',
    )
    await expect(refused).rejects.toThrow('give n ≥ 2, e.g. toBeDeterministicAcross(10)')
    expect(infer).not.toHaveBeenCalled()
    expect(warnings()).toEqual([])
  })

  test('two runs or more compare in the process and warn nothing', async () => {
    await expect(await load('onnx', constant)).toBeDeterministicAcross(2, { seed: 5 })
    expect(warnings()).toEqual([])
  })
})
