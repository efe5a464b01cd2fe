import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it, test, vi } from 'vitest'
import '../../../../matchers/index.js'
import { failureOf } from '../../../../matchers/test-support/failures.js'
import { getConfig, setConfig } from '../../../config.js'
import { runDeterminism } from '../../../determinism/run.js'
import { openDevice } from '../../open.js'
import { deterministicModel, INPUT } from '../../../determinism/test-support/models.js'
import { BoardHealthError, CheckAbortedError } from '../../../errors.js'
import { runFuzz } from '../../../fuzz/run.js'
import { boardHealthOf } from '../../../health/window.js'
import { CHECKS_META_KEY, type RecordedCheck } from '../../../report/run-report/types.js'
import type { Tensor } from '../../../tensor/types.js'
import './register.js'
import { useDoubleChip } from './test-support/double-suite.js'

// Every check on the chip records the board's health over its own window, through the double.
const { double, dir, arcface, open } = useDoubleChip()
beforeAll(() => {
  setConfig({ artifactsDir: join(dir, 'artifacts') })
})
const input: Tensor = { data: new Uint8Array(112 * 112 * 3).fill(9), shape: [1, 112, 112, 3], dtype: 'uint8' }

describe('checks on the chip record the board’s health', () => {
  it('runDeterminism: temperature, throttling and an event with the inference it arrived during', async () => {
    double.setFaults('notify=lcu_ecc_correctable@5')
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    const result = await runDeterminism(model, { runs: 10, warmup: 2, input })
    expect(result.deterministic).toBe(true)
    expect(result.health).toMatchObject({
      temperatureC: { before: 47.8, after: 47.8, max: 47.8 },
      throttling: { before: false, after: false },
      inferences: 12,
      throttledRuns: [],
    })
    expect(result.health!.events.map((e) => [e.kind, e.run, e.suspect])).toEqual([['lcu-ecc-correctable', 5, true]])
  })

  it('a fault injected over the chip (faulty:…,inner=hailo) still records the chip’s health', async () => {
    double.setFaults('notify=lcu_ecc_correctable@3')
    await using device = await openDevice('faulty:first-run,inner=hailo')
    const model = await device.load(arcface, { format: 'raw' })
    const result = await runDeterminism(model, { runs: 6, input })
    expect(result.deterministic).toBe(false)
    expect(result.health).toMatchObject({ temperatureC: { before: 47.8 }, inferences: 6 })
    expect(result.health!.events.map((e) => [e.kind, e.run])).toEqual([['lcu-ecc-correctable', 3]])
  })

  it('a failure during which an uncorrectable ECC error fired names the board first, then the model', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=random,notify=lcu_ecc_uncorrectable@3')
    const message = await failureOf(expect(model).toBeDeterministicAcross(6, { input }))
    const lead =
      'The board, not the model, is suspect: it reported LCU ECC error (uncorrectable) during inference 3 (cluster bitmap 0x0004) while this check ran.'
    expect(message).toContain(lead)
    expect(message.indexOf(lead)).toBeLessThan(message.indexOf('Distinct outputs'))
    expect(message.indexOf('Received:')).toBeLessThan(message.indexOf(lead))
    expect(message).toContain(
      'Board: 47.8 °C → 47.8 °C (max 47.8), not throttled, 1 event: LCU ECC error (uncorrectable) during inference 3 (cluster bitmap 0x0004)',
    )
    const folder = /Artifacts: (.+?) \(/.exec(message)![1]!
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'))
    expect(summary.health.events).toEqual([
      {
        kind: 'lcu-ecc-uncorrectable',
        run: 3,
        atMs: expect.any(Number),
        detail: 'cluster bitmap 0x0004',
        suspect: true,
      },
    ])
    expect(summary.health.inferences).toBe(6)
  })

  it('a failure on a healthy board says so on one line and does not blame the board', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=random,temperature=60.95')
    const message = await failureOf(expect(model).toBeDeterministicAcross(4, { input }))
    expect(message).toContain('Board: 61.2 °C → 61.2 °C (max 61.2), not throttled, no events')
    expect(message).not.toContain('is suspect')
  })

  it('the time line says when runs were throttled: speed, not values', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=random,throttle_from=1,notify=clock_changed@2')
    const message = await failureOf(expect(model).toBeDeterministicAcross(5, { input }))
    expect(message).toMatch(/Time per run: .+; the board throttled during inferences 2–5 \(speed, not values\)/)
    expect(message).toContain('throttled during inferences 2–5, 1 event: NN clock changed during inference 2')
    // A clock change is no reason to suspect the values.
    expect(message).not.toContain('is suspect')
  })

  it('runFuzz records the health of its own window', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('notify=overcurrent@2')
    const result = await runFuzz(model, { numRuns: 3, seed: 1, properties: ['repeatable'] })
    expect(result.health!.inferences).toBeGreaterThanOrEqual(2)
    expect(result.health!.events.map((e) => [e.kind, e.run])).toEqual([['overcurrent', 2]])
  })

  it('a stopped check still closes its window, and what it saw rides on the error', async () => {
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('delay_read_ms=20,notify=runtime_error@2')
    // Stop once three frames have been read, whatever the machine's speed.
    const controller = new AbortController()
    const poll = setInterval(() => {
      if (double.calls('hailo_vstream_read_raw_buffer') >= 3) controller.abort()
    }, 5)
    const error = await runDeterminism(model, { runs: 1000, input, signal: controller.signal }).catch((e: unknown) => e)
    clearInterval(poll)
    expect(error).toBeInstanceOf(CheckAbortedError)
    const health = boardHealthOf(error)
    expect(health!.inferences).toBeGreaterThan(2)
    expect(health!.events.map((e) => [e.kind, e.run])).toEqual([['runtime-error', 2]])
    // The next check opens a fresh window: nothing left over from the stopped one.
    double.setFaults('')
    expect((await runDeterminism(model, { runs: 3, input })).health).toMatchObject({ inferences: 3, events: [] })
  })

  it('a model without a board reports no health at all (no fake numbers)', async () => {
    const result = await runDeterminism(deterministicModel(), { runs: 3, input: INPUT })
    expect('health' in result).toBe(false)
  })
})

