import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { holdsPhysicalChip, resolvePluginOptions, resolveReportOption, type HailoPluginOptions } from './options.js'

describe('resolveReportOption', () => {
  test("the report is on by default, moved by dir, off with false; it stays out of the workers' configuration", () => {
    expect(resolveReportOption(undefined)).toEqual({})
    expect(resolveReportOption({ dir: 'ci-out/report' })).toEqual({ dir: 'ci-out/report' })
    expect(resolveReportOption(false)).toBe(false)
    expect(resolvePluginOptions({ report: { dir: 'x' } })).not.toHaveProperty('report')
  })
})

describe('resolvePluginOptions', () => {
  test('fills the defaults when nothing is given', () => {
    expect(resolvePluginOptions()).toEqual({
      device: 'auto',
      runs: 20,
      onMissingDevice: 'fail',
      artifactsDir: '.vitest-hailo/artifacts',
    })
  })

  test('keeps every option given', () => {
    const options = {
      device: 'hailo:0001:01:00.0',
      runs: 50,
      fuzzRuns: 200,
      seed: 7,
      onMissingDevice: 'skip',
      artifactsDir: 'out',
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    } as const
    expect(resolvePluginOptions(options)).toEqual(options)
  })

  test('the result survives structured cloning (it crosses to the workers)', () => {
    const resolved = resolvePluginOptions({
      device: 'onnx',
      seed: 3,
      image: { alpha: 'flatten', background: [255, 255, 255] },
    })
    expect(structuredClone(resolved)).toEqual(resolved)
  })

  test.each<[string, unknown, RegExp]>([
    ['an unknown option', { devise: 'onnx' }, /devise/],
    ['an empty device', { device: ' ' }, /device/],
    ['a device that is not a string', { device: 3 }, /device spec string.*3/],
    ['zero runs', { runs: 0 }, /runs/],
    ['fractional runs', { runs: 2.5 }, /runs/],
    ['zero fuzzRuns', { fuzzRuns: 0 }, /integer ≥ 1 for fuzzRuns/],
    ['fractional fuzzRuns', { fuzzRuns: 2.5 }, /fuzzRuns/],
    ['a negative seed', { seed: -1 }, /seed/],
    ['a seed above 32 bits', { seed: 2 ** 32 }, /seed/],
    ["onMissingDevice other than 'skip' or 'fail'", { onMissingDevice: 'ignore' }, /'skip' or 'fail'.*ignore/],
    ['an empty artifactsDir', { artifactsDir: '' }, /artifactsDir/],
    ['options that are not an object', 'onnx', /an object/],
    [
      'an unknown image option, naming the valid ones',
      { image: { resise: 'cv2-bilinear' } },
      /Unknown key "resise" in hailo\(\) option image; expected some of: resize, kernel, fit, channels, alpha, background/,
    ],
    [
      'an image option value out of its domain',
      { image: { resize: 'bilinear' } },
      /one of 'sharp', 'cv2-bilinear' for image option resize/,
    ],
    ['an image option that is not an object', { image: 'cv2-bilinear' }, /hailo\(\) option image/],
    [
      'a report option that is neither false nor an object',
      { report: 'yes' },
      /false or an object such as \{ dir: '\.vitest-hailo\/report' \} for report.*yes/,
    ],
    [
      'an unknown report key',
      { report: { dri: 'out' } },
      /Unknown key "dri" in hailo\(\) option report; expected some of: dir/,
    ],
    ['an empty report dir', { report: { dir: ' ' } }, /a folder path for report\.dir/],
  ])('refuses %s with a message naming it', (_case, options, message) => {
    expect(() => resolvePluginOptions(options as HailoPluginOptions)).toThrowError(InvalidArgumentError)
    expect(() => resolvePluginOptions(options as HailoPluginOptions)).toThrowError(message)
  })
})

describe('holdsPhysicalChip', () => {
  test.each([
    ['hailo', true],
    ['hailo:0001:01:00.0', true],
    ['onnx', false],
    ['auto', false],
    ['emulator', false],
    ['faulty:random,inner=hailo', false],
    ['hailowrong', false],
    ['hailo,lockTimeoutMs=5000', true],
    ['hailo:0001:01:00.0,multiProcess=0', true],
    ['hailo,multiProcess=1', false],
    ['hailo:0001:01:00.0,lockTimeoutMs=10,multiProcess=1', false],
  ])('%s → %s', (spec, expected) => {
    expect(holdsPhysicalChip(spec, {})).toBe(expected)
  })

  test('the environment device wins over the configured one, both ways', () => {
    expect(holdsPhysicalChip('onnx', { VITEST_HAILO_DEVICE: 'hailo' })).toBe(true)
    expect(holdsPhysicalChip('hailo', { VITEST_HAILO_DEVICE: 'onnx' })).toBe(false)
    expect(holdsPhysicalChip('hailo', { VITEST_HAILO_DEVICE: '' })).toBe(true)
  })
})
