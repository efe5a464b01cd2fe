// The CLI quotes a model's own input and output names in verdicts and errors. Control characters in them
// must reach the shell as visible escapes (as `inspect` shows them), never as terminal commands.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { identityModel } from '../../test/support/onnx/index.js'
import type { InferableModel } from '../device/types.js'
import type { HealthEvent } from '../health/types.js'
import { withProgress } from './engine-run.js'
import { gateOnBoardHealth } from './health-gate.js'
import { runCli } from './run.js'
import { cli } from './test-support/run-cli.js'
import { EXIT, type CliCommand } from './types.js'

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

describe('warning lines on stderr quote text from the board and the model escaped; the progress line stays a redraw', () => {
  // A command that draws progress over two inferences, then lets `--on-event warn` print the board's event, whose
  // detail holds the hostile name (as a notification may quote what it read).
  const event: HealthEvent = { kind: 'overcurrent', run: 1, atMs: 3, detail: `output ${OUTPUT}`, suspect: true }
  const command: CliCommand = {
    name: 'warns',
    summary: 'draws progress, then warns',
    usage: 'vitest-hailo warns\n',
    async run(_args, io) {
      const model: InferableModel = { inputs: [], outputs: [], infer: async () => ({}) }
      await withProgress(io, model, { unit: 'runs', total: 2 }, async (m) => {
        await m.infer({})
        await m.infer({})
      })
      const health = { temperatureC: {}, throttling: {}, throttledRuns: [], events: [event], inferences: 2 }
      const own = { check: 'toBeDeterministicAcross', ownVerdict: 'all 2 runs gave identical bytes', device: 'hailo' }
      gateOnBoardHealth(io, { onEvent: 'warn' }, { ...own, health }, { pass: true } as never)
      return EXIT.ok
    },
  }

  test('the --on-event warn line shows the escapes, and the progress line still erases itself', async () => {
    let stderr = ''
    const code = await runCli(['warns'], { stdout: () => undefined, stderr: (s) => (stderr += s), interactive: true }, [
      command,
    ])
    expect(code).toBe(EXIT.ok)
    expect(stderr).toContain(`vitest-hailo: toBeDeterministicAcross ran while the board reported: over-current alarm`)
    expect(stderr).toContain(SHOWN)
    expect(stderr).toContain('\r\u001b[Kruns 1 of 2')
    // The progress line's own redraw and erase are the only control characters that reach the terminal.
    expect(stderr.replaceAll('\r\u001b[K', '')).not.toMatch(CONTROL)
  })
})
