import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import type { RunReport } from '../src/report/run-report/types.js'
import { dumpDom, screenshot } from './support/chromium.js'

// `npm run demo` builds first; the unit suite runs after `npm run build` (npm test does both).
const demo = fileURLToPath(new URL('../scripts/demo.mjs', import.meta.url))
// Each demo runs a whole child Vitest: generous limits, the full suite may be running beside it.
const SLOW = 180_000

const runReport = fileURLToPath(new URL('../examples/.vitest-hailo/report/report.html', import.meta.url))
/** Kept for people to look at (the CI run uploads .vitest-hailo/). */
const screenshotFile = fileURLToPath(new URL('../.vitest-hailo/demo-report.png', import.meta.url))

/**
 * The demo run's report as Chromium renders it: the failing checks, each with its plot — the
 * faulty chip's top-1 class for every one of its 12 runs, the planted shift's |difference| histogram,
 * the stale frames' shrunk counterexample (drawn and tabled), the field report's table of stages.
 */
function lookAtTheReport(): void {
  const json = JSON.parse(readFileSync(runReport.replace(/html$/, 'json'), 'utf8')) as RunReport
  expect(json.totals.failed).toBeGreaterThanOrEqual(3)
  const dom = dumpDom(runReport)
  expect(dom).toContain(
    `<span class="checks">${json.totals.checks} checks</span>, <span class="failed">${json.totals.failed} failed</span>`,
  )
  const failures = dom.slice(dom.indexOf('<section id="failures">'), dom.indexOf('<section id="passing">'))
  const articles = new Map(
    failures
      .split('<article ')
      .slice(1)
      .map((a) => [/data-kind="(\w+)"/.exec(a)?.[1], a]),
  )
  expect([...articles.keys()].sort()).toEqual(expect.arrayContaining(['determinism', 'fuzz', 'parity', 'stages']))
  const chip = failures
    .split('<article ')
    .find((a) => a.includes('a chip that returns a different class on every run of the same image'))!
  expect(chip).toContain('data-kind="determinism"')
  const top1 = chip.slice(chip.indexOf('<svg class="plot top1"'), chip.indexOf('</svg>'))
  // 12 runs, 12 distinct outputs: one bar per run (4 kept outputs, 8 traced runs), each with its class.
  expect(top1.match(/M[\d.]+ [\d.]+h/g)).toHaveLength(12)
  expect(top1).not.toContain('#9e9e9e')
  expect(articles.get('parity')).toMatch(
    /<svg class="plot histogram"[^>]*aria-label="Histogram of \|model − reference\| over \d+ elements/,
  )
  const fuzz = articles.get('fuzz')!
  expect(fuzz).toContain('<figcaption>Shrunk counterexample</figcaption>')
  // The stale frames' counterexample drawn: each frame of the shrunk schedule as an image, and where the
  // outputs differ.
  expect(fuzz).toMatch(/<svg class="plot counterexample"[^>]*aria-label="The shrunk counterexample: frame 1/)
  expect(fuzz.match(/<image [^>]*href="data:image\/png;base64,[A-Za-z0-9+/=]+"/g)?.length).toBeGreaterThanOrEqual(1)
  expect(fuzz).toMatch(
    /<svg class="plot fuzz-difference"[^>]*aria-label="\|position \d+ \(frame \d+\) − frame \d+ alone\|/,
  )
  // The field report's stages: one row per step, quantized → chip the first to break.
  const stages = articles.get('stages')!
  expect(stages).toContain('<table class="stages">')
  expect(stages).toContain('<tr class="fail first-broken"><td>quantized → chip *</td>')
  mkdirSync(dirname(screenshotFile), { recursive: true })
  rmSync(screenshotFile, { force: true })
  screenshot(runReport, screenshotFile)
  expect(readFileSync(screenshotFile).subarray(1, 4).toString()).toBe('PNG')
}

function runDemo(env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [demo], {
    env: { ...process.env, VITEST_HAILO_DEVICE: '', ...env },
    encoding: 'utf8',
    timeout: SLOW,
  })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

describe('npm run demo', () => {
  test(
    'passes: healthy model green, each demonstration fails with its diagnosis',
    () => {
      const { status, stdout, stderr } = runDemo()
      expect(stderr).not.toContain('DEMO FAILED')
      expect(status).toBe(0)
      expect(stdout).toMatch(/Healthy model: (\d+) of \1 tests passed/)
      expect(stdout).toContain('Demonstration (expected to fail): faulty-chip.fails-on-purpose.test.ts')
      expect(stdout).toMatch(/Distinct outputs \(12\):/)
      // One class per run, each a plausible softmax, as in the field report ("Run 1: Class 17 at 19.0 %").
      expect(stdout).toMatch(/#1 +run 1: +class \d+ at [\d.]+ % +\(reference\)\n +#2 +run 2: +class \d+ at [\d.]+ %/)
      expect(stdout).toContain(
        'Confidence: probs as given (it sums to 1); logits names the same class in every distinct output',
      )
      expect(stdout).toContain('Device: faulty (garbage-input, seed 7')
      expect(stdout).toMatch(/Pattern: random/)
      expect(stdout).toContain('Demonstration (expected to fail): planted-shift.fails-on-purpose.test.ts')
      expect(stdout).toMatch(/Greatest absolute difference: 0\.05 at logits/)
      expect(stdout).toContain('Demonstration (expected to fail): stale-frames.fails-on-purpose.test.ts')
      expect(stdout).toMatch(/Counterexample \(shrunk; paste it back as data\):/)
      expect(stdout).toMatch(/Replay: VITEST_HAILO_REPLAY=[A-Za-z0-9_-]+\n/)
      expect(stdout).toContain('Demonstration (expected to fail): report.fails-on-purpose.test.ts')
      expect(stdout).toMatch(/quantized → chip \*\s+compilation, runtime or host format path\s+.*FAILED/)
      expect(stdout).toMatch(/OK: \d+ healthy tests passed; 4 demonstrations failed with the expected diagnosis/)
      expect(stdout).toContain(`Run report, every check with its plot: ${relative(process.cwd(), runReport)}`)
      lookAtTheReport()
    },
    SLOW,
  )

  test(
    'fails with the reason when the healthy model misbehaves (device swapped for a faulty one)',
    () => {
      const { status, stderr } = runDemo({ VITEST_HAILO_DEVICE: 'faulty:random,seed=3,inner=onnx' })
      expect(status).toBe(1)
      expect(stderr).toContain('DEMO FAILED')
      expect(stderr).toMatch(
        /healthy test "the classifier gives identical bytes on every run of the same image" \(determinism\.test\.ts\) failed/,
      )
    },
    SLOW,
  )
})
