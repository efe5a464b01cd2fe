// DEMONSTRATION — this test is EXPECTED TO FAIL. `npm run demo` checks that it fails with the
// diagnosis a user would read.
//
// A misbehaving chip, as in the motivating report: the same image gives a different class on every
// run. The `faulty:random` device wraps a healthy device and replaces every output by seeded noise;
// the seed makes the failure replayable from its message.
import { openDevice } from 'vitest-hailo'
import { describe, expect, test } from 'vitest-hailo/fixtures'

describe('demo: faulty chip (expected to fail)', () => {
  test('a chip that returns a different class on every run of the same image', async () => {
    const chip = await openDevice('faulty:random,seed=7,inner=onnx')
    try {
      const model = await chip.load('models/convnext-tiny-uint8-nhwc.onnx')
      await expect(model).toBeDeterministicAcross(12, { input: 'images/sun.png' })
    } finally {
      await chip.dispose()
    }
  })
})
