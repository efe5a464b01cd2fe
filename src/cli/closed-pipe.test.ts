import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { CLASSIFIER } from './test-support/run-cli.js'

// The built executable, as `npx vitest-hailo` runs it (npm test builds first).
const BIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

// `vitest-hailo … | head` closes the pipe before the command is done writing. Node then raised an
// unhandled 'error' event (EPIPE) and printed a stack trace from inside the CLI; a shell's own tools stay quiet.
test.each([
  ['--help', ['--help']],
  ['inspect of an ONNX model', ['inspect', CLASSIFIER]],
])('a reader that closes the pipe early (%s | true) gets no EPIPE crash, and the exit code stays', (_what, args) => {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
  // `true` exits without reading: every write of the command meets a closed pipe.
  const child = spawnSync(
    'bash',
    ['-c', `set -o pipefail; ${quoted} 2>stderr.txt | true; echo "status $?"; cat stderr.txt`],
    {
      cwd: mkdtempSync(join(tmpdir(), 'vh-cli-pipe-')),
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  expect(child.stdout).toMatch(/^status 0\n/)
  expect(child.stdout).not.toMatch(/EPIPE|Unhandled|node:events/)
})
