import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, test } from 'vitest'
import type { RunReport } from '../../report/run-report/types.js'

// The same suite on two boards, each a child Vitest with the plugin's reporter, then the built
// executable merges their report.json files (npm test builds first).
const project = fileURLToPath(new URL('./testdata/project/', import.meta.url))
const vitestBin = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url))
const BIN = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url))
const BITFLIP = 'faulty:bitflip,seed=3,rate=0.5,inner=emulator'
const SLOW = 150_000

const root = mkdtempSync(join(tmpdir(), 'vh-boards-'))
const env = {
  ...process.env,
  VITEST_HAILO_ARTIFACTS: '',
  VITEST_HAILO_SEED: '',
  VITEST_HAILO_ON_MISSING_DEVICE: '',
  NO_COLOR: '1',
}

function runSuiteOn(device: string, name: string): RunReport {
  const out = join(root, name)
  const child = spawnSync(process.execPath, [vitestBin, 'run', '--root', project], {
    cwd: project,
    env: { ...env, VITEST_HAILO_DEVICE: device, BOARD_OUT: out },
    encoding: 'utf8',
    timeout: SLOW,
  })
  if (child.status !== 0) throw new Error(`the suite failed on ${device}:\n${child.stdout}\n${child.stderr}`)
  return JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8')) as RunReport
}

describe('report merge of one suite run on two boards', { timeout: SLOW }, () => {
  let emulator: RunReport
  let bitflip: RunReport
  beforeAll(() => {
    emulator = runSuiteOn('emulator', 'emulator')
    bitflip = runSuiteOn(BITFLIP, 'bitflip')
  }, SLOW * 2)

  test('each report carries its own board identity', () => {
    expect(emulator.boards.map((b) => [b.id, b.kind])).toEqual([[`${hostname()}/emulator`, 'emulator']])
    expect(bitflip.boards.map((b) => [b.id, b.kind])).toEqual([[`${hostname()}/${BITFLIP}`, 'faulty']])
    expect(emulator.checks[0]!.model.fingerprint).toBe(bitflip.checks[0]!.model.fingerprint)
  })

  test('the merge says which boards disagree on how many of the inputs, and writes the merged report', () => {
    const digests = (r: RunReport) =>
      new Map(r.checks[0]!.inputs.map((i) => [i.label, i.outputs.map((o) => o.digest).join()]))
    const a = digests(emulator)
    const b = digests(bitflip)
    const differing = [...a.keys()].filter((label) => a.get(label) !== b.get(label))
    // The fault hit some images and spared others, or the count would prove nothing.
    expect(differing.length).toBeGreaterThan(0)
    expect(differing.length).toBeLessThan(a.size)

    const merged = join(root, 'merged')
    const child = spawnSync(
      process.execPath,
      [BIN, 'report', 'merge', join(root, 'emulator', 'report'), join(root, 'bitflip', 'report'), '-o', merged],
      { cwd: root, env, encoding: 'utf8', timeout: SLOW },
    )
    expect(child.stderr).toBe('')
    expect(child.status).toBe(1)
    expect(child.stdout).toMatch(/^Merged 2 reports: 2 checks, 0 failed, on 2 boards\./)
    expect(child.stdout).toContain(
      `${hostname()}/emulator (A) and ${hostname()}/${BITFLIP} (B) disagree on ${differing.length} of ${a.size} inputs of model `,
    )
    expect(child.stdout).toContain(`Verdict: boards disagree on ${differing.length} inputs of 1 model.`)
    const report = JSON.parse(readFileSync(join(merged, 'report.json'), 'utf8')) as RunReport
    expect(report.totals).toMatchObject({ checks: 2, boards: 2 })
  })
})
