import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { abortReason } from './stopped-check.js'

const project = fileURLToPath(new URL('./testdata/timeout/', import.meta.url))
const vitestBin = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'vitest-hailo-timeout-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface JsonResult {
  title: string
  status: string
  failureMessages: string[]
}

/**
 * Run the project whose checks outlast their tests in a child Vitest (the installed major), once for every test below.
 */
const run = (() => {
  let cached: Record<string, JsonResult> | undefined
  return () => {
    if (cached !== undefined) return cached
    const json = join(out, 'results.json')
    spawnSync(process.execPath, [vitestBin, 'run', '--root', project, '--reporter=json', `--outputFile.json=${json}`], {
      env: { ...process.env, VITEST_HAILO_DEVICE: '', TIMEOUT_ARTIFACTS: join(out, 'artifacts'), NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    const results = (JSON.parse(readFileSync(json, 'utf8')) as { testResults: { assertionResults: JsonResult[] }[] })
      .testResults[0]!.assertionResults
    cached = Object.fromEntries(results.map((r) => [r.title, r]))
    return cached
  }
})()

const messagesOf = (title: string): string[] => {
  const result = run()[title]!
  expect(result.status).toBe('failed')
  return result.failureMessages
}

// One child Vitest: generous limits, the full suite may be running beside it.
describe('a check stopped by the test timeout still reports', { timeout: 150_000 }, () => {
  test("a determinism check: runs done, what they showed, time per run and what to change, beside Vitest's timeout", () => {
    const messages = messagesOf('a deterministic check cut by the test timeout')
    // Vitest's own timeout error first (the JSON reporter keeps only its stack), ours beside it.
    expect(messages).toHaveLength(2)
    const ours = messages.find((m) => m.startsWith('CheckAbortedError:'))
    expect(ours, messages.join('\n---\n')).toBeDefined()
    expect(ours).toMatch(
      /toBeDeterministicAcross\(50\) was stopped by the test's timeout after (\d+) of 50 runs, [\d.]+ (ms|s) into the check\./,
    )
    const done = Number(/after (\d+) of 50/.exec(ours!)![1])
    expect(done).toBeGreaterThanOrEqual(2)
    expect(done).toBeLessThanOrEqual(10)
    expect(ours).toContain(`So far: all ${done} runs gave identical bytes.`)
    expect(ours).toMatch(/Time per run: median 1\d\d ms \(min .*\); 50 runs need about [\d.]+ s, the test allows 1 s\./)
    expect(ours).toMatch(
      /To finish, raise the test's timeout to at least \d+ s \(test\('…', fn, \d+000\), or testTimeout in vitest.config\), or lower n to [1-8]\./,
    )
    expect(ours).toContain('Stopped by: Test timed out in 1000ms.')
  })

  test('a flaky determinism check says how many distinct outputs the completed runs gave', () => {
    const ours = messagesOf('a flaky check cut by the test timeout').find((m) => m.startsWith('CheckAbortedError:'))!
    expect(ours).toMatch(
      /So far: (\d+) distinct outputs in \1 runs \(run 2 is the first to differ from run 1\), pattern random\./,
    )
  })

  test('a check stopped by its own signal fails with the same diagnosis, once', () => {
    const messages = messagesOf('a check stopped by its own signal')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/toBeDeterministicAcross\(50\) was stopped by its abort signal after \d of 50 runs/)
    expect(messages[0]).toMatch(/To finish, give it at least \d+ s before the signal aborts, or lower n to \d\./)
    expect(messages[0]).not.toMatch(/Test timed out|test allows|testTimeout/)
  })

  test('a parity check says how many samples it compared and how many were within the tolerance', () => {
    const ours = messagesOf('a parity check over a dataset cut by the test timeout').find((m) =>
      m.startsWith('CheckAbortedError:'),
    )!
    expect(ours).toMatch(/toMatchOnnxWithin\(…\) was stopped by the test's timeout after (\d+) of 20 samples/)
    const done = Number(/after (\d+) of 20/.exec(ours)![1])
    expect(ours).toContain(`So far: ${done} of ${done} samples within the tolerance.`)
    expect(ours).toMatch(/Time per sample \(model \+ reference\): about [\d.]+ ms; 20 samples need about [\d.]+ s\./)
  })

  test('a check that finished adds nothing to a test that times out afterwards', () => {
    const messages = messagesOf('a passing check in a test that times out later')
    expect(messages).toHaveLength(1)
    expect(messages[0]).not.toMatch(/CheckAbortedError|was stopped/)
  })
})

describe('abortReason', () => {
  test('is the first line of the abort reason, or says the signal was aborted', () => {
    expect(
      abortReason(AbortSignal.abort(new Error('Test timed out in 5000ms.\nIf this is a long-running test…'))),
    ).toBe('Test timed out in 5000ms.')
    expect(abortReason(AbortSignal.abort('cancelled by the user'))).toBe('cancelled by the user')
    expect(abortReason(undefined)).toBe('the signal was aborted.')
  })
})
