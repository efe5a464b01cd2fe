import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// `npm run demo` builds first; the unit suite runs after `npm run build` (npm test does both).
const demo = fileURLToPath(new URL('../scripts/demo.mjs', import.meta.url))
// Each demo runs a whole child Vitest: generous limits, the full suite may be running beside it.
const SLOW = 180_000

function runDemo(env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [demo], { env: { ...process.env, VITEST_HAILO_DEVICE: '', ...env }, encoding: 'utf8', timeout: SLOW })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

describe('npm run demo', () => {
  test('passes: healthy model green, each demonstration fails with its diagnosis', () => {
    const { status, stdout, stderr } = runDemo()
    expect(stderr).not.toContain('DEMO FAILED')
    expect(status).toBe(0)
    expect(stdout).toMatch(/Healthy model: (\d+) of \1 tests passed/)
    expect(stdout).toContain('Demonstration (expected to fail): faulty-chip.fails-on-purpose.test.ts')
    expect(stdout).toMatch(/Distinct outputs \(12\):/)
    // One class per run, each a plausible softmax, as in the field report ("Run 1: Class 17 at 19.0 %").
    expect(stdout).toMatch(/#1 +run 1: +class \d+ at [\d.]+ % +\(reference\)\n +#2 +run 2: +class \d+ at [\d.]+ %/)
    expect(stdout).toContain('Confidence: probs as given (it sums to 1); logits names the same class in every distinct output')
    expect(stdout).toContain('Device: faulty (garbage-input, seed 7')
    expect(stdout).toMatch(/Pattern: random/)
    expect(stdout).toContain('Demonstration (expected to fail): planted-shift.fails-on-purpose.test.ts')
    expect(stdout).toMatch(/Greatest absolute difference: 0\.05 at logits/)
    expect(stdout).toContain('Demonstration (expected to fail): stale-frames.fails-on-purpose.test.ts')
    expect(stdout).toMatch(/Counterexample \(shrunk; paste it back as data\):/)
    expect(stdout).toMatch(/Replay: VITEST_HAILO_REPLAY=[A-Za-z0-9_-]+\n/)
    expect(stdout).toMatch(/OK: \d+ healthy tests passed; 3 demonstrations failed with the expected diagnosis/)
  }, SLOW)

  test('fails with the reason when the healthy model misbehaves (device swapped for a faulty one)', () => {
    const { status, stderr } = runDemo({ VITEST_HAILO_DEVICE: 'faulty:random,seed=3,inner=onnx' })
    expect(status).toBe(1)
    expect(stderr).toContain('DEMO FAILED')
    expect(stderr).toMatch(/healthy test "the classifier gives identical bytes on every run of the same image" \(determinism\.test\.ts\) failed/)
  }, SLOW)
})
