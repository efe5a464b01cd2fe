import { describe, expect, test } from 'vitest'
import { flakinessBound } from '../../src/determinism/flakiness.js'
import { formatFlakiness } from './flakiness.js'
import { deviceFact, formatDeviceInfo, formatFooter, seedDrove } from './footer.js'
import { formatAt, formatDuration, formatNumber, formatPercent, formatPosition, plural } from './numbers.js'
import { formatInputLine, overSamples, sampleName } from './samples.js'
import { formatRunSet, formatRunsLabel } from './runs.js'
import { formatTable } from './table.js'

describe('numbers', () => {
  test('formatNumber keeps three significant digits and switches to exponents at the extremes', () => {
    expect(formatNumber(3.14159)).toBe('3.14')
    expect(formatNumber(0.000012345)).toBe('1.23e-5')
    expect(formatNumber(12_345_678.9)).toBe('1.23e7')
    expect(formatNumber(42)).toBe('42')
    expect(formatNumber(-0)).toBe('-0')
    expect(formatNumber(Number.NaN)).toBe('NaN')
    expect(formatNumber(-Infinity)).toBe('-Infinity')
  })
  test('formatPercent writes the report\'s "19.0 %" and never rounds to a misleading 0 or 100', () => {
    expect(formatPercent(0.19)).toBe('19.0 %')
    expect(formatPercent(0.9997)).toBe('100.0 %'.replace('100.0', '99.97'))
    expect(formatPercent(0.00004)).toBe('0.004 %')
    expect(formatPercent(0)).toBe('0.0 %')
    expect(formatPercent(1)).toBe('100.0 %')
  })
  test('positions, durations, plurals', () => {
    expect(formatPosition('logits', [0, 17])).toBe('logits[0, 17]')
    expect(formatPosition('y', [])).toBe('y')
    expect(formatDuration(0.85)).toBe('850 µs')
    expect(formatDuration(12.34)).toBe('12.3 ms')
    expect(formatDuration(2100)).toBe('2.1 s')
    expect(plural(1, 'run')).toBe('1 run')
    expect(plural(3, 'run')).toBe('3 runs')
  })
})

describe('samples', () => {
  test('the same words for several samples in every message', () => {
    expect(overSamples(1)).toBe('')
    expect(overSamples(8)).toBe(' over 8 samples')
    expect(sampleName(2, 'images/cat.png')).toBe('sample 3 (images/cat.png)')
    expect(sampleName(2, 'sample 3 (tensor)')).toBe('sample 3 (tensor)')
    expect(sampleName(0, 'sample 10 (tensor)')).toBe('sample 1 (sample 10 (tensor))')
    expect(formatInputLine(['synthetic (seed 7)'])).toBe('Input: synthetic (seed 7)')
    expect(formatInputLine(['a.png', 'b.png'])).toBe('Input: 2 samples')
  })
  test('a position and both values, torch style', () => {
    expect(formatAt('logits', [0, 2], ['model', 9.121094], ['reference', 9.1210899])).toBe(
      'at logits[0, 2] (model 9.12109, reference 9.12109)',
    )
    expect(formatAt('y', [], ['#1', 0], ['#2', -0.0549162])).toBe('at y (#1 0, #2 -0.0549162)')
  })
})

describe('runs', () => {
  test('compact ranges as people write them', () => {
    expect(
      formatRunSet({
        ranges: [
          [1, 3],
          [7, 7],
          [9, 10],
        ],
        count: 6,
        truncated: false,
      }),
    ).toBe('1-3, 7, 9, 10')
    expect(formatRunsLabel({ ranges: [[4, 4]], count: 1, truncated: false })).toBe('run 4')
    expect(
      formatRunSet({
        ranges: [
          [1, 1],
          [3, 3],
        ],
        count: 50,
        truncated: true,
      }),
    ).toBe('1, 3, … (+48 more)')
  })
})

