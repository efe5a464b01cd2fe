import { defineConfig } from 'vitest/config'
import { hailo } from '../../index.js'

// A project as a user configures it, plus a setup file of its own that must be kept.
export default defineConfig({
  plugins: [
    hailo({
      device: process.env.PLUGIN_TEST_DEVICE ?? 'onnx',
      runs: 7,
      seed: 42,
      onMissingDevice: 'skip',
      artifactsDir: 'out/artifacts',
      image: { resize: 'cv2-bilinear', channels: 'bgr' },
    }),
  ],
  test: {
    include: ['*.check.ts'],
    setupFiles: ['./own-setup.ts'],
  },
})
