#!/usr/bin/env node
/**
 * `npm run demo` — the main job: run the examples suite (examples/, a model repo's suite as users
 * write it) on the default device and show what a user would see:
 *   - the healthy ConvNeXt-like model passing its determinism, parity and fuzz tests;
 *   - the demonstrations (files `*.fails-on-purpose.test.ts`) failing, with their diagnosis.
 * Exit status 0 only when every healthy test passed AND every demonstration failed with the expected
 * diagnosis (each pattern below is found in its failure message); otherwise 1, with the reasons.
 *
 * The suite runs in a child Vitest (cwd examples/, its own vitest.config.ts with the hailo() plugin)
 * with the JSON reporter, so this script judges results, not console text. VITEST_HAILO_DEVICE and
 * VITEST_HAILO_SEED pass through (e.g. VITEST_HAILO_DEVICE=emulator npm run demo).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const examples = join(root, 'examples')
const DEMO_FILE = /\.fails-on-purpose\.test\.ts$/

/** What each demonstration's failure message must contain: the diagnosis, not just "it failed". */
const EXPECTED_DIAGNOSES = {
  'the stage that breaks is after quantization: quantized → chip': [
    [/toMatchStagesWithin\(stages\)/, 'the matcher hint'],
    [
      /Received: "quantized → chip \* breaks first \(compilation, runtime or host format path\)"/,
      'the first broken step',
    ],
    [/onnx → quantized \*\s+quantization\s+.*ok/, 'quantization holding'],
    [/quantized → chip \*\s+compilation, runtime or host format path\s+.*FAILED/, 'the table row that failed'],
    [/First broken step, quantized → chip \*:\n\s+logits: top-1 agreement/, 'what failed there'],
    [/the quantized stage is this package's emulator/, 'the approximation said'],
    [/Device: faulty \(garbage-input, seed 7/, 'the device fingerprint'],
    [/Seed: \d+/, 'the seed'],
  ],
  'a chip that returns a different class on every run of the same image': [
    [/toBeDeterministicAcross\(12\)/, 'the matcher hint'],
    [/Received: "12 distinct outputs in 12 runs/, 'how many distinct outputs'],
    [/Distinct outputs \(12\):\n\s+#1\s+run 1:\s+class \d+ at [\d.]+ %/, 'the group table with one class per run'],
    [
      /Confidence: probs as given \(it sums to 1\); logits names the same class in every distinct output/,
      'where the confidences come from',
    ],
    [/Pattern: random/, 'the pattern'],
    [/Flakiness: .*95 % confidence/, 'the flakiness bound'],
    [/Device: faulty \(garbage-input, seed 7/, 'the device fingerprint'],
    [/Seed: \d+/, 'the seed'],
    [/Artifacts: \S+/, 'the artifact folder'],
  ],
  'a bias of 0.05 on the logits is caught, with the numbers': [
    [/toMatchOnnxWithin\(reference\)/, 'the matcher hint'],
    [/Output "logits": FAILED/, 'which output failed'],
    [/Mismatched elements: 67 \/ 67/, 'mismatched k/n'],
    [/Greatest absolute difference: 0\.05 at logits\[0, \d+\]/, 'the greatest difference and where'],
    [/Would pass with: \{ atol: 0\.05/, 'the smallest tolerance that would pass'],
    [/Output "probs": within the tolerance/, 'the untouched output passing'],
    [/Seed: \d+/, 'the seed'],
    [/Artifacts: \S+/, 'the artifact folder'],
  ],
  "a chip that returns the previous frame's output is caught by fuzzing frame orders": [
    [/toSurviveFuzzing\(options\)/, 'the matcher hint'],
    [/Received: "frame-order failed on case \d+ of 30/, 'the property and the case that failed'],
    [/Counterexample \(shrunk; paste it back as data\):\n {2}[[{]/, 'the shrunk counterexample as data'],
    [/Cases run: \d+ of 30; shrink steps: \d+/, 'cases run and shrink steps'],
    [/Greatest absolute difference: [\d.e-]+ at \w+\[0, \d+\]/, 'the greatest difference and where'],
    [/Device: faulty \(stale/, 'the device fingerprint'],
    [/Seed: 11 /, 'the seed'],
    [/\nReplay: VITEST_HAILO_REPLAY=[A-Za-z0-9_-]+\n/, 'the replay token'],
    [/Artifacts: \S+ \(the counterexample's/, 'the artifact folder'],
  ],
}

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s)
const rule = (title) => console.log(`\n${bold(`── ${title} `.padEnd(78, '─'))}`)

/** Run the examples suite in a child Vitest; return its JSON report. */
function runSuite() {
  if (!existsSync(join(root, 'dist', 'src', 'plugin', 'index.js'))) {
    fail(['dist/ is missing: the examples import the built package. Run `npm run build` first (npm run demo does).'])
  }
  const vitest = createRequire(import.meta.url)
    .resolve('vitest/package.json')
    .replace(/package\.json$/, 'vitest.mjs')
  const out = mkdtempSync(join(tmpdir(), 'vitest-hailo-demo-'))
  const json = join(out, 'results.json')
  try {
    const child = spawnSync(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile.json=${json}`], {
      cwd: examples,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    if (!existsSync(json)) {
      fail([
        `Vitest produced no report (exit ${child.status ?? child.signal}). Its output:`,
        child.stdout,
        child.stderr,
      ])
    }
    return JSON.parse(readFileSync(json, 'utf8'))
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** The message of a failure, without the stack. */
function messageOf(failure) {
  return failure
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .trimEnd()
}

function fail(reasons) {
  console.error(`\n${bold('DEMO FAILED')}: the examples did not behave as expected.`)
  for (const r of reasons) console.error(`  - ${r}`)
  process.exit(1)
}

// The suite's run report (vitest-hailo/reporter, added by the plugin): removed first, so what is
// there afterwards is this run's.
const runReport = join(examples, '.vitest-hailo', 'report', 'report.html')
rmSync(dirname(runReport), { recursive: true, force: true })
const report = runSuite()
const problems = []
const healthy = []
const demos = []
for (const file of report.testResults) {
  if (file.assertionResults.length === 0)
    problems.push(`${basename(file.name)} ran no tests: ${file.message || 'no message'}`)
  for (const t of file.assertionResults)
    (DEMO_FILE.test(file.name) ? demos : healthy).push({ ...t, file: basename(file.name) })
}

rule(`Healthy model: ${healthy.filter((t) => t.status === 'passed').length} of ${healthy.length} tests passed`)
for (const t of healthy) {
  const mark = t.status === 'passed' ? '✓' : t.status === 'failed' ? '×' : '↓'
  console.log(`  ${mark} ${t.file} › ${t.title}`)
  if (t.status !== 'passed') {
    problems.push(
      `healthy test "${t.title}" (${t.file}) ${t.status}${t.failureMessages.length > 0 ? `:\n${messageOf(t.failureMessages[0])}` : ''}`,
    )
  }
}
if (healthy.length === 0) problems.push('no healthy test ran')

for (const t of demos) {
  rule(`Demonstration (expected to fail): ${t.file} › ${t.title}`)
  const expected = EXPECTED_DIAGNOSES[t.title]
  if (expected === undefined) {
    problems.push(`demonstration "${t.title}" has no expected diagnosis in scripts/demo.mjs`)
    continue
  }
  if (t.status !== 'failed') {
    console.log(`  (it ${t.status} — it should have failed)`)
    problems.push(`demonstration "${t.title}" ${t.status} instead of failing`)
    continue
  }
  const message = messageOf(t.failureMessages.join('\n'))
  console.log(message.replace(/^/gm, '  '))
  for (const [pattern, what] of expected) {
    if (!pattern.test(message)) problems.push(`demonstration "${t.title}" failed without ${what} (${pattern})`)
  }
}
for (const title of Object.keys(EXPECTED_DIAGNOSES)) {
  if (!demos.some((t) => t.title === title)) problems.push(`demonstration "${title}" did not run`)
}

if (problems.length > 0) fail(problems)
rule('Result')
console.log(
  `  OK: ${healthy.length} healthy tests passed; ${demos.length} demonstrations failed with the expected diagnosis.\n` +
    '  (The failures above are intended: they show what vitest-hailo reports for a misbehaving model.)',
)
if (existsSync(runReport)) console.log(`  Run report, every check with its plot: ${relative(process.cwd(), runReport)}`)
else fail(['the plugin wrote no run report (examples/.vitest-hailo/report/report.html)'])
