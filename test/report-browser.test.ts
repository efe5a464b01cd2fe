// The report page as Chromium renders it (scripts disabled, no network): hostile names stay text,
// every plot is an SVG element. The demo run's own report is looked at in demo.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { buildRunReport } from '../src/report/run-report/collect.js'
import { reportPage } from '../src/report/run-report/html/page.js'
import {
  HOST,
  determinismRecord,
  fuzzRecord,
  moduleOf,
  parityRecord,
  stagesRecord,
} from '../src/report/run-report/test-support/records.js'
import { dumpDom } from './support/chromium.js'

const HOSTILE = '</svg></table><script>document.title="owned"</script><b>bold</b>'
const dir = mkdtempSync(join(tmpdir(), 'vh-report-browser-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the report page in Chromium', { timeout: 120_000 }, () => {
  test('names such as <script> and </svg> render as text; the plots stay SVG elements', () => {
    const hostile = determinismRecord([1, 2, 1], {
      summary: HOSTILE,
      inputs: [
        {
          index: 0,
          label: HOSTILE,
          held: false,
          outputs: [
            {
              digest: 'a'.repeat(32),
              count: 2,
              runs: [
                [1, 1],
                [3, 3],
              ],
              top1: { output: HOSTILE, classIndex: 1, confidence: 0.5 },
            },
            { digest: 'b'.repeat(32), count: 1, runs: [[2, 2]] },
          ],
        },
      ],
    })
    const report = buildRunReport(
      [moduleOf(`/work/project/${HOSTILE}.test.ts`, [{ name: HOSTILE, checks: [hostile, parityRecord()] }])],
      { root: '/work/project', host: HOST, tool: { vitestHailo: '0.1.0', vitest: '4.1.12' } },
    )
    const file = join(dir, 'report.html')
    writeFileSync(file, reportPage(report))
    const dom = dumpDom(file)
    // Chromium built no element from the names: no script, no <b>, the title untouched.
    expect(dom).not.toMatch(/<script|<b>/)
    expect(dom).toContain('<title>vitest-hailo: 2 of 2 checks failed</title>')
    // The text is there, escaped again by the serializer.
    expect(dom).toContain(
      '&lt;/svg&gt;&lt;/table&gt;&lt;script&gt;document.title="owned"&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;',
    )
    // Both plots are whole: a </svg> in a name did not close one early.
    expect(dom.match(/<svg class="plot (top1|histogram)"/g)).toEqual([
      '<svg class="plot top1"',
      '<svg class="plot histogram"',
    ])
    expect(dom.match(/<article class="check fail"/g)).toHaveLength(2)
  })

  test('the fuzz counterexample is drawn (its frames as images, the output difference as bars) and the stages table is a table', () => {
    const report = buildRunReport(
      [
        moduleOf('/work/project/test/c.test.ts', [
          { name: 'stale frames', checks: [fuzzRecord({ summary: HOSTILE })] },
          { name: 'which stage', checks: [stagesRecord()] },
        ]),
      ],
      { root: '/work/project', host: HOST, tool: { vitestHailo: '0.1.0', vitest: '4.1.12' } },
    )
    const file = join(dir, 'fuzz-stages.html')
    writeFileSync(file, reportPage(report))
    const dom = dumpDom(file)
    const fuzz = dom.slice(dom.indexOf('data-kind="fuzz"'), dom.indexOf('</article>', dom.indexOf('data-kind="fuzz"')))
    // Chromium kept the images as SVG <image> elements with their inline PNGs, and the bars.
    expect(fuzz.match(/<image [^>]*href="data:image\/png;base64,[A-Za-z0-9+/=]+"/g)).toHaveLength(2)
    expect(fuzz).toContain('<svg class="plot counterexample"')
    expect(fuzz.match(/<svg class="plot fuzz-difference"/g)).toHaveLength(1)
    expect(fuzz).toContain('<figcaption>Shrunk counterexample</figcaption><table>')
    const stages = dom.slice(dom.indexOf('data-kind="stages"'))
    expect(stages).toMatch(/<table class="stages"><thead>.*<tbody>(<tr class="[^"]*">.*?<\/tr>){3}<\/tbody><\/table>/)
    expect(stages).toContain('<tr class="fail first-broken"><td>quantized → chip *</td>')
    expect(dom).not.toMatch(/<script|<b>/)
  })
})
