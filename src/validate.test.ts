import { describe, expect, test } from 'vitest'
import { InvalidArgumentError, UnknownNameError } from './errors.js'
import { assertKnownKeys, didYouMean } from './validate.js'
import { validateTolerance } from './compare/tolerance.js'

describe('a misspelt key is answered with the key it was probably meant to be', () => {
  test.each([
    ['numruns', ['properties', 'numRuns', 'seed'], 'numRuns'],
    ['resise', ['resize', 'kernel', 'fit', 'channels'], 'resize'],
    ['chanels', ['resize', 'kernel', 'fit', 'channels'], 'channels'],
    ['cosin', ['atol', 'rtol', 'cosine', 'top1'], 'cosine'],
    ['tiemBudgetMs', ['numRuns', 'timeBudgetMs'], 'timeBudgetMs'],
  ])('%s → %s', (typo, known, meant) => {
    expect(didYouMean([typo], known)).toBe(` Did you mean "${meant}" for "${typo}"?`)
  })

  test('no suggestion for a name that is not close, too short to tell, or equally close to two', () => {
    expect(didYouMean(['banana'], ['resize', 'kernel'])).toBe('')
    expect(didYouMean(['ab'], ['atol', 'rtol'])).toBe('') // two letters: any edit is a different word
    expect(didYouMean(['xtol'], ['atol', 'rtol'])).toBe('') // one edit from both
  })

  test('assertKnownKeys ends its message with the suggestion, after the accepted keys', () => {
    const call = () => assertKnownKeys('toSurviveFuzzing options', { numruns: 5 }, ['properties', 'numRuns', 'seed'])
    expect(call).toThrow(InvalidArgumentError)
    expect(call).toThrow(
      'Unknown key "numruns" in toSurviveFuzzing options; expected some of: properties, numRuns, seed. Did you mean "numRuns" for "numruns"?',
    )
  })

  test('a tolerance typo names the criterion it was meant to be', () => {
    const call = () => validateTolerance({ top1: true, cosin: 0.99 })
    expect(call).toThrow(UnknownNameError)
    expect(call).toThrow(
      /Unknown tolerance key "cosin" in tolerance; valid keys are: .*\. Did you mean "cosine" for "cosin"\?$/,
    )
  })
})

describe('every place that refuses an unknown name suggests the near miss', () => {
  test('a device kind', async () => {
    const { parseDeviceSpec } = await import('./device/spec.js')
    await import('./open-device.js') // registers the built-in backends
    expect(() => parseDeviceSpec('emulatr')).toThrow(
      /no device kind "emulatr"\..* Did you mean "emulator" for "emulatr"\?$/s,
    )
  })

  test('a device parameter and a fault', async () => {
    const { parseDeviceSpec } = await import('./device/spec.js')
    const { parseFaultSpec } = await import('./device/backends/faults/fault-spec.js')
    await import('./open-device.js')
    expect(() => parseDeviceSpec('faulty:bitflip,seeed=3')).toThrow(/Did you mean "seed" for "seeed"\?$/)
    expect(() => parseFaultSpec(parseDeviceSpec('faulty:bitflp'))).toThrow(
      /Unknown fault "bitflp" in device spec "faulty:bitflp"\. Did you mean "bitflip" for "bitflp"\? Valid faults:/,
    )
  })

  test('a fuzz property, in options and on the command line', async () => {
    const { checkFuzzOptions } = await import('./fuzz/options.js')
    const { parseCommandLine } = await import('./cli/args.js')
    expect(() => checkFuzzOptions({ properties: ['repeatble' as never] })).toThrow(
      /Did you mean "repeatable" for "repeatble"\?$/,
    )
    expect(() => parseCommandLine(['--refrence', 'x.onnx'], { reference: { type: 'string' } }, { names: [] })).toThrow(
      'unknown option --refrence; this command accepts --reference, and --help. Did you mean "--reference" for "--refrence"?',
    )
  })

  test('an input name and a perOutput output name', async () => {
    const { resolveInputs } = await import('./inputs/resolve.js')
    const { checkPerOutputNames } = await import('./compare/tolerance.js')
    const infos = [{ name: 'images', shape: [1, 2], dtype: 'float32' as const, layout: 'NC' as const }]
    const t = { data: new Float32Array(2), shape: [1, 2], dtype: 'float32' as const }
    await expect(resolveInputs(infos, { image: t })).rejects.toThrow(/Did you mean "images" for "image"\?$/)
    expect(() => checkPerOutputNames({ perOutput: { logit: { atol: 1 } } }, ['logits', 'boxes'])).toThrow(
      /its outputs are: "logits", "boxes"\. Did you mean "logits" for "logit"\?$/,
    )
  })
})
