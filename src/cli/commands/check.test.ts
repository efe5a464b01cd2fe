import { readFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import '../../../matchers/index.js'
import { failureOf, filesUnder, useArtifactsRoot } from '../../../matchers/test-support/failures.js'
import { openDevice } from '../../device/open.js'
import { cli, CLASSIFIER, IMAGES, SUN, UINT8_CLASSIFIER } from '../test-support/run-cli.js'

const GARBAGE = 'faulty:garbage-input,seed=7,inner=onnx'
const matcherArtifacts = useArtifactsRoot('vh-cli-check-matcher-')

/**
 * The message lines that do not depend on timing or on where artifacts went; Vitest's quotes around Expected / Received
 * dropped.
 */
const stable = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => !/^(Time per run|Artifacts):/.test(l))
    .map((l) => l.replace(/^(Expected|Received): "(.*)"$/, '$1: $2'))

describe('vitest-hailo check', () => {
  test('a deterministic model passes: exit 0, the summary on stdout, nothing on stderr', async () => {
    const { code, stdout, stderr } = await cli('check', CLASSIFIER, '--runs', '3', '--input', SUN, '--device', 'onnx')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /^PASS {2}check .*convnext-tiny\.onnx on onnx\n\nall 3 runs gave identical bytes\nFlakiness: all 3 runs agree/,
    )
    expect(stdout).toMatch(/\nTime per run: median .*\nInput: .*sun\.png/)
  })

  // One run per input has nothing to differ from: on a device whose every run differs it would pass.
  test('--runs 1 is refused (exit 2) before any inference, saying what to give instead', async () => {
    const { code, stdout, stderr } = await cli(
      'check',
      CLASSIFIER,
      '--runs',
      '1',
      '--device',
      'faulty:random,inner=onnx',
    )
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(
      /^vitest-hailo check: --runs 1 compares nothing: each input would run once, with no other run to differ from, so the check would pass whatever the device does\. Give --runs 2 or more, e\.g\. --runs 10\.\n\nUsage: vitest-hailo check/,
    )
  })

  test("a chip computing on garbage fails with the matcher's own words and exit 1", async () => {
    const artifacts = await mkdtemp(join(tmpdir(), 'vh-cli-check-'))
    const { code, stdout } = await cli(
      'check',
      UINT8_CLASSIFIER,
      '--runs',
      '6',
      '--input',
      SUN,
      '--device',
      GARBAGE,
      '--seed',
      '5',
      '--artifacts',
      artifacts,
    )
    expect(code).toBe(1)
    expect(stdout).toContain('FAIL  check')
    expect(stdout).toContain(`on ${GARBAGE.replace(',inner', ',rate=1,inner')}`)

    // The same check through the matcher: every line but the timing and the artifacts folder is the same.
    const chip = await openDevice(GARBAGE)
    try {
      const model = await chip.load(UINT8_CLASSIFIER)
      const message = await failureOf(expect(model).toBeDeterministicAcross(6, { input: SUN, seed: 5 }))
      const cliMessage = stdout.slice(stdout.indexOf('expect(model)')).trimEnd()
      expect(stable(cliMessage)).toEqual(stable(message))
      expect(message.split('\n')[0]).toContain('toBeDeterministicAcross')
    } finally {
      await chip.dispose()
    }
    expect(await filesUnder(matcherArtifacts())).not.toEqual([])
    // Its artifacts: where --artifacts said, under cli/check/<model>.
    const folder = /\nArtifacts: (\S+) \(input \+ 4 distinct outputs as \.npy, summary\.json\)/.exec(stdout)?.[1]
    expect(folder?.startsWith(join(artifacts, 'cli', 'check'))).toBe(true)
    const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8')) as {
      matcher: string
      distinctOutputs: number
      seed: number
    }
    expect(summary).toMatchObject({ matcher: 'toBeDeterministicAcross', distinctOutputs: 6, seed: 5 })
  })

  test("--json prints one JSON document: the verdict, the engine's numbers, the artifacts and the message", async () => {
    const artifacts = await mkdtemp(join(tmpdir(), 'vh-cli-check-'))
    const { code, stdout, stderr } = await cli(
      'check',
      UINT8_CLASSIFIER,
      '--runs',
      '4',
      '--input',
      SUN,
      '--device',
      GARBAGE,
      '--json',
      '--artifacts',
      artifacts,
    )
    expect(code).toBe(1)
    expect(stderr).toBe('')
    const doc = JSON.parse(stdout) as Record<string, unknown> & {
      result: { distinctOutputs: number; pattern: string }
      environment: { device: { kind: string } }
    }
    expect(doc).toMatchObject({
      pass: false,
      exitCode: 1,
      command: 'check',
      result: { distinctOutputs: 4, pattern: 'random' },
      environment: { device: { kind: 'faulty' } },
    })
    expect(String(doc.artifacts)).toContain(artifacts)
    expect(String(doc.message)).toContain('Received: 4 distinct outputs in 4 runs')
  })

  test('a folder as --input checks every image on its own', async () => {
    const { code, stdout } = await cli('check', CLASSIFIER, '--runs', '2', '--input', IMAGES, '--device', 'onnx')
    expect(code).toBe(0)
    expect(stdout).toContain('all 8 samples gave identical bytes')
  })

  test('--tolerance makes runs within it count as the same output', async () => {
    const { code, stdout } = await cli(
      'check',
      CLASSIFIER,
      '--runs',
      '2',
      '--device',
      'onnx',
      '--seed',
      '1',
      '--tolerance',
      '{"atol":0.001}',
    )
    expect(code).toBe(0)
    expect(stdout).toContain('all 2 runs gave outputs within the tolerance')
    expect(stdout).toContain('Seed: 1 (drove the synthetic input')
  })

  test.each([
    [['check'], 'expected <model> but received no argument'],
    [['check', 'a.onnx', 'b.onnx'], 'expected <model> but received 2 arguments (a.onnx b.onnx)'],
    [['check', 'a.onnx', '--runs', '0'], 'Expected an integer ≥ 1 for --runs but received "0"'],
    [['check', 'a.onnx', '--runs', '2.5'], 'Expected an integer ≥ 1 for --runs but received "2.5"'],
    [['check', 'a.onnx', '--runs'], '--runs needs a value'],
    [['check', 'a.onnx', '--runs', '3', '--runs', '4'], '--runs is given more than once'],
    [['check', 'a.onnx', '--format', 'fp16'], 'Expected "float32" or "raw" for --format but received "fp16"'],
    [
      ['check', 'a.onnx', '--input-folder', 'x'],
      'unknown option --input-folder; this command accepts --device, --format, --runs, --input',
    ],
    [['check', 'a.onnx', '--tolerance', '{atol: 1}'], '--tolerance is not valid JSON'],
    [['check', 'a.onnx', '--tolerance', '{"tolerence":1}'], 'Unknown tolerance key "tolerence"'],
  ])('a wrong command line names the problem, prints the usage, exit 2 (%j)', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
    expect(stderr).toContain('Usage: vitest-hailo check')
  })

  test.each([
    [['check', '/missing/model.onnx', '--device', 'onnx'], /Model file ".*missing\/model\.onnx" does not exist/],
    [['check', CLASSIFIER, '--device', 'emulatr'], /Unknown device spec "emulatr".*Valid specs: auto, hailo/],
    [['check', CLASSIFIER, '--device', 'onnx', '--input', '/missing/cat.png'], /missing\/cat\.png/],
  ])(
    'a missing model, device or input is an environment error: the message without the usage, exit 2 (%j)',
    async (argv, message) => {
      const { code, stdout, stderr } = await cli(...argv)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(message)
      expect(stderr).not.toContain('Usage:')
      expect(stderr).not.toContain('    at ')
    },
  )
})
