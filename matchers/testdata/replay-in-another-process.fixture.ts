import { writeFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { openDevice } from '../../src/device/open.js'
import '../index.js'
import { plain } from '../test-support/failures.js'

// Run by to-survive-fuzzing.test.ts in a child Vitest with VITEST_HAILO_REPLAY set: no seed given,
// so only the token can make it find the parent's counterexample.
test('replays the token of the environment', async () => {
  const out = process.env.FUZZ_REPLAY_OUT
  if (!out) throw new Error('FUZZ_REPLAY_OUT is not set: this file is run by to-survive-fuzzing.test.ts')
  await using device = await openDevice('faulty:stale,inner=onnx')
  await using model = await device.load(
    new URL('../../examples/models/convnext-tiny-uint8-nhwc.onnx', import.meta.url).pathname,
  )
  const error = await expect(model)
    .toSurviveFuzzing({ numRuns: 30 })
    .then(
      () => undefined,
      (e: unknown) => e as Error,
    )
  writeFileSync(out, error === undefined ? 'passed' : plain(error.message))
})
