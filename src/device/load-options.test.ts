import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { canonicalOptions, validateLoadOptions } from './load-options.js'

describe('validateLoadOptions', () => {
  test('accepts every documented option', () => {
    expect(() =>
      validateLoadOptions({
        format: 'raw',
        networkGroup: 'net',
        batchSize: 8,
        timeoutMs: 500,
        threads: 2,
        inputQuant: { x: { scale: 0.5, zeroPoint: 3 } },
        outputQuant: { y: { scale: 0.1, zeroPoint: 0, min: -1, max: 1 } },
        normalization: { mean: [1, 2, 3], std: [4, 5, 6] },
        calibrationSeed: 9,
      }),
    ).not.toThrow()
  })

  test.each([
    [null, /load options/],
    [[], /load options/],
    [{ batchsize: 1 }, /Unknown key "batchsize"/],
    [{ batchSize: 0 }, /for batchSize but received 0/],
    [{ timeoutMs: -1 }, /timeoutMs/],
    [{ threads: 1.5 }, /threads/],
    [{ networkGroup: '' }, /networkGroup/],
    [{ inputQuant: [] }, /inputQuant/],
    [{ inputQuant: { x: { scale: 1 } } }, /inputQuant\.x\.zeroPoint/],
    [{ outputQuant: { y: { scale: 1, zeroPoint: 0, zp: 1 } } }, /Unknown key "zp" in outputQuant\.y/],
    [{ outputQuant: { y: { scale: 1, zeroPoint: 0, min: 2, max: 1 } } }, /outputQuant\.y\.max/],
    [{ normalization: { mean: [], std: [] } }, /normalization\.mean/],
    [{ normalization: { mean: [0], std: [0] } }, /normalization\.std\[0\]/],
    [{ calibrationSeed: -1 }, /calibrationSeed/],
  ])('refuses %j', (options, message) => {
    expect(() => validateLoadOptions(options)).toThrow(InvalidArgumentError)
    expect(() => validateLoadOptions(options)).toThrow(message)
  })
})

test('canonicalOptions sorts keys at every depth and drops undefined', () => {
  expect(
    canonicalOptions({
      threads: 1,
      format: 'raw',
      timeoutMs: undefined,
      outputQuant: { y: { zeroPoint: 1, scale: 2 } },
    }),
  ).toBe('{"format":"raw","outputQuant":{"y":{"scale":2,"zeroPoint":1}},"threads":1}')
})
