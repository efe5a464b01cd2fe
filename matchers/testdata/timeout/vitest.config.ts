import { defineConfig } from 'vitest/config'
import { hailo } from '../../../src/plugin/index.js'

// A user's project whose checks outlast their tests' timeouts (run by stopped-check.test.ts in a child Vitest).
export default defineConfig({
  plugins: [
    hailo({
      device: 'onnx',
      runs: 5,
      seed: 1,
      artifactsDir: process.env.TIMEOUT_ARTIFACTS ?? '.vitest-hailo/artifacts',
    }),
  ],
  test: { include: ['*.check.ts'] },
})
