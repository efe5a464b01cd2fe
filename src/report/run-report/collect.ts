/**
 * Build the run report from what Vitest hands a reporter at the end of the run: every test's recorded
 * checks (from `testCase.meta()`), placed in their test (file relative to the root, name, state) and on
 * their board. Reads only a few structural members of Vitest's `TestModule` / `TestCase`, which 4.1 and 5
 * share, so it is testable with plain objects.
 * @packageDocumentation
 */
import { isAbsolute, relative, sep } from 'node:path'
import { boardOf } from './board.js'
import {
  CHECKS_META_KEY,
  RUN_REPORT_FORMAT,
  RUN_REPORT_FORMAT_VERSION,
  type BoardIdentity,
  type CheckRecord,
  type HostIdentity,
  type RecordedCheck,
  type RunReport,
  type TestIdentity,
} from './types.js'

/** The members of Vitest's `TestCase` the report reads. */
export interface TestCaseLike {
  readonly id: string
  readonly fullName: string
  meta(): Record<string, unknown>
  result(): { readonly state: string }
}

/** The members of Vitest's `TestModule` the report reads. */
export interface TestModuleLike {
  readonly moduleId: string
  readonly children: { allTests(): Iterable<TestCaseLike> }
}

/** The run's context: where paths are relative to, who wrote the report, on which host. */
export interface RunContext {
  readonly root: string
  readonly host: HostIdentity
  readonly tool: RunReport['tool']
  readonly shard?: RunReport['shard']
  /** ISO 8601; defaults to now. */
  readonly createdAt?: string
}

/**
 * The report of a run.
 * @example
 * ```ts
 * const report = buildRunReport(testModules, { root: vitest.config.root, host: hostIdentity(), tool })
 * report.totals // { checks: 4, failed: 2, boards: 2, tests: 4 }
 * ```
 */
export function buildRunReport(modules: readonly TestModuleLike[], context: RunContext): RunReport {
  const boards = new Map<string, BoardIdentity>()
  const checks: CheckRecord[] = []
  let tests = 0
  for (const module of modules) {
    for (const testCase of module.children.allTests()) {
      const recorded = testCase.meta()[CHECKS_META_KEY]
      if (!Array.isArray(recorded) || recorded.length === 0) continue
      tests++
      const test: TestIdentity = {
        file: relativeTo(context.root, module.moduleId),
        name: testCase.fullName,
        state: testState(testCase.result().state),
      }
      recorded.forEach((r: RecordedCheck, i) => {
        const board = r.device === undefined ? undefined : boardOf(r.device, context.host)
        // The last reading wins: temperature and throttling are as of the latest check on the board.
        if (board !== undefined) boards.set(board.id, board)
        checks.push(placed(r, `${testCase.id}#${i + 1}`, test, board?.id, context.root))
      })
    }
  }
  return {
    format: RUN_REPORT_FORMAT,
    formatVersion: RUN_REPORT_FORMAT_VERSION,
    createdAt: context.createdAt ?? new Date().toISOString(),
    tool: context.tool,
    host: context.host,
    ...(context.shard === undefined ? {} : { shard: context.shard }),
    boards: [...boards.values()],
    checks,
    totals: {
      checks: checks.length,
      failed: checks.filter((c) => c.verdict === 'fail').length,
      boards: boards.size,
      tests,
    },
  }
}

function placed(
  r: RecordedCheck,
  id: string,
  test: TestIdentity,
  board: string | undefined,
  root: string,
): CheckRecord {
  // The worker-only fields stay out of the report: the board carries the device.
  const { device: _device, startedAt: _startedAt, deviceError: _deviceError, ...rest } = r
  return {
    ...rest,
    id,
    test,
    ...(board === undefined ? {} : { board }),
    ...(r.artifacts === undefined ? {} : { artifacts: relativeTo(root, r.artifacts) }),
    inputs: r.inputs.map((input) => ({
      ...input,
      label: isAbsolute(input.label) ? relativeTo(root, input.label) : input.label,
    })),
  }
}

function testState(state: string): TestIdentity['state'] {
  return state === 'passed' ? 'pass' : state === 'failed' ? 'fail' : state === 'skipped' ? 'skip' : 'pending'
}

/** `path` relative to `root` with forward slashes when inside it; absolute otherwise. */
export function relativeTo(root: string, path: string): string {
  const r = relative(root, path)
  if (r === '' || r.startsWith('..') || isAbsolute(r)) return path
  return r.split(sep).join('/')
}
