// The CLI quotes a model's own input and output names in verdicts and errors. Control characters in them
// must reach the shell as visible escapes (as `inspect` shows them), never as terminal commands.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { identityModel } from '../../test/support/onnx/index.js'
import { cli } from './test-support/run-cli.js'

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
const OUTPUT = 'out\u001b[2J\u001b[H\u0007'
const SHOWN = 'out\\x1b[2J\\x1b[H\\x07'

let dir: string
let vector: string
let map: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-cli-hostile-'))
  vector = join(dir, 'vector.onnx')
  map = join(dir, 'map.onnx')
  await writeFile(vector, identityModel({ output: OUTPUT }).bytes)
  await writeFile(map, identityModel({ shape: [1, 1, 4, 4], output: OUTPUT }).bytes)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('names with control characters, from the model file, on the command line', () => {
  test('a failed check prints them escaped, never raw', async () => {
    const artifacts = join(dir, 'artifacts')
    const run = await cli(
      'check',
      vector,
      '--device',
      'faulty:random,inner=onnx',
      '--runs',
      '2',
      '--artifacts',
      artifacts,
    )
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(SHOWN)
    expect(run.stdout + run.stderr).not.toMatch(CONTROL)
  })

  test('an error that names them prints them escaped, never raw', async () => {
    const run = await cli('compare', map, map, '--tolerance', '{"top1":true}')
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`is not a vector of class scores`)
    expect(run.stderr).toContain(SHOWN)
    expect(run.stdout + run.stderr).not.toMatch(CONTROL)
  })
})
