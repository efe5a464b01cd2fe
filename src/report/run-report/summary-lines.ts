/**
 * The short block printed at the end of `vitest run`: how many checks, how many failed, on which
 * devices, and where the report is.
 * @packageDocumentation
 */
import type { RunReport } from './types.js'

/**
 * The summary lines (no colour).
 * @example
 * ```ts
 * summaryLines(report, '.vitest-hailo/report/report.html')
 * // ['vitest-hailo  4 checks, 2 failed, 2 devices (faulty:garbage-input,seed=7, onnx)',
 * //  '              report: .vitest-hailo/report/report.html (data: report.json)']
 * ```
 */
export function summaryLines(report: RunReport, htmlPath: string): string[] {
  const t = report.totals
  const specs = report.boards.map((b) => b.spec)
  const devices = `${t.boards} ${t.boards === 1 ? 'device' : 'devices'}${specs.length === 0 ? '' : ` (${specs.join(', ')})`}`
  const failed = t.failed === 0 ? 'none failed' : `${t.failed} failed`
  return [
    `vitest-hailo  ${t.checks} ${t.checks === 1 ? 'check' : 'checks'}, ${failed}, ${devices}`,
    ...cutShortLines(report),
    ...sameOutputLines(report),
    ...singleRunLines(report),
    `              report: ${htmlPath} (data: report.json)`,
  ]
}

/**
 * Passing fuzz checks that their time budget stopped before `numRuns`: a pass prints no message, so without
 * these lines a green run would not show that it checked less than it asked for.
 */
function cutShortLines(report: RunReport): string[] {
  return passingChecksLines(
    report,
    'fuzz',
    (c) => c.fuzz?.budgetExhausted === true,
    (n) => `stopped at ${n === 1 ? 'its' : 'their'} time budget, short of numRuns:`,
  )
}

/**
 * Passing fuzz checks whose self-comparisons got the same output bytes for every input: they proved nothing about
 * the input path, and a pass prints no message (the matcher's `console.warn` scrolls by with the test's output).
 */
function sameOutputLines(report: RunReport): string[] {
  return passingChecksLines(
    report,
    'fuzz',
    (c) => (c.fuzz?.sameOutputForEveryInput?.length ?? 0) > 0,
    () => 'got the same output bytes for every input (a self-comparison there proves nothing):',
  )
}

/**
 * Passing `toBeDeterministicAcross(1)` checks: one run per input compared nothing in the process (their outputs are
 * for `report merge`), and the matcher's `console.warn` scrolls by like the fuzz one.
 */
function singleRunLines(report: RunReport): string[] {
  return passingChecksLines(
    report,
    'determinism',
    (c) => c.determinism?.runs === 1,
    (n) =>
      `ran each input once, comparing nothing in this process (${n === 1 ? 'its' : 'their'} outputs are only for \`vitest-hailo report merge\`; n ≥ 2 checks here):`,
  )
}

/** A heading naming how many passing checks of `kind` `noted` picks and what they did, then one line per check. */
function passingChecksLines(
  report: RunReport,
  kind: 'fuzz' | 'determinism',
  noted: (check: RunReport['checks'][number]) => boolean,
  did: (count: number) => string,
): string[] {
  const picked = report.checks.filter((c) => c.verdict === 'pass' && noted(c))
  if (picked.length === 0) return []
  const checks = `${picked.length} passing ${kind} ${picked.length === 1 ? 'check' : 'checks'}`
  return [
    `              ${checks} ${did(picked.length)}`,
    ...picked.map((c) => `                ${c.test.file} > ${c.test.name}: ${c.summary}`),
  ]
}
