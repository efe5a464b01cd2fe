import { defineConfig } from 'vitest/config'
import { hailo } from '../../../../plugin/index.js'

// One suite, run on two boards by boards.test.ts (the board comes from VITEST_HAILO_DEVICE); each run
// writes its report and artifacts under BOARD_OUT.
const out = process.env.BOARD_OUT ?? 'out'
export default defineConfig({
  plugins: [hailo({ device: 'emulator', seed: 3, artifactsDir: `${out}/artifacts`, report: { dir: `${out}/report` } })],
  test: { include: ['*.check.ts'], testTimeout: 60_000 },
})
