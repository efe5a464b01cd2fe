import { expect, test } from 'vitest'
import { channelAxis, guessLayout } from './layout.js'

test.each([
  [[1, 3, 224, 224], 'NCHW'],
  [['batch', 1, 28, 28], 'NCHW'],
  [[1, 224, 224, 3], 'NHWC'],
  [['n', 28, 28, 1], 'NHWC'],
  [[1, 67], 'NC'],
  [['batch', 'features'], 'NC'],
  [[1, 8, 8, 8], 'other'],
  [[1, 'c', 'h', 'w'], 'other'],
  [[224, 224], 'NC'],
  [[1, 224, 224], 'other'],
  [[], 'other'],
] as const)('guesses %j as %s', (shape, layout) => {
  expect(guessLayout(shape)).toBe(layout)
})

test('knows the channel axis of image layouts only', () => {
  expect(channelAxis('NCHW')).toBe(1)
  expect(channelAxis('NHWC')).toBe(3)
  expect(channelAxis('NC')).toBeUndefined()
})
