import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import '../../../matchers/index.js'
import { failureOf, useArtifactsRoot } from '../../../matchers/test-support/failures.js'
import { openDevice } from '../../device/open.js'
import { cli, CLASSIFIER, DECOMPOSED, IMAGES, SUN } from '../test-support/run-cli.js'

useArtifactsRoot('vh-cli-compare-matcher-')

const stable = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => !/^Artifacts:/.test(l))
    .map((l) => l.replace(/^(Expected|Received): "(.*)"$/, '$1: $2'))

describe('vitest-hailo compare', () => {
  test('a rewritten graph within the tolerance of its reference passes over a folder of images, exit 0', async () => {
    const { code, stdout, stderr } = await cli(
      'compare',
      DECOMPOSED,
      CLASSIFIER,
      '--device',
      'onnx',
      '--input',
      IMAGES,
      '--tolerance',
      '{"top1":true,"cosine":0.999}',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(
      /^PASS {2}compare .*decomposed-ln\.onnx on onnx with .*convnext-tiny\.onnx\n\nall 2 outputs are within the tolerance over 8 samples: cosine ≥ 0\.999, top-1 agrees in every row/,
    )
  })

  test('without --tolerance: top-1 agrees and cosine ≥ 0.99, said in the output', async () => {
    const { code, stdout } = await cli('compare', DECOMPOSED, CLASSIFIER, '--device', 'onnx', '--seed', '3')
    expect(code).toBe(0)
    expect(stdout).toContain('within the tolerance: cosine ≥ 0.99, top-1 agrees in every row')
  })

  test("the emulator's quantized outputs outside atol 1e-4 fail with the matcher's own words and exit 1", async () => {
    const artifacts = await mkdtemp(join(tmpdir(), 'vh-cli-compare-'))
    const { code, stdout } = await cli(
      'compare',
      CLASSIFIER,
      CLASSIFIER,
      '--device',
      'emulator',
      '--input',
      SUN,
      '--tolerance',
      '{"atol":1e-4}',
      '--seed',
      '9',
      '--artifacts',
      artifacts,
    )
    expect(code).toBe(1)
    expect(stdout).toContain('Expected: every output within: |a − e| ≤ 0.0001 + 0·|e|')

    const emulator = await openDevice('emulator')
    try {
      const model = await emulator.load(CLASSIFIER)
      const message = await failureOf(
        expect(model).toMatchOnnxWithin(CLASSIFIER, { input: SUN, seed: 9, tolerance: { atol: 1e-4 } }),
      )
      expect(stable(stdout.slice(stdout.indexOf('expect(model)')).trimEnd())).toEqual(stable(message))
    } finally {
      await emulator.dispose()
    }
    const folder = /\nArtifacts: (\S+) \(inputs, outputs, reference and difference as \.npy, summary\.json\)/.exec(
      stdout,
    )?.[1]
    expect(folder?.startsWith(join(artifacts, 'cli', 'compare'))).toBe(true)
    const summary = JSON.parse(await readFile(join(folder!, 'summary.json'), 'utf8')) as {
      matcher: string
      tolerance: unknown
    }
    expect(summary).toMatchObject({ matcher: 'toMatchOnnxWithin', tolerance: { atol: 1e-4 } })
  })

  test('--json prints one document with the dataset verdict and no tensor bytes', async () => {
    const { code, stdout } = await cli('compare', DECOMPOSED, CLASSIFIER, '--device', 'onnx', '--input', SUN, '--json')
    expect(code).toBe(0)
    const doc = JSON.parse(stdout) as {
      pass: boolean
      command: string
      result: { verdict: { names: string[] }; exemplar?: unknown }
    }
    expect(doc).toMatchObject({ pass: true, command: 'compare', result: { verdict: { names: ['logits', 'probs'] } } })
    expect(doc.result.exemplar).toBeUndefined()
  })

  test.each([
    [['compare', 'a.onnx'], 'expected <model> <reference> but received 1 argument (a.onnx)'],
    [['compare', 'a.onnx', 'b.onnx', '--tolerance', 'top1'], '--tolerance is not valid JSON'],
    [['compare', 'a.onnx', 'b.onnx', '--tolerance', '[1]'], '--tolerance must be a JSON object'],
    [
      ['compare', 'a.onnx', 'b.onnx', '--tolerance', '{"cosin":0.9}'],
      'Unknown tolerance key "cosin" in tolerance; valid keys are: atol, rtol',
    ],
    [['compare', 'a.onnx', 'b.onnx', '--tolerance', '{"cosine":2}'], '--tolerance: Expected'],
    [['compare', 'a.onnx', 'b.onnx', '--runs', '3'], 'unknown option --runs'],
  ])('a wrong command line names the problem and what is accepted, exit 2 (%j)', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(message)
    expect(stderr).toContain('Usage: vitest-hailo compare')
  })

  test('a missing reference is an environment error naming it, exit 2', async () => {
    const { code, stderr } = await cli('compare', CLASSIFIER, '/missing/ref.onnx', '--device', 'onnx')
    expect(code).toBe(2)
    expect(stderr).toContain('/missing/ref.onnx')
  })
})
