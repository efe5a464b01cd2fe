import { defineConfig } from 'vitest/config'
import { hailo } from '../../../src/plugin/index.js'

// A user's project whose tests forget `await` (run by require-await.test.ts in a child Vitest).
export default defineConfig({
  plugins: [
    hailo({
      device: 'onnx',
      runs: 5,
      seed: 1,
      artifactsDir: process.env.UNAWAITED_ARTIFACTS ?? '.vitest-hailo/artifacts',
    }),
  ],
  test: { include: ['*.check.ts'] },
})
