import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

// The script compiles test/support/onnx with tsc and regenerates every file (~10 s), so it has a file of its own
// and runs beside the other tests.
test('npm run models -- --check compiles the builders and finds every committed file up to date', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['scripts/make-models.mjs', '--check'], {
    cwd: new URL('../../../', import.meta.url),
  })
  expect(stdout).toContain('up to date  examples/models/convnext-tiny.onnx')
  expect(stdout).toContain('up to date  examples/images/labels.json')
  expect(stdout).not.toMatch(/STALE|MISSING/)
}, 120_000)
