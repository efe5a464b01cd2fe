import { defineConfig } from 'vitest/config'
import { hailo } from 'vitest-hailo/plugin'

// A model repository's test suite, configured as a user would. Run it from this folder:
//   npx vitest run            (or `npm run demo` from the package root)
// These models are .onnx files, so the device is ONNX Runtime on the CPU. A repository of compiled
// .hef models would say 'auto' (the chip when present) or 'hailo'. VITEST_HAILO_DEVICE overrides it
// for a whole run (under 'emulator' the float-tolerance parity tests fail: its outputs are quantized).
export default defineConfig({
  plugins: [hailo({ device: 'onnx', runs: 50, seed: 2024, onMissingDevice: 'skip' })],
  test: {
    include: ['test/**/*.test.ts', 'motivating-report/**/*.test.ts'],
    testTimeout: 60_000,
  },
})