describe('the health option fails a check on an unhealthy board with BoardHealthError', () => {
  afterEach(() => {
    setConfig({ ...getConfig(), health: undefined })
    vi.restoreAllMocks()
  })

  it('a deterministic model on a board that reported a run-time error: the board, not the model', async () => {
    setConfig({ health: { onEvent: 'fail' } })
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('notify=runtime_error@2')
    const error = await expect(model)
      .toBeDeterministicAcross(5, { input })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BoardHealthError)
    const message = (error as BoardHealthError).message
    expect(message.split('\n')[0]).toBe(
      'The board, neither the test nor the model: toBeDeterministicAcross ran on a board that was unhealthy by the health option:',
    )
    expect(message).toContain('  - context-switch run-time error during inference 2')
    expect(message).toContain(
      "The check's own verdict (not to be trusted on this board): all 5 runs gave identical bytes.",
    )
    expect((error as BoardHealthError).health.inferences).toBe(5)
  })

  it('a failing check on a hot board keeps its own message after the board’s', async () => {
    setConfig({ health: { maxTemperatureC: 70 } })
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('corrupt=random,temperature=71')
    const error = await expect(model)
      .toBeDeterministicAcross(4, { input })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BoardHealthError)
    const message = (error as Error).message
    expect(message).toContain('  - the chip reached 71.3 °C, above maxTemperatureC 70')
    expect(message.indexOf('maxTemperatureC 70')).toBeLessThan(message.indexOf('Distinct outputs'))
  })

  it("onEvent: 'warn' prints the events and leaves the check's verdict alone", async () => {
    setConfig({ health: { onEvent: 'warn' } })
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('notify=cpu_ecc_error@1')
    await expect(model).toBeDeterministicAcross(3, { input })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]![0])).toContain(
      'toBeDeterministicAcross ran while the board reported: CPU ECC error during inference 1',
    )
  })

  it('a clock change (throttling) is not an unhealthy event', async () => {
    setConfig({ health: { onEvent: 'fail', maxTemperatureC: 85 } })
    await using device = await open()
    const model = await device.load(arcface, { format: 'raw' })
    double.setFaults('notify=clock_changed@1')
    await expect(model).toBeDeterministicAcross(3, { input })
  })

  it('a model without a board is never judged', async () => {
    setConfig({ health: { onEvent: 'fail', maxTemperatureC: 1 } })
    await expect(deterministicModel()).toBeDeterministicAcross(3, { input: INPUT })
  })
})

// The run report showed no health: a red gate's page could not say whether the board misbehaved during a check.
test('the run report records the board’s window with the check, events and their inference included', async ({
  task,
}) => {
  await using device = await open()
  const model = await device.load(arcface, { format: 'raw' })
  double.setFaults('corrupt=random,notify=lcu_ecc_uncorrectable@3')
  await failureOf(expect(model).toBeDeterministicAcross(6, { input }))
  const [check] = ((task.meta as Record<string, unknown>)[CHECKS_META_KEY] ?? []) as RecordedCheck[]
  expect(check!.health!.events.map((e) => [e.kind, e.run, e.suspect])).toEqual([['lcu-ecc-uncorrectable', 3, true]])
  expect(check!.health!.inferences).toBe(6)
  expect(JSON.parse(JSON.stringify(check))).toEqual(check)
})
