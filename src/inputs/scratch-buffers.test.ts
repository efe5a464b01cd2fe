import { expect, test } from 'vitest'
import { ScratchBuffers } from './scratch-buffers.js'

test('hands the same buffer out again for the same input, dtype and size', () => {
  const scratch = new ScratchBuffers()
  const a = scratch.take('x', 'float32', 12)
  expect(a).toBeInstanceOf(Float32Array)
  expect(scratch.take('x', 'float32', 12)).toBe(a)
  expect(scratch.take('y', 'float32', 12)).not.toBe(a)
})

test('a new buffer when the size or the dtype changed, and after forget()', () => {
  const scratch = new ScratchBuffers()
  const a = scratch.take('x', 'float32', 12)
  const b = scratch.take('x', 'float32', 13)
  expect(b).not.toBe(a)
  const c = scratch.take('x', 'int32', 13)
  expect(c).toBeInstanceOf(Int32Array)
  scratch.forget()
  expect(scratch.take('x', 'int32', 13)).not.toBe(c)
})
