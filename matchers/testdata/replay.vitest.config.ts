import { defineConfig } from 'vitest/config'

// The other process of the replay test (to-survive-fuzzing.test.ts): one file that fuzzes with the
// token it finds in VITEST_HAILO_REPLAY and writes the failure message where FUZZ_REPLAY_OUT says.
export default defineConfig({
  test: {
    include: ['matchers/testdata/replay-in-another-process.fixture.ts'],
    pool: 'forks',
    testTimeout: 60_000,
  },
})
