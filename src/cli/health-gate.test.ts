import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { writeModel } from '../device/backends/hailort/test-support/double.js'
import { useDoubleChip } from '../device/backends/hailort/test-support/double-suite.js'
import type { BoardHealth } from '../health/types.js'
import { cli, SUN, UINT8_CLASSIFIER } from './test-support/run-cli.js'

// The health gate through the whole command, on the libhailort double standing in for a Hailo-8.
const { double, dir, arcface } = useDoubleChip()
const onChip = ['--device', 'hailo', '--format', 'raw', '--artifacts', join(dir, 'artifacts')]

/** The parts of a `--json` document these tests read. */
interface CliDocument {
  readonly pass: boolean
  readonly exitCode: number
  readonly message: string
  readonly result: {
    readonly deterministic?: boolean
    readonly passed?: boolean
    readonly failure?: { readonly token: string }
    readonly health: BoardHealth
  }
  readonly healthGate?: Record<string, unknown>
}

/** `vitest-hailo <command> … --json`, its document parsed. */
async function json(...argv: string[]): Promise<{ code: number; stderr: string; doc: CliDocument }> {
  const { code, stdout, stderr } = await cli(...argv, '--json')
  return { code, stderr, doc: JSON.parse(stdout) as CliDocument }
}

describe('vitest-hailo check with --max-temperature / --on-event', () => {
  test('a hot board fails a deterministic check with the BoardHealthError words and exit 1', async () => {
    double.setFaults('temperature=71')
    const { code, stdout, stderr } = await cli('check', arcface, ...onChip, '--runs', '3', '--max-temperature', '70')
    expect(stderr).toBe('')
    expect(code).toBe(1)
    const lines = stdout.split('\n')
    expect(lines[0]).toMatch(/^FAIL {2}check .*arcface\.hef on hailo/)
    expect(lines.slice(2)).toEqual([
      'The board, neither the test nor the model: toBeDeterministicAcross ran on a board that was unhealthy by the health option:',
      '  - the chip reached 71.3 °C, above maxTemperatureC 70',
      'Board: 71.3 °C → 71.3 °C (max 71.3), not throttled, no events',
      "The check's own verdict (not to be trusted on this board): all 3 runs gave identical bytes.",
      'Quarantine the board (a CI gate can match BoardHealthError or code E_BOARD_UNHEALTHY), check its power, cooling and PCIe seating, and rerun on a healthy one.',
      '',
    ])
  })

  test('a fatal notification during the check fails it; --json records the window and the gate', async () => {
    double.setFaults('notify=cpu_ecc_fatal@2')
    const { code, doc } = await json('check', arcface, ...onChip, '--runs', '4', '--on-event', 'fail')
    expect(code).toBe(1)
    expect(doc).toMatchObject({ pass: false, exitCode: 1 })
    expect(doc.result.deterministic).toBe(true)
    expect(doc.result.health.inferences).toBe(4)
    expect(doc.result.health.events.map((e) => [e.kind, e.run])).toEqual([['cpu-ecc-fatal', 2]])
    expect(doc.healthGate).toEqual({
      onEvent: 'fail',
      judged: true,
      healthy: false,
      checkPassed: true,
      code: 'E_BOARD_UNHEALTHY',
      reasons: [expect.stringMatching(/^CPU ECC error \(fatal\) during inference 2/)],
      warnings: [],
    })
    expect(doc.message).toMatch(/^The board, neither the test nor the model: toBeDeterministicAcross ran on a board/)
  })

  test('a healthy board passes: exit 0, the check’s own words, the gate recorded as healthy', async () => {
    double.setFaults('temperature=60.95,notify=clock_changed@1')
    const { code, doc, stderr } = await json('check', arcface, ...onChip, '--runs', '3', '--max-temperature', '85')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(doc.message).toMatch(/^all 3 runs gave identical bytes/)
    expect(doc.result.health.temperatureC).toEqual({ before: 61.2, after: 61.2, max: 61.2 })
    expect(doc.healthGate).toEqual({
      maxTemperatureC: 85,
      onEvent: 'fail',
      judged: true,
      healthy: true,
      checkPassed: true,
      warnings: [],
    })
  })

  test('a failing check on an unhealthy board keeps its own message and artifacts after the board’s', async () => {
    double.setFaults('corrupt=random,notify=lcu_ecc_uncorrectable@3')
    const { code, stdout } = await cli('check', arcface, ...onChip, '--runs', '6', '--max-temperature', '85')
    expect(code).toBe(1)
    expect(stdout).toContain('  - LCU ECC error (uncorrectable) during inference 3 (cluster bitmap 0x0004)')
    expect(stdout).toMatch(/The check's own verdict \(not to be trusted on this board\): \d+ distinct outputs/)
    const own = stdout.indexOf('\nexpect(model).toBeDeterministicAcross(6)\n')
    expect(own).toBeGreaterThan(stdout.indexOf('Quarantine the board'))
    const folder = /Artifacts: (.+?) \(/.exec(stdout)![1]!
    const summary = JSON.parse(await readFile(join(folder, 'summary.json'), 'utf8'))
    expect(summary.health.events.map((e: { kind: string }) => e.kind)).toEqual(['lcu-ecc-uncorrectable'])
  })

  test('--on-event warn prints the events on stderr and leaves the verdict alone', async () => {
    double.setFaults('notify=overcurrent@1')
    const { code, stdout, stderr } = await cli('check', arcface, ...onChip, '--runs', '3', '--on-event', 'warn')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^PASS/)
    expect(stderr).toMatch(
      /^vitest-hailo: toBeDeterministicAcross ran while the board reported: over-current alarm during inference 1/,
    )
    expect(stderr).toContain('\nBoard: 47.8 °C → 47.8 °C (max 47.8), not throttled, 1 event: over-current alarm')
  })

  test('without the options the board is reported, never judged', async () => {
    double.setFaults('temperature=99,notify=runtime_error@1')
    const { code, doc } = await json('check', arcface, ...onChip, '--runs', '2')
    expect(code).toBe(0)
    expect(doc.result.health.events).toHaveLength(1)
    expect('healthGate' in doc).toBe(false)
  })

  test('on a device without a board, stderr says the gate judged nothing', async () => {
    const { code, doc, stderr } = await json(
      'check',
      UINT8_CLASSIFIER,
      '--device',
      'onnx',
      '--input',
      SUN,
      '--runs',
      '2',
      '--max-temperature',
      '1',
    )
    expect(code).toBe(0)
    expect(stderr).toBe(
      'vitest-hailo: --max-temperature / --on-event judged nothing: the onnx device watches no board (only hailo does).\n',
    )
    expect(doc.healthGate).toEqual({ maxTemperatureC: 1, onEvent: 'fail', judged: false })
  })
})

describe('bad --max-temperature / --on-event values are refused before the device opens', () => {
  test.each([
    [
      'check',
      ['--max-temperature', 'hot'],
      'Expected a temperature in °C above 0, such as 85 for --max-temperature but received "hot"',
    ],
    [
      'check',
      ['--max-temperature', '0'],
      'Expected a temperature in °C above 0, such as 85 for --max-temperature but received "0"',
    ],
    ['check', ['--max-temperature=-5'], 'for --max-temperature but received "-5"'],
    ['check', ['--max-temperature', '85C'], 'for --max-temperature but received "85C"'],
    ['check', ['--on-event', 'ignore'], 'Expected "fail" or "warn" for --on-event but received "ignore"'],
    ['fuzz', ['--on-event', 'FAIL'], 'Expected "fail" or "warn" for --on-event but received "FAIL"'],
    ['compare', ['--max-temperature', 'NaN'], 'for --max-temperature but received "NaN"'],
  ])('%s %j', async (command, flags, words) => {
    const model = command === 'compare' ? [arcface, 'reference.onnx'] : [arcface]
    const before = double.calls('hailo_create_vdevice')
    const { code, stdout, stderr } = await cli(command, ...model, ...onChip, ...flags)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(words)
    // The command's usage follows, with the options' lines.
    expect(stderr).toContain('--max-temperature <°C>')
    expect(double.calls('hailo_create_vdevice')).toBe(before)
  })
})

test.each(['check', 'compare', 'fuzz', 'replay'])(
  '%s --help lists --max-temperature and --on-event',
  async (command) => {
    const { code, stdout } = await cli(command, '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/\n {2}--max-temperature <°C> {3}fail \(exit 1, BoardHealthError\)/)
    expect(stdout).toMatch(/\n {2}--on-event <fail\|warn> {3}a board event/)
    expect(stdout).toMatch(/Exit status: 0 .*, 1 .*the board (was )?unhealthy by\s+--max-temperature/s)
  },
)

describe('vitest-hailo fuzz and replay with the health gate', () => {
  test('fuzz fails on a board that reported a run-time error, though every property held', async () => {
    double.setFaults('notify=runtime_error@2')
    const { code, doc } = await json(
      'fuzz',
      arcface,
      ...onChip,
      '--properties',
      'repeatable',
      '--cases',
      '2',
      '--seed',
      '1',
      '--on-event',
      'fail',
    )
    expect(code).toBe(1)
    expect(doc.result.passed).toBe(true)
    expect(doc.result.health.events.map((e) => [e.kind, e.run])).toEqual([['runtime-error', 2]])
    expect(doc.message.split('\n')[0]).toBe(
      'The board, neither the test nor the model: toSurviveFuzzing ran on a board that was unhealthy by the health option:',
    )
    expect(doc.message).toContain('  - context-switch run-time error during inference 2')
  })

  test('replay on a hot board fails as the board’s; on a cool one it passes', async () => {
    double.setFaults('corrupt=random')
    const failed = await json('fuzz', arcface, ...onChip, '--properties', 'repeatable', '--cases', '3', '--seed', '1')
    expect(failed.code).toBe(1)
    const token = failed.doc.result.failure!.token
    double.setFaults('temperature=90')
    const hot = await cli('replay', token, arcface, ...onChip, '--max-temperature', '85')
    expect(hot.code).toBe(1)
    expect(hot.stdout).toContain('  - the chip reached 90.3 °C, above maxTemperatureC 85')
    double.setFaults('')
    const cool = await cli('replay', token, arcface, ...onChip, '--max-temperature', '85')
    expect(cool.stdout).toMatch(/^PASS/)
    expect(cool.code).toBe(0)
  })
})

test('compare on a board that reported an over-current fails as the board’s, the parity failure kept', async () => {
  // A "HEF" with the example classifier's inputs and outputs: the double computes noise, so parity fails too.
  const quant = { zp: 0, scale: 1 / 255, min: 0, max: 1 }
  const hef = writeModel(dir, 'classifier.hef', {
    groups: [
      {
        name: 'classifier',
        vstreams: [
          { direction: 'in', name: 'classifier/image', shape: [128, 128, 3] },
          { direction: 'out', name: 'classifier/logits', order: 'NC', shape: [1, 1, 67], quant },
          { direction: 'out', name: 'classifier/probs', order: 'NC', shape: [1, 1, 67], quant },
        ],
      },
    ],
  })
  double.setFaults('notify=overcurrent@1')
  const { code, doc } = await json('compare', hef, UINT8_CLASSIFIER, ...onChip, '--on-event', 'fail')
  expect(code).toBe(1)
  expect(doc.healthGate).toMatchObject({ healthy: false, checkPassed: false })
  expect(doc.message.split('\n')[0]).toBe(
    'The board, neither the test nor the model: toMatchOnnxWithin ran on a board that was unhealthy by the health option:',
  )
  expect(doc.message).toContain('  - over-current alarm during inference 1 (zone red, threshold 7.50 A)')
  expect(doc.message.indexOf('\nexpect(model).toMatchOnnxWithin(reference)\n')).toBeGreaterThan(
    doc.message.indexOf('Quarantine the board'),
  )
  expect(doc.result.health.events.map((e) => e.kind)).toEqual(['overcurrent'])
})
