import { describe, expect, test } from 'vitest'
import { CommandLineError } from './command-line-error.js'
import { shapeOption } from './shape-option.js'

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
