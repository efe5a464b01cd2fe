// The block at the end of `vitest run` names passing checks that proved less than they seem: a passing check prints
// no message, and its matcher's `console.warn` scrolls by with the test's output.
import { describe, expect, test } from 'vitest'
import { buildRunReport } from './collect.js'
import { summaryLines } from './summary-lines.js'
import { CONTEXT, determinismRecord, moduleOf } from './test-support/records.js'

describe('the end-of-run summary', () => {
  test('names a passing toBeDeterministicAcross(1) (one run per input compared nothing), not one of several runs', () => {
    const single = { ...determinismRecord([4]), summary: 'all 1 run gave identical bytes' }
    const report = buildRunReport(
      [
        moduleOf('/work/project/a.test.ts', [
          { name: 'records for merge', checks: [single, determinismRecord([4, 4])] },
        ]),
      ],
      CONTEXT,
    )
    expect(summaryLines(report, '.vitest-hailo/report/report.html')).toEqual([
      'vitest-hailo  2 checks, none failed, 1 device (hailo:0001:01:00.0)',
      '              1 passing determinism check ran each input once, comparing nothing in this process (its outputs are only for `vitest-hailo report merge`; n ≥ 2 checks here):',
      '                a.test.ts > records for merge: all 1 run gave identical bytes',
      '              report: .vitest-hailo/report/report.html (data: report.json)',
    ])
  })
})
