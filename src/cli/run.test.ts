import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ARCFACE, MNIST, TESTDATA } from '../hef/test-support/make-hef.js'
import { identityModel } from '../../test/support/onnx/index.js'
import { inspectModel } from './commands/inspect.js'
import { runCli } from './run.js'
import type { CliCommand } from './types.js'

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (s) => {
      stdout += s
    },
    stderr: (s) => {
      stderr += s
    },
  })
  return { code, stdout, stderr }
}

describe('vitest-hailo inspect', () => {
  test('prints the inputs, outputs, compiler, target and the verdict of every 4.x release', async () => {
    const { code, stdout, stderr } = await run('inspect', ARCFACE)
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain('Dataflow Compiler 3.29.0')
    expect(stdout).toContain('Target HAILO8P (runs as HAILO8); HEF header version 1, CRC32 0xa7bc7593 verified')
    expect(stdout).toMatch(
      /arcface_mobilefacenet\/input_layer1 +uint8 +NHWC +\[1, 112, 112, 3\] +zero point 0, scale 1, range \[0, 255\]/,
    )
    expect(stdout).toMatch(/arcface_mobilefacenet\/fc1 +uint8 +NC +\[1, 512\] +zero point 144, scale 0\.0167389/)
    expect(stdout).toContain('HailoRT 4.19.0  validated pairing')
    expect(stdout).toContain('HailoRT 4.17.0  REFUSED: the file has HEF header version 1')
    expect(stdout).toContain(
      'HailoRT 4.23.0  not a validated pairing (Dataflow Compiler 3.29.0 was validated with 4.19.0)',
    )
    expect(stdout).toContain('Loads on HailoRT 4.18-4.23; validated with 4.19.')
  })

  test('mnist.hef without --hailort: loads on 4.13-4.20 only, with no validated pairing known', async () => {
    expect((await run('inspect', MNIST)).stdout).toContain('Loads on HailoRT 4.13-4.20; no validated pairing known.')
  })

  test('--hailort judges against one release: mnist is refused by 4.23 for periph_calculation_in_hailort', async () => {
    const { code, stdout } = await run('inspect', MNIST, '--hailort', '4.23.0')
    expect(code).toBe(0)
    expect(stdout).toMatch(/HailoRT 4\.23\.0 +REFUSED: the HEF has the periph_calculation_in_hailort feature disabled/)
  })

  test('--device HAILO8L refuses a Hailo-8 HEF', async () => {
    const { stdout } = await run('inspect', ARCFACE, '--hailort', '4.19.0', '--device', 'hailo-8l')
    expect(stdout).toMatch(/REFUSED: the HEF was compiled for HAILO8 \(HAILO8P\) but the device is a HAILO8L/)
    // The status HailoRT will answer, so "status 26" from the chip is recognised as this refusal.
    expect(stdout).toMatch(/a Hailo-8L HEF also runs on a Hailo-8\)\. \(HailoRT returns status 26, HAILO_INVALID_HEF\)/)
    const newer = await run('inspect', ARCFACE, '--hailort', '4.23.0', '--device', 'hailo-8l')
    expect(newer.stdout).toContain('(HailoRT returns status 93, HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE)')
  })

  test('--json prints the description, the HEF as read, and the verdicts', async () => {
    const { code, stdout } = await run('inspect', ARCFACE, '--json', '--hailort', '4.19.0')
    expect(code).toBe(0)
    const result = JSON.parse(stdout) as Awaited<ReturnType<typeof inspectModel>>
    const golden = JSON.parse(readFileSync(`${TESTDATA}golden.json`, 'utf8')) as {
      files: Record<string, { vstreams: unknown[] }>
    }
    expect(result.model.inputs[0]!.shape).toEqual([1, 112, 112, 3])
    expect(result.hef!.networkGroups[0]!.outputs[0]).toMatchObject(
      golden.files['arcface_mobilefacenet.hef']!.vstreams[1] as object,
    )
    expect(result.compatibility!.map((v) => v.level)).toEqual(['validated'])
  })

  test('--float32 shows the float32 vstream path', async () => {
    const { stdout } = await run('inspect', ARCFACE, '--float32')
    expect(stdout).toContain('Inputs (float32 vstreams)')
    expect(stdout).toMatch(/input_layer1 +float32 +NHWC/)
  })

  test('an ONNX model is described from what ONNX Runtime reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vh-inspect-'))
    const file = join(dir, 'identity.onnx')
    writeFileSync(file, identityModel({ shape: [1, 4] }).bytes)
    const { code, stdout } = await run('inspect', file)
    expect(code).toBe(0)
    expect(stdout).toContain('ONNX')
    expect(stdout).toMatch(/input +float32 +NC +\[1, 4\]/)
    expect(stdout).not.toContain('Compatibility')
  })

  test('a missing file: the message on stderr, no stack, exit 2', async () => {
    const { code, stdout, stderr } = await run('inspect', '/missing/model.hef')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^vitest-hailo inspect: .*\/missing\/model\.hef.* does not exist/)
    expect(stderr).not.toContain('    at ')
  })

  test('a corrupt HEF: the reader names the problem, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vh-inspect-'))
    const file = join(dir, 'cut.hef')
    writeFileSync(file, readFileSync(ARCFACE).subarray(0, 5000))
    const { code, stderr } = await run('inspect', file)
    expect(code).toBe(2)
    expect(stderr).toContain('The file is truncated')
  })

  test('a bad --hailort value is a usage error with exit 2 and no stack', async () => {
    const { code, stderr } = await run('inspect', ARCFACE, '--hailort', 'latest')
    expect(code).toBe(2)
    expect(stderr).toContain('Expected a HailoRT version such as "4.23.0" for target.hailort')
    expect(stderr).not.toContain('    at ')
  })

  test.each([
    [[], 'expected a model file'],
    [['a.hef', 'b.hef'], 'expected one model file but received 2'],
    [
      ['--bogus', 'a.hef'],
      'unknown option --bogus; this command accepts --json, --hailort, --device, --network-group, --float32, and --help.',
    ],
    [['a.hef', '--device', 'HAILO8', '--device', 'HAILO8L'], '--device is given more than once; give it once.'],
    [['a.hef', '--hailort'], '--hailort needs a value'],
    [['a.hef', '--device', 'HAILO15H'], 'expected HAILO8 or HAILO8L for --device'],
  ])('argument problems print the message and the usage, exit 2 (%j)', async (args, message) => {
    const { code, stderr } = await run('inspect', ...args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stderr).toContain('Usage: vitest-hailo inspect')
  })

  test('--help prints the command usage on stdout, exit 0', async () => {
    const { code, stdout } = await run('inspect', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('--hailort <version>')
  })
})

