import { describe, expect, test } from 'vitest'
import { CommandLineError } from './command-line-error.js'
import { assertSizesGiven, shapeOption } from './shape-option.js'

describe('--shape', () => {
  test('one shape for a single-input model, with commas or x', () => {
    expect(shapeOption('1,3,48,192')).toEqual([1, 3, 48, 192])
    expect(shapeOption('1x3x48x192')).toEqual([1, 3, 48, 192])
    expect(shapeOption(undefined)).toBeUndefined()
  })

  test('one shape per input name', () => {
    expect(shapeOption('image=2,3,4,4;mask=2,1,4,4')).toEqual({ image: [2, 3, 4, 4], mask: [2, 1, 4, 4] })
  })

  test.each([
    ['1,3,0,192', /every size must be an integer ≥ 1/],
    ['1,3,-4,192', /every size must be an integer ≥ 1/],
    ['1,3,h,192', /every size must be an integer ≥ 1; expected 1,3,48,192/],
    ['=1,3', /expected 1,3,48,192 .* or image=1,3,32,32;mask=1,1,32,32/],
    ['a=1,2;a=1,2', /names input "a" twice/],
  ])('%s is refused with what is accepted', (text, message) => {
    expect(() => shapeOption(text)).toThrow(CommandLineError)
    expect(() => shapeOption(text)).toThrow(message)
  })
})

describe('assertSizesGiven: a dynamic size nothing settles, refused in the flags of the shell', () => {
  const image = { name: 'image', dtype: 'float32', shape: ['batch', 3, 'h', 'w'], layout: 'NCHW' } as const
  const mask = { name: 'mask', dtype: 'float32', shape: ['batch', 1, 'h', 'w'], layout: 'NCHW' } as const
  const fixed = { name: 'scale', dtype: 'float32', shape: [1, 2], layout: 'NC' } as const

  test('several inputs: the example names each dynamic one, quoted for the shell', () => {
    expect(() =>
      assertSizesGiven([image, mask, fixed], { shape: { image: [2, 3, 8, 8] }, input: undefined }, 2),
    ).toThrow(
      new CommandLineError(
        `input "mask" is declared [batch, 1, h, w], and its dynamic sizes cannot be guessed (1 would test a single pixel or row). Give the sizes the model runs at with --shape, e.g. --shape 'image=2,3,<size>,<size>;mask=2,1,<size>,<size>', or an --input whose shape settles them.`,
      ),
    )
  })

  test('settled by --shape, by --input, or static: nothing to say', () => {
    expect(() => assertSizesGiven([image], { shape: [1, 3, 8, 8], input: undefined }, 1)).not.toThrow()
    expect(() => assertSizesGiven([image, mask], { shape: undefined, input: 'sample.npy' }, 1)).not.toThrow()
    expect(() => assertSizesGiven([fixed], { shape: undefined, input: undefined }, 1)).not.toThrow()
  })
})
