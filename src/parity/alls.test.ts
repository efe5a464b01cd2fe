import { describe, expect, it } from 'vitest'
import { FileError, InvalidArgumentError } from '../errors.js'
import { parseAlls, readAllsNormalization } from './alls.js'

describe('parseAlls', () => {
  it('reads the Dataflow Compiler normalization line', () => {
    const script = [
      '# model script',
      'input_normalization = normalization([123.675, 116.28, 103.53], [58.395, 57.12, 57.375])',
      'model_optimization_flavor(optimization_level=2)',
    ].join('\n')
    expect(parseAlls(script)).toEqual([{ mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], line: 2 }])
  })
  it('reads a layer argument, exponents, spacing and several commands', () => {
    const script =
      'n1 = normalization( [ 0.5e2 ] , [1E1], input_layer1 )\r\nn2 = normalization([-1, .5], [2, 3])  # second input'
    expect(parseAlls(script)).toEqual([
      { mean: [50], std: [10], layer: 'input_layer1', line: 1 },
      { mean: [-1, 0.5], std: [2, 3], line: 2 },
    ])
  })
  it('ignores commented-out commands and scripts without any', () => {
    expect(parseAlls('# n = normalization([1], [2])\nquantization_param(x)')).toEqual([])
  })
  it('refuses a malformed command instead of skipping it', () => {
    expect(() => parseAlls('n = normalization(mean, std)')).toThrow(/line 1 .*Expected normalization\(\[mean/)
    expect(() => parseAlls('n = normalization([1, 2], [3])')).toThrow(/2 means but 1 stds/)
    expect(() => parseAlls('n = normalization([1], [0])')).toThrow(InvalidArgumentError)
    expect(() => parseAlls(42 as never)).toThrow(/text of a .alls/)
  })
})

describe('readAllsNormalization', () => {
  it('reads the fixture model script', async () => {
    const path = new URL('../../examples/models/imagenet_normalization.alls', import.meta.url).pathname
    expect((await readAllsNormalization(path))[0]!.mean).toEqual([123.675, 116.28, 103.53])
  })
  it('names a missing file and says what to do', async () => {
    await expect(readAllsNormalization('missing/model.alls')).rejects.toThrow(FileError)
    await expect(readAllsNormalization('missing/model.alls')).rejects.toThrow(
      /no such file \(resolved to .*missing\/model\.alls\).*or pass normalization/,
    )
  })
  it('refuses a script with no normalization', async () => {
    const path = new URL('./testdata/README.md', import.meta.url).pathname
    await expect(readAllsNormalization(path)).rejects.toThrow(/has no normalization/)
  })
})
