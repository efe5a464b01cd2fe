import { describe, expect, it } from 'vitest'
import { BoardHealthError, UsageError } from '../errors.js'
import { resolvePluginOptions } from '../plugin/options.js'
import { setConfig, getConfig, DEFAULT_CONFIG } from '../config.js'
import { boardHealthError, judgeBoard, validateHealthPolicy } from './policy.js'
import type { BoardHealth } from './types.js'

const healthy: BoardHealth = {
  temperatureC: { before: 61.2, after: 63, max: 63.4 },
  throttling: { before: false, after: false },
  throttledRuns: [],
  events: [],
  inferences: 20,
}
const withEvents: BoardHealth = {
  ...healthy,
  events: [
    { kind: 'clock-changed', run: 4, atMs: 10, detail: 'NN clock 400 → 200 MHz', suspect: false },
    { kind: 'cpu-ecc-error', run: 9, atMs: 20, detail: 'memory bitmap 0x1', suspect: true },
  ],
}

describe('the health option', () => {
  it('is validated by the plugin, each bad value a UsageError that names it', () => {
    expect(resolvePluginOptions({ health: { maxTemperatureC: 85, onEvent: 'warn' } }).health).toEqual({
      maxTemperatureC: 85,
      onEvent: 'warn',
    })
    const bad: [unknown, RegExp][] = [
      ['hot', /an object.*for hailo\(\) option health but/s],
      [{ maxTemperatureC: '85' }, /°C.*health\.maxTemperatureC/s],
      [{ maxTemperatureC: -3 }, /health\.maxTemperatureC/],
      [{ maxTemperatureC: Number.NaN }, /health\.maxTemperatureC/],
      [{ onEvent: 'ignore' }, /'fail' or 'warn' for hailo\(\) option health\.onEvent/],
      [{ maxTemp: 85 }, /maxTemp/],
    ]
    for (const [health, message] of bad) {
      let error: unknown
      try {
        resolvePluginOptions({ health: health as never })
      } catch (e) {
        error = e
      }
      expect(error, JSON.stringify(health)).toBeInstanceOf(UsageError)
      expect((error as Error).message).toMatch(message)
    }
  })

  it('is checked again when a worker installs the configuration', () => {
    expect(() => setConfig({ health: { onEvent: 'never' as never } })).toThrow(UsageError)
    expect(getConfig().health).toBeUndefined()
    setConfig({ health: { onEvent: 'warn' } })
    expect(getConfig().health).toEqual({ onEvent: 'warn' })
    setConfig({ ...DEFAULT_CONFIG, health: undefined })
  })

  it('judges events (not a clock change) and the hottest reading; warn only warns', () => {
    expect(judgeBoard(healthy, { maxTemperatureC: 85 })).toEqual({ failing: [], warnings: [] })
    expect(judgeBoard(healthy, { maxTemperatureC: 63 }).failing).toEqual([
      'the chip reached 63.4 °C, above maxTemperatureC 63',
    ])
    expect(judgeBoard(withEvents, {}).failing).toEqual(['CPU ECC error during inference 9 (memory bitmap 0x1)'])
    expect(judgeBoard(withEvents, { onEvent: 'warn' })).toEqual({
      failing: [],
      warnings: ['CPU ECC error during inference 9 (memory bitmap 0x1)'],
    })
    expect(validateHealthPolicy({}, 'health')).toEqual({})
  })

  it('fails an unhealthy board with BoardHealthError: the board, with the check’s own verdict kept', () => {
    const error = boardHealthError(
      withEvents,
      { maxTemperatureC: 60 },
      'toBeDeterministicAcross(20)',
      'all 20 runs gave identical bytes',
    )
    expect(error).toBeInstanceOf(BoardHealthError)
    expect(error!.code).toBe('E_BOARD_UNHEALTHY')
    expect(error!.reasons).toHaveLength(2)
    expect(error!.message.split('\n')[0]).toBe(
      'The board, neither the test nor the model: toBeDeterministicAcross(20) ran on a board that was unhealthy by the health option:',
    )
    expect(error!.message).toContain(
      "The check's own verdict (not to be trusted on this board): all 20 runs gave identical bytes.",
    )
    expect(error!.message).toContain(
      'Board: 61.2 °C → 63.0 °C (max 63.4), not throttled, 2 events: NN clock changed during inference 4',
    )
    expect(boardHealthError(healthy, { maxTemperatureC: 85 }, 'x', 'y')).toBeUndefined()
  })
})
