// DEMONSTRATION — this test is EXPECTED TO FAIL. `npm run demo` checks that it fails with the
// diagnosis a user would read.
//
// A misbehaving chip, as in the motivating report: the same image gives a different class on every
// run ("Run 1: Class 17 at 19.0 %, Run 2: Class 0 at 3.5 % …"), each a plausible softmax — the
// signature of a chip computing on an input buffer the frame never reached. The
// `faulty:garbage-input` device wraps a healthy device and runs the real network on seeded garbage
// instead of the image; the seed makes the failure replayable from its message.
import { openDevice } from 'vitest-hailo'
import { describe, expect, test } from 'vitest-hailo/fixtures'

describe('demo: faulty chip (expected to fail)', () => {
  test('a chip that returns a different class on every run of the same image', async () => {
    const chip = await openDevice('faulty:garbage-input,seed=7,inner=onnx')
    try {
      const model = await chip.load('models/convnext-tiny-uint8-nhwc.onnx')
      await expect(model).toBeDeterministicAcross(12, { input: 'images/sun.png' })
    } finally {
      await chip.dispose()
    }
  })
})
