import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { CLASSIFIER, SUN, UINT8_CLASSIFIER } from './test-support/run-cli.js'

// The built executable, as `npx vitest-hailo` runs it (npm test builds first).
const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))
const SLOW = 120_000
const GARBAGE = 'faulty:garbage-input,seed=7,inner=onnx'

/** Run the executable in `cwd` with pipes (stderr is not a terminal), environment overrides removed. */
function spawnCli(args: string[], cwd = mkdtempSync(join(tmpdir(), 'vh-cli-cwd-'))) {
  const env = { ...process.env, VITEST_HAILO_DEVICE: '', VITEST_HAILO_ARTIFACTS: '', VITEST_HAILO_SEED: '' }
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: SLOW })
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, cwd }
}

/**
 * Run the executable with stderr on a pseudo-terminal (util-linux `script`) and stdout into a file:
 * what a person at the Pi's shell sees on stderr, and what a script reads on stdout.
 */
function spawnInTerminal(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'vh-cli-tty-'))
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  const env = { ...process.env, VITEST_HAILO_DEVICE: '', VITEST_HAILO_ARTIFACTS: '', VITEST_HAILO_SEED: '' }
  const child = spawnSync('script', ['-qefc', `${quoted} > stdout.txt`, '/dev/null'], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: SLOW,
  })
  return { status: child.status, terminal: child.stdout, stdoutFile: join(cwd, 'stdout.txt') }
}

describe('the vitest-hailo executable', () => {
  test(
    'exit 0 for a pass, 1 for a failed check, 2 for a usage error',
    () => {
      expect(spawnCli(['check', CLASSIFIER, '--runs', '2', '--device', 'onnx', '--input', SUN]).status).toBe(0)
      expect(spawnCli(['check', UINT8_CLASSIFIER, '--runs', '3', '--device', GARBAGE, '--input', SUN]).status).toBe(1)
      const usage = spawnCli(['check', CLASSIFIER, '--runz', '3'])
      expect(usage.status).toBe(2)
      expect(usage.stderr).toContain('unknown option --runz')
      expect(spawnCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
    },
    SLOW,
  )

  test(
    'stderr that is not a terminal gets nothing: stdout is the one JSON document',
    () => {
      const { status, stdout, stderr } = spawnCli(['check', CLASSIFIER, '--runs', '3', '--device', 'onnx', '--json'])
      expect(status).toBe(0)
      expect(stderr).toBe('')
      expect((JSON.parse(stdout) as { pass: boolean }).pass).toBe(true)
    },
    SLOW,
  )

  test(
    'on a terminal, stderr shows runs done of n, the rate and the time left, then erases it; stdout stays clean',
    async () => {
      const { status, terminal, stdoutFile } = spawnInTerminal([
        'check',
        CLASSIFIER,
        '--runs',
        '40',
        '--warmup',
        '2',
        '--device',
        'onnx',
        '--json',
      ])
      expect(status).toBe(0)
      expect(terminal).toMatch(/\r\x1b\[Kruns 1 of 42, [\d.]+\/s, [\d.]+ s left/)
      expect(terminal).toMatch(/\r\x1b\[Kruns 42 of 42, [\d.]+\/s, 0\.0 s left\r\x1b\[K$/)
      const { readFileSync } = await import('node:fs')
      const doc = JSON.parse(readFileSync(stdoutFile, 'utf8')) as { pass: boolean; result: { runs: number } }
      expect(doc).toMatchObject({ pass: true, result: { runs: 40 } })
    },
    SLOW,
  )

  test(
    'writes nothing outside the chosen artifacts folder, and nothing at all on a usage error',
    () => {
      const failed = spawnCli([
        'check',
        UINT8_CLASSIFIER,
        '--runs',
        '3',
        '--device',
        GARBAGE,
        '--input',
        SUN,
        '--artifacts',
        'chosen',
      ])
      expect(failed.status).toBe(1)
      expect(readdirSync(failed.cwd)).toEqual(['chosen'])
      const refused = spawnCli(['compare', CLASSIFIER, CLASSIFIER, '--tolerance', '{"atoll":1}'])
      expect(refused.status).toBe(2)
      expect(readdirSync(refused.cwd)).toEqual([])
    },
    SLOW,
  )
})
