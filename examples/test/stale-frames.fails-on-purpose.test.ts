// DEMONSTRATION — this test is EXPECTED TO FAIL. `npm run demo` checks that it fails with the
// diagnosis a user would read.
//
// A chip that hands back the previous frame's output (a stale output buffer): one image run again
// and again looks perfectly deterministic, so a determinism test on one image passes. Fuzzing frame
// orders finds it, shrinks the schedule to the smallest one that shows it, and prints a token that
// replays exactly that case on another machine (VITEST_HAILO_REPLAY=<token>).
import { openDevice } from 'vitest-hailo'
import { describe, expect, test } from 'vitest-hailo/fixtures'

describe('demo: fuzzing (expected to fail)', () => {
  test("a chip that returns the previous frame's output is caught by fuzzing frame orders", async () => {
    const chip = await openDevice('faulty:stale,inner=onnx')
    try {
      const model = await chip.load('models/convnext-tiny-uint8-nhwc.onnx')
      await expect(model).toSurviveFuzzing({ properties: ['frame-order'], numRuns: 30, seed: 11 })
    } finally {
      await chip.dispose()
    }
  })
})
