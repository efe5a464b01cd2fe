import { defineConfig } from 'vitest/config'

// The project's own tests. The examples suite (examples/vitest.config.ts) is a model repo's
// suite as users write it and is run by `npm run demo`; the chip suite (chip/vitest.config.ts)
// needs a real Hailo device and is run by `npm run test:chip`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'matchers/**/*.test.ts', 'fixtures/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test/consumer-work/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Tests run in a shuffled order, fixed by the seed so a run is reproducible: a test that only
    // passes after another one fails here. Suites whose order is their subject say { shuffle: false }.
    // Another order: npm test -- --sequence.seed=<n>.
    sequence: { shuffle: { files: false, tests: true }, seed: 20261124 },
    // The JSON report is what CI counts (.ci/run); the default reporter is what people read.
    reporters: ['default', ['json', { outputFile: '.vitest-hailo/results/tests.json' }]],
    typecheck: { enabled: true, include: ['**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
