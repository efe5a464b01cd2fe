import { expect, test } from 'vitest'
import { ScratchBuffers } from './scratch-buffers.js'

test('a released buffer is handed out again for the same input, dtype and size', () => {
  const pool = new ScratchBuffers()
  const first = pool.lease()
  const a = first.take('x', 'float32', 12)
  expect(a).toBeInstanceOf(Float32Array)
  first.release()
  first.release() // idempotent: a is not handed out twice
  const second = pool.lease()
  expect(second.take('x', 'float32', 12)).toBe(a)
  expect(second.take('x', 'float32', 12)).not.toBe(a)
  expect(second.take('y', 'float32', 12)).not.toBe(a)
})

test('leases held at the same time never share a buffer', () => {
  const pool = new ScratchBuffers()
  const one = pool.lease()
  const a = one.take('x', 'float32', 12)
  const two = pool.lease()
  expect(two.take('x', 'float32', 12)).not.toBe(a)
})

test('a lease never released keeps its buffers; another size or dtype gets a new one', () => {
  const pool = new ScratchBuffers()
  const kept = pool.lease()
  const a = kept.take('x', 'float32', 12) // a failed case: never released
  const next = pool.lease()
  expect(next.take('x', 'float32', 12)).not.toBe(a)
  next.release()
  const other = pool.lease()
  expect(other.take('x', 'float32', 13)).toBeInstanceOf(Float32Array)
  expect(other.take('x', 'int32', 12)).toBeInstanceOf(Int32Array)
})
