import { defineConfig } from 'vitest/config'
import { hailo } from 'vitest-hailo/plugin'

// A model repository's test suite, configured as a user would. Run it from this folder:
//   npx vitest run            (or `npm run demo` from the package root)
// The device is 'auto' (the chip when one is present, ONNX Runtime on the CPU otherwise);
// VITEST_HAILO_DEVICE=onnx|emulator|hailo picks one for a whole run.
export default defineConfig({
  plugins: [hailo({ runs: 50, seed: 2024, onMissingDevice: 'skip' })],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
