import { describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import type { TensorInfo } from '../tensor/types.js'
import { concreteInfos } from './concrete-shapes.js'

// PaddleOCR's cls model: x is [?, 3, ?, ?].
const x: TensorInfo = { name: 'x', dtype: 'float32', shape: ['batch', 3, 'h', 'w'], layout: 'NCHW' }

// A shape that did not fit said only "Expected a shape fitting … for fuzzing constraint shape of input "x"": not
// which option that is, nor what about the shape was wrong.
describe('a shape that does not fit the declared one says why', () => {
  test.each([
    [[3, 48, 192], 'it has 3 dimensions, and the input has 4'],
    [[1, 4, 48, 192], 'its dimension 1 is 4, where the model declares 3'],
  ])('%j: %s', (shape, why) => {
    expect(() => concreteInfos('fuzzing', [x], shape)).toThrow(InvalidArgumentError)
    expect(() => concreteInfos('fuzzing', [x], shape)).toThrow(
      `Expected a shape fitting [batch, 3, h, w] for the shape option of fuzzing, input "x", but received ${JSON.stringify(shape)}: ${why}.`,
    )
  })

  test('a fitting shape settles the dynamic sizes', () => {
    expect(concreteInfos('fuzzing', [x], [2, 3, 48, 192])[0]!.shape).toEqual([2, 3, 48, 192])
  })
})
