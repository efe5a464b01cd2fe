import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { RUN_REPORT_FORMAT_VERSION, type RunReport } from './types.js'

const project = fileURLToPath(new URL('./testdata/project/', import.meta.url))
const checksFile = join(project, 'checks.check.ts')
const vitestBin = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url))
const out = join(project, 'out')

/** Run the test project in a child Vitest with the JUnit and GitHub Actions reporters. */
function runProject(env: Record<string, string> = {}) {
  rmSync(out, { recursive: true, force: true })
  const child = spawnSync(
    process.execPath,
    [
      vitestBin,
      'run',
      '--root',
      project,
      '--reporter=junit',
      '--outputFile.junit=out/junit.xml',
      '--reporter=github-actions',
    ],
    {
      cwd: project,
      env: { ...process.env, VITEST_HAILO_DEVICE: '', VITEST_HAILO_ARTIFACTS: '', NO_COLOR: '1', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  )
  return { status: child.status, stdout: child.stdout, stderr: child.stderr }
}

/** The line of the test file holding `text`, 1-based. */
const lineOf = (text: string): number =>
  readFileSync(checksFile, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1

// A child Vitest per run: generous limits, the full suite may be running beside it.
describe('a run with the plugin', { timeout: 150_000 }, () => {
  let run: ReturnType<typeof runProject>
  beforeAll(() => {
    run = runProject()
  }, 150_000)
  afterAll(() => rmSync(out, { recursive: true, force: true }))

  test('writes report.json with every check, its board and its digests, and says so at the end', () => {
    expect(run.status, run.stdout + run.stderr).toBe(1)
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8')) as RunReport
    expect(report.formatVersion).toBe(RUN_REPORT_FORMAT_VERSION)
    expect(report.totals).toEqual({ checks: 3, failed: 2, boards: 1, tests: 3 })
    expect(report.checks.map((c) => [c.test.file, c.test.name, c.verdict])).toEqual([
      ['checks.check.ts', 'a deterministic model passes', 'pass'],
      ['checks.check.ts', '</svg><script>alert(1)</script> a model wrong on its first run', 'fail'],
      ['checks.check.ts', 'a chip computing on garbage', 'fail'],
    ])
    const chip = report.checks[2]!
    expect(report.boards[0]).toMatchObject({ id: chip.board, kind: 'faulty', cpuArch: process.arch })
    expect(chip.inputs[0]!.outputs).toHaveLength(3)
    expect(chip.artifacts).toMatch(/^out\/artifacts\/checks\.check\.ts\//)
    expect(existsSync(join(project, chip.artifacts!, 'summary.json'))).toBe(true)
    expect(readFileSync(join(out, 'report', 'report.html'), 'utf8')).toContain(
      '&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    )
    expect(run.stdout).toMatch(
      /vitest-hailo {2}3 checks, 2 failed, 1 device \(faulty:garbage-input,seed=7,rate=1,inner=onnx\)\n {14}report: \S*out\/report\/report\.html \(data: report\.json\)/,
    )
  })

  test('the JUnit XML carries each failed check as a property: verdict and where the evidence is', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8')
    const properties = [...xml.matchAll(/<property name="vitest-hailo" value="([^"]*)">/g)].map((m) => m[1]!)
    expect(properties).toHaveLength(2)
    // The evidence path is relative to the working directory (the project), as a CI checkout shows it.
    expect(properties[0]).toMatch(
      /^toBeDeterministicAcross failed: 2 distinct outputs in 4 runs.*; evidence: out\/artifacts\/checks\.check\.ts\/\S+\/summary\.json$/,
    )
    expect(properties[1]).toMatch(
      /^toBeDeterministicAcross failed on faulty:garbage-input,seed=7,rate=1,inner=onnx: 3 distinct outputs in 3 runs.*; evidence: \S+\/summary\.json$/,
    )
  })

  test('the GitHub Actions reporter prints a notice at the failing expect line with the verdict and the evidence', () => {
    const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice ') && l.includes('title=vitest-hailo'))
    expect(notices).toHaveLength(2)
    expect(notices[0]).toContain(`file=${checksFile},line=${lineOf('expect(firstRunModel())')},`)
    expect(notices[1]).toContain(`file=${checksFile},line=${lineOf('expect(loaded)')},`)
    expect(notices[1]).toMatch(
      /::toBeDeterministicAcross failed on faulty:\S+: 3 distinct outputs in 3 runs.*; evidence: \S+\/summary\.json$/,
    )
  })

  test('report: false writes no report and prints no summary', () => {
    const off = runProject({ REPORT_OFF: '1' })
    expect(off.status).toBe(1)
    expect(existsSync(join(out, 'report'))).toBe(false)
    expect(off.stdout).not.toContain('vitest-hailo  ')
    // The annotations do not depend on the report.
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('<property name="vitest-hailo"')
  })
})
