import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { useArtifactsRoot } from '../../../matchers/test-support/failures.js'
import { identityModel } from '../../../test/support/onnx/index.js'
import { cli, CLASSIFIER, SUN } from '../test-support/run-cli.js'

useArtifactsRoot('vh-cli-shape-alls-')
const ALLS = fileURLToPath(new URL('../../../examples/models/imagenet_normalization.alls', import.meta.url))
const SLOW = 120_000

/** An image model exported with dynamic height and width, as PaddleOCR's are. */
function dynamicModel(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vh-cli-dyn-')), 'dynamic-hw.onnx')
  writeFileSync(path, identityModel({ dtype: 'float32', shape: [1, 3, 'height', 'width'] }).bytes)
  return path
}

// A model with dynamic sizes could be checked from the shell only with an --input: the engines' `shape`
// option had no flag.
describe('--shape gives the sizes of dynamic dimensions', () => {
  test('check: refused without it, runs with it', async () => {
    const model = dynamicModel()
    const without = await cli('check', model, '--device', 'onnx', '--runs', '3')
    expect(without.code).toBe(2)
    expect(without.stderr).toMatch(/dynamic dimensions/)
    // In the shell's words: the flags to give, not the matcher's `shape: [...]` / `input: '...'` options.
    expect(without.stderr).toContain('--shape 1,3,<size>,<size>')
    expect(without.stderr).not.toMatch(/shape: \[|input: '/)
    const { code, stdout, stderr } = await cli('check', model, '--device', 'onnx', '--runs', '3', '--shape', '1,3,8,12')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^PASS {2}check /)
    expect(stdout).toMatch(/\[1, 3, 8, 12\]/)
  })

  test('fuzz and replay: refused without it, in the words of the command line', async () => {
    const model = dynamicModel()
    for (const argv of [
      ['fuzz', model, '--device', 'onnx'],
      [
        'replay',
        Buffer.from('{"v":1,"p":"repeatable","s":1,"path":"0"}').toString('base64url'),
        model,
        '--device',
        'onnx',
      ],
    ]) {
      const { code, stderr } = await cli(...argv)
      expect(code).toBe(2)
      expect(stderr).toMatch(/dynamic dimensions/)
      expect(stderr).toContain('--shape 1,3,<size>,<size>')
      expect(stderr).not.toMatch(/shape: \[|\{ shape/)
    }
  })

  test('fuzz: runs its properties on that shape', async () => {
    const model = dynamicModel()
    const { code, stdout, stderr } = await cli('fuzz', model, '--device', 'onnx', '--cases', '5', '--shape', '1x3x8x12')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^PASS {2}fuzz /)
  })

  // The printed replay line left out --shape: pasted as printed, it was refused (exit 2) for the dynamic dimensions.
  test('fuzz: the replay line it prints carries --shape, and runs as printed', async () => {
    const model = dynamicModel()
    const fuzzed = await cli(
      'fuzz',
      model,
      '--device',
      'faulty:stale,seed=1,inner=emulator',
      '--properties',
      'frame-order',
      '--cases',
      '10',
      '--seed',
      '4',
      '--shape',
      '1,3,8,12',
    )
    expect(fuzzed.code).toBe(1)
    const line = /^Replay from the shell: vitest-hailo (.*)$/m.exec(fuzzed.stdout)?.[1]
    expect(line).toContain(' --shape 1,3,8,12')
    const words = [...line!.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!)
    const again = await cli(...words)
    expect(again.stderr).toBe('')
    expect(again.code).toBe(1)
    expect(again.stdout).toContain("Replayed: the token's case of frame-order ran first and failed again")
    // At other sizes the token's seed and path make another case: refused, not run under the token's name.
    const resized = await cli(...words.map((w) => (w === '1,3,8,12' ? '1,3,8,16' : w)))
    expect(resized.code).toBe(2)
    expect(resized.stderr).toContain("--shape 'input=1,3,8,12' from the shell")
  })

  test('a malformed --shape is a usage error naming the accepted forms', async () => {
    const { code, stderr } = await cli('check', dynamicModel(), '--shape', '1,3,h,12')
    expect(code).toBe(2)
    expect(stderr).toMatch(/--shape "1,3,h,12": every size must be an integer ≥ 1; expected 1,3,48,192/)
  })
})

// With --alls, the chip normalizes on-chip; the ONNX model standing in for it on the emulator was loaded without
// that normalization, so a healthy pipeline failed parity and was diagnosed "not normalized".
describe('--alls on an ONNX model: its stand-in normalizes as the compiled HEF would', () => {
  test(
    'compare on the emulator passes for the model against itself',
    async () => {
      const { code, stdout } = await cli(
        'compare',
        CLASSIFIER,
        CLASSIFIER,
        '--device',
        'emulator',
        '--alls',
        ALLS,
        '--input',
        SUN,
      )
      expect(stdout).toMatch(/^PASS {2}compare /)
      expect(code).toBe(0)
    },
    SLOW,
  )

  test(
    'diagnose finds nothing on the healthy emulator and says which probes could not run',
    async () => {
      const { code, stdout } = await cli(
        'diagnose',
        CLASSIFIER,
        '--device',
        'emulator',
        '--reference',
        CLASSIFIER,
        '--alls',
        ALLS,
        '--seed',
        '4',
      )
      expect(stdout).toMatch(
        /^PASS {2}diagnose .* on emulator: no cause found( \(\d of 4 probes could not run: [a-z-, ]+\))?\n/,
      )
      expect(stdout).toMatch(/normalization: 8 inferences — 0× -?[\d.]+ dB, 1× -?[\d.]+ dB/)
      expect(code).toBe(0)
    },
    SLOW,
  )

  test(
    'diagnose names the skipped normalization on a device that drops it',
    async () => {
      const { code, stdout } = await cli(
        'diagnose',
        CLASSIFIER,
        '--device',
        'faulty:skip-normalization,seed=1',
        '--reference',
        CLASSIFIER,
        '--alls',
        ALLS,
        '--seed',
        '4',
      )
      expect(stdout).toMatch(/^FAIL {2}diagnose /)
      expect(stdout).toMatch(/The input is not normalized/)
      expect(code).toBe(1)
    },
    SLOW,
  )
})
