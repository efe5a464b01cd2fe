import { describe, expect, test } from 'vitest'
import { buildRunReport } from '../../report/run-report/collect.js'
import { reportPage } from '../../report/run-report/html/page.js'
import { CHIP, EMULATOR, HOST, moduleOf, stagesRecord } from '../../report/run-report/test-support/records.js'
import { formatMerge } from './format-merge.js'
import { mergeRunReports } from './merge-reports.js'

const tool = { vitestHailo: '0.1.0', vitest: '4.1.12' }
const reportOn = (host: string, record: ReturnType<typeof stagesRecord>) =>
  buildRunReport([moduleOf('/work/project/test/stages.test.ts', [{ name: 'which stage', checks: [record] }])], {
    root: '/work/project',
    host: { ...HOST, name: host },
    tool,
  })

describe('report merge of stages checks', () => {
  const healthy = stagesRecord({
    device: EMULATOR,
    verdict: 'pass',
    held: true,
    summary: 'every step of onnx → native → quantized → chip within the tolerance',
    stages: {
      ...stagesRecord().stages!,
      steps: stagesRecord().stages!.steps.map((s) => ({ ...s, pass: true, failed: [] })),
      firstBroken: undefined,
    },
    inputs: stagesRecord().inputs.map((i) => ({ ...i, held: true })),
  })
  const broken = stagesRecord({
    device: CHIP,
    inputs: stagesRecord().inputs.map((i, k) =>
      k === 0 ? i : { ...i, outputs: [{ ...i.outputs[0]!, digest: 'e'.repeat(32) }] },
    ),
  })
  const merged = mergeRunReports([
    { path: 'pi-a/report.json', report: reportOn('pi-a', healthy) },
    { path: 'pi-b/report.json', report: reportOn('pi-b', broken) },
  ])

  test("says per board which step breaks first, and compares the chip's outputs per input", () => {
    const text = formatMerge(merged)
    expect(text).toContain('Stages checks:')
    expect(text).toMatch(/\n {2}A +which stage +every step of onnx → native → quantized → chip within the tolerance\n/)
    expect(text).toMatch(
      /\n {2}B +which stage +FAIL: quantized → chip \* breaks first \(compilation, runtime or host format path\)\n/,
    )
    expect(text).toContain('disagree on 2 of 3 inputs of model models/net.hef')
  })

  test("the merged page shows each board's stages table", () => {
    const html = reportPage(merged.report)
    expect(html.match(/<table class="stages">/g)).toHaveLength(2)
    expect(html).toContain('<p class="first-broken">First broken step: quantized → chip *')
  })
})
