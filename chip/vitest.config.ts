import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The chip suite: needs a real Hailo-8 / Hailo-8L and libhailort 4.18–4.23 (a Raspberry Pi with
// the AI Kit, or a PC with the module). Run with `npm run test:chip`. One file at a time: there is
// one chip. Without a chip every test fails with the no-chip error, unless
// VITEST_HAILO_ON_MISSING_DEVICE=skip says to skip them (and says why). The bundled arcface HEF is compiled
// for Hailo-8: on a Hailo-8L (Pi AI Kit) the suite checks that it is refused, and the other tests need a
// Hailo-8L HEF named in VITEST_HAILO_CHIP_HEF (they fail, never skip, without one). See chip/README.md.
export default defineConfig({
  test: {
    name: 'chip',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['chip/**/*.chip.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
