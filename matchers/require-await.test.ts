import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'

const project = fileURLToPath(new URL('./testdata/unawaited/', import.meta.url))
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'vitest-hailo-unawaited-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface JsonResult {
  title: string
  status: string
  failureMessages: string[]
}

/** Run the project whose tests forget `await` in a child Vitest (the installed major), once for every test below. */
const run = (() => {
  let cached: { status: number | null; byTitle: Record<string, JsonResult> } | undefined
  return () => {
    if (cached !== undefined) return cached
    const json = join(out, 'results.json')
    const child = spawnSync(
      process.execPath,
      [vitestBin, 'run', '--root', project, '--reporter=json', `--outputFile.json=${json}`],
      {
        env: { ...process.env, VITEST_HAILO_DEVICE: '', UNAWAITED_ARTIFACTS: join(out, 'artifacts'), NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 90_000,
      },
    )
    const results = (JSON.parse(readFileSync(json, 'utf8')) as { testResults: { assertionResults: JsonResult[] }[] })
      .testResults[0]!.assertionResults
    cached = { status: child.status, byTitle: Object.fromEntries(results.map((r) => [r.title, r])) }
    return cached
  }
})()

// One child Vitest: generous limits, the full suite may be running beside it.
describe('a matcher left without await', { timeout: 120_000 }, () => {
  test('fails its test, naming the missing await, and the run exits non-zero', () => {
    const { status, byTitle } = run()
    expect(status).toBe(1)
    const failure = byTitle['a passing determinism check without await']!
    expect(failure.status).toBe('failed')
    expect(failure.failureMessages.join('\n')).toContain(
      'MissingAwaitError: expect(model).toBeDeterministicAcross(…) was not awaited: the test ended while it was still running. Write `await expect(model).toBeDeterministicAcross(…)`.',
    )
  })

  test('carries the verdict of a failing check with it', () => {
    const message = run().byTitle['a failing determinism check without await']!.failureMessages.join('\n')
    expect(message).toContain('Write `await expect(model).toBeDeterministicAcross(…)`')
    expect(message).toContain('5 distinct outputs in 5 runs')
    // One failure, not the verdict once more as an unhandled rejection or a second error.
    expect(run().byTitle['a failing determinism check without await']!.failureMessages).toHaveLength(1)
  })

  test('covers the parity matcher as well', () => {
    const failure = run().byTitle['a parity check without await']!
    expect(failure.status).toBe('failed')
    expect(failure.failureMessages.join('\n')).toContain('Write `await expect(model).toMatchOnnxWithin(…)`')
  })

  test.each([
    ['a fuzz check without await', 'toSurviveFuzzing'],
    ['a stages check without await', 'toMatchStagesWithin'],
  ])('covers %s (%s) as well', (title, matcher) => {
    const failure = run().byTitle[title]!
    expect(failure.status).toBe('failed')
    expect(failure.failureMessages.join('\n')).toContain(`Write \`await expect(model).${matcher}(…)\``)
  })

  test('leaves awaited, returned, caught and Promise.all-ed checks alone', () => {
    const { byTitle } = run()
    for (const title of [
      'an awaited check',
      'an awaited failure caught by rejects',
      'a check returned from the test function',
      'two checks awaited together',
    ]) {
      expect({ title, status: byTitle[title]?.status }).toEqual({ title, status: 'passed' })
    }
  })
})
