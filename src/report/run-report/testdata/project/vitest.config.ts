import { defineConfig } from 'vitest/config'
import { hailo } from '../../../../plugin/index.js'

// A small suite with passing and failing vitest-hailo checks, run in a child Vitest by reporter.test.ts.
export default defineConfig({
  plugins: [
    hailo({
      device: 'onnx',
      seed: 3,
      artifactsDir: 'out/artifacts',
      report: process.env.REPORT_OFF === '1' ? false : { dir: 'out/report' },
    }),
  ],
  test: { include: ['*.check.ts'], testTimeout: 60_000 },
})