describe('table', () => {
  test('aligns columns and leaves the last one unpadded', () => {
    expect(
      formatTable([
        ['#1', 'runs 1, 4, 9:', 'class 17 at 19.0 %'],
        ['#2', 'run 2:', 'class 0 at 3.5 %'],
      ]),
    ).toBe('  #1  runs 1, 4, 9:  class 17 at 19.0 %\n  #2  run 2:         class 0 at 3.5 %')
    expect(formatTable([['a', 'b']], { header: ['x', 'yy'], indent: 0 })).toBe('x  yy\na  b')
    // A shorter row's last cell runs past its column instead of widening it.
    expect(
      formatTable(
        [
          ['#1', 'run 1:', 'class 17', '(reference)'],
          ['…', 'runs 2-9:', '8 more distinct outputs, not kept'],
        ],
        { indent: 0 },
      ),
    ).toBe('#1  run 1:     class 17  (reference)\n…   runs 2-9:  8 more distinct outputs, not kept')
  })
})

describe('flakiness', () => {
  test('a lower bound when runs differ', () => {
    expect(formatFlakiness(flakinessBound(1, 12))).toBe(
      '1 of 12 runs differs from the majority output: with 95 % confidence ≥ 1 run in 234 differs (p ≥ 0.43 %)',
    )
  })
  test('the rule of three when none did', () => {
    expect(formatFlakiness(flakinessBound(0, 300))).toBe(
      'all 300 runs agree: with 95 % confidence fewer than 1 run in 101 would differ (p < 0.99 %)',
    )
  })
})

describe('footer', () => {
  test('device, seed, artifacts in that order', () => {
    const text = formatFooter({
      seed: 9,
      seedDrove: ['the synthetic input'],
      artifacts: { folder: '/a/b', contents: 'input + 2 distinct outputs as .npy, summary.json' },
      device: {
        kind: 'hailo',
        spec: 'hailo',
        description: 'Hailo-8L on 0001:01:00.0',
        versions: { hailort: '4.23.0' },
        temperatureC: 52.14,
        throttling: true,
      },
    })
    expect(text).toBe(
      'Device: Hailo-8L on 0001:01:00.0 [hailo], hailort 4.23.0, 52.1 °C, THROTTLING\n' +
        'Seed: 9 (drove the synthetic input; replay with VITEST_HAILO_SEED=9)\n' +
        'Artifacts: /a/b (input + 2 distinct outputs as .npy, summary.json)',
    )
  })
  test('says why artifacts are missing', () => {
    expect(
      formatFooter({ seed: 1, seedDrove: [], artifacts: { error: new Error('EACCES: permission denied') } }),
    ).toContain('Artifacts: not written (EACCES: permission denied)')
  })
  test('says exactly what the seed drove, and nothing to replay when it drove nothing', () => {
    expect(seedDrove(false, 0)).toEqual([])
    expect(seedDrove(true)).toEqual(['the synthetic input'])
    expect(seedDrove(false, 1)).toEqual(['the interleaved synthetic input'])
    expect(seedDrove(true, 2)).toEqual(['the synthetic input', 'the 2 interleaved synthetic inputs'])
    expect(formatFooter({ seed: 3, seedDrove: seedDrove(true, 2) })).toBe(
      'Seed: 3 (drove the synthetic input and the 2 interleaved synthetic inputs; replay with VITEST_HAILO_SEED=3)',
    )
    expect(formatFooter({ seed: 3, seedDrove: [] })).toBe('Seed: 3 (drove nothing: every input was given)')
  })
  test('names a chip, a fault injector or the emulator, not ONNX Runtime on the CPU', () => {
    const env = { node: 'v20', platform: 'linux', arch: 'x64' }
    const info = (kind: 'hailo' | 'onnx' | 'faulty' | 'emulator') => ({
      kind,
      spec: kind,
      description: kind,
      versions: {},
    })
    expect(deviceFact({ ...env, device: info('hailo') })).toEqual({ device: info('hailo') })
    expect(deviceFact({ ...env, device: info('emulator') })).toEqual({ device: info('emulator') })
    expect(deviceFact({ ...env, device: info('onnx') })).toEqual({})
    expect(deviceFact(env)).toEqual({})
  })
  test('device info without optional facts', () => {
    expect(formatDeviceInfo({ kind: 'onnx', spec: 'onnx', description: 'ONNX Runtime CPU', versions: {} })).toBe(
      'ONNX Runtime CPU [onnx]',
    )
  })
})
