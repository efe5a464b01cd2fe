import { readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { RunReport } from '../../report/run-report/types.js'
import { cli, IMAGES, UINT8_CLASSIFIER } from '../test-support/run-cli.js'
import { reportOf, writeReports } from './test-support/reports.js'

const BITFLIP = 'faulty:bitflip,seed=3,rate=0.5,inner=emulator'
let emulator: RunReport
let bitflip: RunReport

beforeAll(async () => {
  // One run each: a deterministic board gives one output per input; the bitflip board flips bits of some.
  emulator = await reportOf({ device: 'emulator', host: 'pi-a', model: UINT8_CLASSIFIER, inputs: IMAGES, runs: 1 })
  bitflip = await reportOf({ device: BITFLIP, host: 'pi-b', model: UINT8_CLASSIFIER, inputs: IMAGES, runs: 1 })
}, 60_000)

/** Inputs whose single output differs between the two reports, counted from the reports themselves. */
function differing(a: RunReport, b: RunReport): string[] {
  const digestOf = (r: RunReport, label: string) =>
    r.checks[0]!.inputs.find((i) => i.label === label)!
      .outputs.map((o) => o.digest)
      .join()
  return a.checks[0]!.inputs.map((i) => i.label).filter((label) => digestOf(a, label) !== digestOf(b, label))
}

describe('vitest-hailo report merge', () => {
  test('two boards: names the pair, how many of the inputs they disagree on and which; exit 1', async () => {
    const expected = differing(emulator, bitflip)
    // The fault must have hit some inputs and spared others, or this test proves nothing.
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(8)
    const paths = await writeReports({ 'pi-a': JSON.stringify(emulator), 'pi-b': JSON.stringify(bitflip) })
    const { code, stdout, stderr } = await cli('report', 'merge', ...paths)
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^Merged 2 reports: 2 checks, 0 failed, on 2 boards\./)
    expect(stdout).toMatch(/\n {2}A {2}pi-a\/emulator +Hailo-style emulator/)
    expect(stdout).toMatch(
      /\n {2}B {2}pi-b\/faulty:bitflip.* +faulty \(bitflip, seed 3, rate 0\.5\) over Hailo-style emulator/,
    )
    expect(stdout).toContain(
      `pi-a/emulator (A) and pi-b/${BITFLIP} (B) disagree on ${expected.length} of 8 inputs of model models/classifier.onnx (${emulator.checks[0]!.model.fingerprint!.slice(0, 12)}):`,
    )
    for (const label of expected)
      expect(stdout).toMatch(
        new RegExp(
          `\\n {4}${label.replaceAll('.', '\\.')} +A: [0-9a-f]{8} \\(class \\d+ at [\\d.]+ %\\) +B: [0-9a-f]{8} \\(class`,
        ),
      )
    expect(stdout).toContain(`Verdict: boards disagree on ${expected.length} inputs of 1 model.`)
  })

  // A fuzz check records no inputs (it generates them): two boards that both ran it read "0 inputs on 0 boards" and
  // "one board only", which contradicted the Boards table above it.
  test('a model checked only on generated inputs says there is nothing to compare, not "one board only"', async () => {
    const fuzzOnly = (r: RunReport): RunReport => ({
      ...r,
      checks: [{ ...r.checks[0]!, kind: 'fuzz', matcher: 'toSurviveFuzzing', inputs: [] }],
    })
    const paths = await writeReports({
      'pi-a': JSON.stringify(fuzzOnly(emulator)),
      'pi-b': JSON.stringify(fuzzOnly(bitflip)),
    })
    const { code, stdout } = await cli('report', 'merge', ...paths)
    expect(code).toBe(0)
    expect(stdout).toContain(
      `Model models/classifier.onnx (${emulator.checks[0]!.model.fingerprint!.slice(0, 12)}): checked on generated inputs only (fuzzing), which boards are not compared on`,
    )
    expect(stdout).not.toContain('one board only')
  })

  test('shards of one board merge into one board whose checks all agree; exit 0', async () => {
    const one = { ...emulator, shard: { index: 1, count: 2 } }
    const two = { ...emulator, shard: { index: 2, count: 2 } }
    const paths = await writeReports({ one: JSON.stringify(one), two: JSON.stringify(two) })
    // A folder stands for its report.json.
    const { code, stdout } = await cli('report', 'merge', dirname(paths[0]!), paths[1]!)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Merged 2 reports \(2 shards\): 2 checks, 0 failed, on 1 board\./)
    expect(stdout).toContain('one board only: nothing to compare')
    expect(stdout).toContain('Verdict: every check passed and every board agrees.')
  })

  test('-o writes the merged report.json (format 1, both boards, every check once), its report.html and boards.json, and nothing else', async () => {
    const paths = await writeReports({ 'pi-a': JSON.stringify(emulator), 'pi-b': JSON.stringify(bitflip) })
    const out = join(dirname(dirname(paths[0]!)), 'merged')
    const { code, stdout } = await cli('report', 'merge', ...paths, '-o', out, '--json')
    expect(code).toBe(1)
    expect((await readdir(out)).sort()).toEqual(['boards.json', 'report.html', 'report.json'])
    const merged = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport
    expect(merged).toMatchObject({
      format: 'vitest-hailo/run-report',
      formatVersion: 1,
      totals: { checks: 2, boards: 2 },
    })
    expect(merged.boards.map((b) => b.id)).toEqual(['pi-a/emulator', `pi-b/${BITFLIP}`])
    expect(new Set(merged.checks.map((c) => c.id)).size).toBe(2)
    const doc = JSON.parse(stdout) as {
      disagreement: boolean
      models: { pairs: { disagree: string[] }[] }[]
      written: { report: string }
    }
    expect(doc.disagreement).toBe(true)
    expect(doc.models[0]!.pairs[0]!.disagree).toEqual(differing(emulator, bitflip))
    expect(doc.written.report).toBe(join(out, 'report.json'))
  })

  test.each([
    [
      'truncated JSON',
      (r: string) => r.slice(0, r.length / 2),
      /Cannot merge .*pi-b\/report\.json: it is not valid JSON \(.*; the file looks cut short/,
    ],
    ['an empty file', () => '', /pi-b\/report\.json: it is empty/],
    [
      'another format version',
      (r: string) => r.replace('"formatVersion":1', '"formatVersion":2'),
      /it is format version 2; this vitest-hailo reads version 1/,
    ],
    [
      'another format',
      (r: string) => r.replace('"vitest-hailo/run-report"', '"junit"'),
      /its format is "junit", not "vitest-hailo\/run-report"/,
    ],
    ['a check without inputs', (r: string) => r.replace('"inputs":[', '"inputz":['), /checks\[0\]\.inputs is missing/],
  ])(
    'a report with %s: exit 2 naming the file, the problem and what is accepted; nothing written',
    async (_name, spoil, message) => {
      const paths = await writeReports({ 'pi-a': JSON.stringify(emulator), 'pi-b': spoil(JSON.stringify(bitflip)) })
      const out = join(dirname(dirname(paths[0]!)), 'merged')
      const { code, stdout, stderr } = await cli('report', 'merge', ...paths, '-o', out)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(message)
      expect(stderr).toContain(
        'Expected a report.json written by vitest-hailo\'s reporter (format "vitest-hailo/run-report", version 1)',
      )
      expect(await readdir(dirname(out))).not.toContain('merged')
    },
  )

  test.each([
    [['report', 'merge'], 'expected <report.json>… but received no argument'],
    [['report', 'merge', 'a.json', '--out'], '--out needs a value'],
    [['report', 'merge', 'a.json', '--shard', '1'], 'unknown option --shard; this command accepts --out, --json'],
  ])('a wrong command line: exit 2 with the usage (%j)', async (argv, message) => {
    const { code, stderr } = await cli(...argv)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stderr).toContain('Usage: vitest-hailo report merge')
  })

  test('an unknown report subcommand names it and lists the commands', async () => {
    const { code, stderr } = await cli('report', 'merg', 'a.json')
    expect(code).toBe(2)
    expect(stderr).toContain(
      'unknown command "report merg"; the commands are check, compare, diagnose, fuzz, replay, inspect, report merge',
    )
  })
})
