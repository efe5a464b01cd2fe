// The chip suite (`npm run test:chip`) is for machines with a Hailo chip, so its own code would rot
// unseen here. This runs it, as Pi owners do, against the libhailort double standing in for the chip:
// a Hailo-8 on HailoRT 4.23 (every test must pass), and a Hailo-8L on 4.20 (the arcface HEF, compiled
// for Hailo-8, must be refused as HailoRT refuses it). It proves the suite is sound, not the chip.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { buildDouble } from '../native/build.mjs'
import { ARCFACE_LIKE, modelText } from '../src/device/backends/hailort/test-support/double.js'

const root = fileURLToPath(new URL('..', import.meta.url))

interface JsonReport {
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  testResults: { assertionResults: { title: string; status: string }[] }[]
}

/** Run the chip suite on a double of `version` posing as `arch`; returns Vitest's JSON report. */
function chipSuite(version: string, arch: 'hailo8' | 'hailo8l', filter?: string): JsonReport {
  const dir = mkdtempSync(join(tmpdir(), 'chip-suite-double-'))
  // The real arcface HEF is answered with this description (its vstreams, compiled for Hailo-8).
  const description = join(dir, 'arcface.txt')
  writeFileSync(description, modelText({ ...ARCFACE_LIKE, arch: 'hailo8' }))
  const report = join(dir, 'report.json')
  const args = [
    'vitest',
    'run',
    '--config',
    'chip/vitest.config.ts',
    '--reporter=json',
    `--outputFile=${report}`,
    ...(filter === undefined ? [] : ['-t', filter]),
  ]
  const result = spawnSync('npx', args, {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
    env: {
      ...process.env,
      HAILORT_LIB: buildDouble({ version }),
      HAILORT_DOUBLE_CHIP: join(dir, 'hailo0'),
      HAILORT_DOUBLE_ARCH: arch,
      HAILORT_DOUBLE_HEF_DESCRIPTION: description,
      VITEST_HAILO_LOCK_DIR: join(dir, 'locks'),
      HAILORT_LOGGER_PATH: dir,
      VITEST_HAILO_CHIP_HEF: '',
    },
  })
  try {
    return JSON.parse(readFileSync(report, 'utf8')) as JsonReport
  } catch {
    throw new Error(`the chip suite wrote no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
}

describe('the chip suite against the libhailort double', () => {
  test('posing as a Hailo-8 on HailoRT 4.23: every chip test passes', () => {
    const r = chipSuite('4.23.0', 'hailo8')
    const failed = r.testResults.flatMap((f) =>
      f.assertionResults.filter((a) => a.status !== 'passed').map((a) => `${a.title}: ${a.status}`),
    )
    expect(failed).toEqual([])
    expect(r.numPassedTests).toBe(r.numTotalTests)
    expect(r.numTotalTests).toBeGreaterThanOrEqual(8)
  }, 300_000)

  test('posing as a Hailo-8L on HailoRT 4.20: the Hailo-8 arcface HEF is refused at configure with status 26', () => {
    const r = chipSuite('4.20.0', 'hailo8l', 'arcface_mobilefacenet.hef')
    const ran = r.testResults.flatMap((f) =>
      f.assertionResults.filter((a) => a.status !== 'skipped' && a.status !== 'pending'),
    )
    expect(ran.map((a) => a.status)).toEqual(['passed'])
  }, 300_000)
})