describe('vitest-hailo', () => {
  test('--help lists the commands, exit 0', async () => {
    const { code, stdout } = await run('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/Commands:\n {2}check +run a model N times/)
    expect(stdout).toMatch(/\n {2}compare +run a model and its ONNX reference/)
    expect(stdout).toMatch(/\n {2}inspect +describe a \.hef or \.onnx model/)
    expect(stdout).toContain('Exit status: 0 pass, 1 a check failed, 2 usage or environment error')
  })

  test('--version prints the package version alone, exit 0', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    const { code, stdout, stderr } = await run('--version')
    expect(code).toBe(0)
    expect(stdout).toBe(`${manifest.version}\n`)
    expect(stderr).toBe('')
  })

  test('--help after a command shows that command, whatever else the line holds', async () => {
    const { code, stdout } = await run('check', 'model.onnx', '--bogus', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: vitest-hailo check')
  })

  test('help <command> prints that command usage', async () => {
    expect((await run('help', 'inspect')).stdout).toContain('Usage: vitest-hailo inspect')
  })

  test('no command prints the usage on stderr, exit 2', async () => {
    const { code, stderr } = await run()
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: vitest-hailo <command>')
  })

  test('an unknown command prints the usage, exit 2', async () => {
    const { code, stderr } = await run('inpsect', 'model.hef')
    expect(code).toBe(2)
    expect(stderr).toContain(
      'unknown command "inpsect"; the commands are check, compare, diagnose, fuzz, replay, inspect, report merge',
    )
    expect(stderr).toContain('Commands:')
  })

  test('an unexpected (non vitest-hailo) error is reported as a bug with its stack, exit 2 (nothing was decided)', async () => {
    const broken: CliCommand = {
      name: 'boom',
      summary: 'fails',
      usage: 'boom',
      run: async () => {
        throw new TypeError('oops')
      },
    }
    let stderr = ''
    const code = await runCli(
      ['boom'],
      {
        stdout: () => {},
        stderr: (s) => {
          stderr += s
        },
      },
      [broken],
    )
    expect(code).toBe(2)
    expect(stderr).toContain('unexpected error (a bug')
    expect(stderr).toContain('TypeError: oops')
  })

  test('the executable starts with a node shebang', () => {
    expect(readFileSync(new URL('./main.ts', import.meta.url), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
  })
})

// From the shell, a HEF on a machine without a chip was answered in the test API's words: describeModel(path),
// hailo({ onMissingDevice: 'skip' }) — nothing a shell can type.
describe('a HEF where no chip runs it', () => {
  test.each(['fuzz', 'check'])(
    '%s says what to type: --device hailo on the Pi, vitest-hailo inspect here',
    async (name) => {
      const { code, stdout, stderr } = await run(name, ARCFACE, '--device', 'onnx')
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toContain(`vitest-hailo ${name}: ${ARCFACE} is a HEF (a model compiled for a Hailo chip)`)
      expect(stderr).toContain('--device hailo')
      expect(stderr).toContain(`vitest-hailo inspect ${ARCFACE}`)
      expect(stderr).not.toMatch(/describeModel|onMissingDevice|hailo\(/)
    },
  )
})
