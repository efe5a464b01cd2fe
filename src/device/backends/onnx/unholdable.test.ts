// A model whose declared tensors no typed array can hold is refused at load, by name, on every
// ONNX-based device, instead of a RangeError at the first allocation (the emulator's calibration).
import { describe, expect, test } from 'vitest'
import { addModel, identityModel } from '../../../../test/support/onnx/index.js'
import { UnsupportedModelError } from '../../../errors.js'
import { openDevice } from '../../open.js'
import { expectError } from '../../../../test/support/expect-error.js'

describe.each(['onnx', 'emulator'])('loading on %s', (spec) => {
  test('refuses an input of 1e12 elements with UnsupportedModelError naming it', async () => {
    await using device = await openDevice(spec)
    const error = await expectError(
      device.load(identityModel({ shape: [1_000_000, 1_000_000] }).bytes),
      UnsupportedModelError,
    )
    expect(error.message).toMatch(
      /input "input" of <bytes> declares shape \[1000000, 1000000\]: 1\.000e\+12 float32 elements, 4\.000e\+12 bytes, more than one tensor can hold/,
    )
  })

  test('refuses a tensor whose fixed dimensions alone are too large, even with a dynamic one', async () => {
    await using device = await openDevice(spec)
    await expect(device.load(addModel({ shape: ['batch', 100_000, 100_000] }).bytes)).rejects.toThrow(
      UnsupportedModelError,
    )
  })

  test('still loads a large but holdable model', async () => {
    await using device = await openDevice(spec)
    await using model = await device.load(identityModel({ shape: [1, 3, 1024, 1024] }).bytes)
    expect(model.inputs[0]!.shape).toEqual([1, 3, 1024, 1024])
  })
})
