import { describe, expect, test } from 'vitest'
import { cli, CLASSIFIER } from '../test-support/run-cli.js'

describe('vitest-hailo diagnose', () => {
  test('names a stale output buffer with its evidence and fix, exit 1', async () => {
    const { code, stdout, stderr } = await cli('diagnose', CLASSIFIER, '--device', 'faulty:stale', '--seed', '4')
    expect(stderr).toBe('')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^FAIL {2}diagnose .*convnext-tiny\.onnx on faulty:stale.*: 1 cause found\n/)
    expect(stdout).toContain('1. [strong] Each output belongs to the previous input (a stale output buffer).')
    expect(stdout).toContain('   Fix: Read each output before writing the next frame')
    expect(stdout).toContain('  normalization: not run — it needs the reference model')
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('Seed: 4 (probe images; rerun with seed: 4).')
  })

  test('a healthy model with its reference: no cause, exit 0, and --json gives the causes as data', async () => {
    const { code, stdout } = await cli(
      'diagnose',
      CLASSIFIER,
      '--device',
      'onnx',
      '--reference',
      CLASSIFIER,
      '--seed',
      '2',
      '--json',
    )
    expect(code).toBe(0)
    const doc = JSON.parse(stdout) as {
      pass: boolean
      command: string
      diagnosis: { causes: unknown[]; probes: { probe: string; status: string }[]; seed: number }
    }
    expect(doc).toMatchObject({ pass: true, command: 'diagnose', diagnosis: { causes: [], seed: 2 } })
    expect(doc.diagnosis.probes.map((p) => [p.probe, p.status])).toEqual([
      ['previous-frame', 'ran'],
      ['normalization', 'not-applicable'],
      ['format', 'ran'],
      ['quantization', 'ran'],
    ])
  })

  test.each([
    [['--probes', 'stages'], 'unknown probes stages'],
    [['--probes', 'normalization'], 'needs the reference model'],
    [['--seed', 'x'], '--seed'],
    [['--colour'], '--colour'],
  ])('refuses %j with exit 2 and says what is accepted', async (extra, said) => {
    const { code, stderr } = await cli('diagnose', CLASSIFIER, '--device', 'onnx', ...extra)
    expect(code).toBe(2)
    expect(stderr).toContain(said)
  })
})
