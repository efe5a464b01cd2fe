import { describe, expect, test } from 'vitest'
import { buildRunReport } from '../collect.js'
import { summaryLines } from '../summary-lines.js'
import sharp from 'sharp'
import { HOST, determinismRecord, fuzzRecord, moduleOf, parityRecord, stagesRecord } from '../test-support/records.js'
import { reportPage } from './page.js'

const context = {
  root: '/work/project',
  host: HOST,
  tool: { vitestHailo: '0.1.0', vitest: '4.1.12' },
  createdAt: '2026-12-05T15:10:00.000Z',
}
const HOSTILE = '</svg><script>alert(1)</script><img src=x onerror=alert(2)>'

/** A fuzz failure whose three 24×24 frames are noise: the worst case for the PNGs' size. */
function noisyFuzzRecord(seed: number) {
  const base = fuzzRecord()
  let x = seed
  const noise = () =>
    Buffer.from(Uint8Array.from({ length: 24 * 24 * 3 }, () => (x = (x * 1103515245 + 12345) >>> 8) & 255))
  const previews = ['frame 1', 'frame 2', 'frame 3'].map((label) => ({
    ...base.fuzz!.previews![0]!,
    label,
    shape: [1, 224, 224, 3],
    width: 24,
    height: 24,
    pixels: noise().toString('base64'),
  }))
  return fuzzRecord({ fuzz: { ...base.fuzz!, previews } })
}

function page(tests: Parameters<typeof moduleOf>[1], file = '/work/project/test/a.test.ts'): string {
  return reportPage(buildRunReport([moduleOf(file, tests)], context))
}

describe('the report page', () => {
  test('totals, each failing check with its plot, the passing ones folded', () => {
    const html = page([
      { name: 'deterministic', checks: [determinismRecord([4, 4, 4, 4])] },
      { name: 'noisy', checks: [determinismRecord([1, 2, 1, 3])] },
      { name: 'shifted', checks: [parityRecord()] },
    ])
    expect(html).toContain('<span class="checks">3 checks</span>, <span class="failed">2 failed</span>, 2 devices')
    const failures = html.slice(html.indexOf('<section id="failures">'), html.indexOf('<section id="passing">'))
    expect(failures.match(/<article class="check fail"/g)).toHaveLength(2)
    expect(failures).toContain('<svg class="plot top1"')
    expect(failures).toContain('<svg class="plot histogram"')
    // One bar per run range, one colour per class: class 1 twice (runs 1 and 3), classes 2 and 3 once.
    const noisy = failures.slice(failures.indexOf('<svg class="plot top1"'), failures.indexOf('</svg>'))
    expect(noisy.match(/<path class="runs"/g)).toHaveLength(3)
    expect(noisy.match(/M[\d.]+ [\d.]+h/g)).toHaveLength(4)
    expect(new Set(noisy.match(/fill="#[0-9a-f]{6}"/g))).toHaveLength(3)
    expect(noisy).toContain('<title>class 1 at 40.0 % (2 runs): runs 1, 3</title>')
    expect(failures).toContain('<code>.vitest-hailo/artifacts/test/x/y</code>')
    const passing = html.slice(html.indexOf('<section id="passing">'))
    expect(passing).toMatch(/^<section id="passing"><h2>Passing checks \(1\)<\/h2><details>/)
  })

  test('a stages check: one row per step with its error in float and in steps, the first broken step named', () => {
    const html = page([{ name: 'which stage', checks: [stagesRecord()] }])
    const failures = html.slice(html.indexOf('<section id="failures">'), html.indexOf('<section id="passing">'))
    const article = failures.slice(failures.indexOf('<article'), failures.indexOf('</article>'))
    expect(article).toContain('data-kind="stages"')
    const table = article.slice(article.indexOf('<table class="stages">'), article.indexOf('</table>'))
    expect(table).toContain(
      '<tr><th>step</th><th>what can break here</th><th>max |Δ|</th><th>max steps</th><th>cosine (min)</th><th>top-1 rows</th><th>verdict</th></tr>',
    )
    const rows = table.split('<tr class=').slice(1)
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('<td>onnx → native</td><td>parsing / translation</td><td>0.0001</td><td>0.002</td>')
    expect(rows[1]).toContain(
      '<td>native → quantized *</td><td>quantization</td><td>0.08</td><td>1.6</td><td>0.99998</td>',
    )
    expect(rows[2]).toMatch(
      /^"fail first-broken"><td>quantized → chip \*<\/td><td>compilation, runtime or host format path<\/td><td>9.5<\/td><td>190<\/td><td>0.412<\/td><td>0\/3<\/td><td>FAILED, first<\/td>/,
    )
    expect(article).toContain(
      '<p class="first-broken">First broken step: quantized → chip * (compilation, runtime or host format path). logits: top1 ≥ 100 %, measured 0 %</p>',
    )
    expect(article).toContain("the quantized stage is this package's emulator")
    expect(article).toContain(
      '<dt>Stages</dt><dd>onnx → native → quantized → chip, tolerance <code>{&quot;top1&quot;:true}</code></dd>',
    )
  })

  test('a fuzz failure: its frames as images, the output difference as bars, and the counterexample as a table', async () => {
    const html = page([{ name: 'stale frames', checks: [fuzzRecord()] }])
    const article = html.slice(html.indexOf('<article class="check fail"'), html.indexOf('</article>'))
    // numRuns is what was asked, not what ran: "30 cases of frame-order" read as 30 run when it failed on the 4th.
    expect(article).toContain('<p>frame-order failed (30 cases per property asked); replay: <code>')
    const images = article.slice(article.indexOf('<svg class="plot counterexample"'), article.indexOf('</svg>'))
    expect(images).toContain('aria-label="The shrunk counterexample: frame 1, frame 2"')
    const urls = [...images.matchAll(/<image [^>]*href="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]!)
    expect(urls).toHaveLength(2)
    // Each is a real PNG of the preview's pixels: 8×6, RGB, the first frame's gradient as it was recorded.
    const { data, info } = await sharp(Buffer.from(urls[0]!, 'base64')).raw().toBuffer({ resolveWithObject: true })
    expect(info).toMatchObject({ width: 8, height: 6, channels: 3 })
    expect([...data]).toEqual([...Buffer.from(fuzzRecord().fuzz!.previews![0]!.pixels, 'base64')])
    expect(images).toContain('<title>frame 2: input input [1, 6, 8, 3] uint8, shown at 8×6</title>')
    const bars = article.slice(article.indexOf('<svg class="plot fuzz-difference"'))
    expect(bars).toMatch(
      /aria-label="\|position 3 \(frame 1\) − frame 1 alone\| of output logits over 67 elements, largest 3"/,
    )
    // One bar per non-zero bin: the one at 3 (element 40 of 64 bins) and ten at 0.5.
    const d = /<path class="bars" d="([^"]+)"/.exec(bars)![1]!
    expect(d.match(/M/g)).toHaveLength(11)
    expect(d).toContain(`M${44 + 40 * ((560 - 44 - 6) / 64)} 96v-90h`)
    // The table stays, for readers who would rather read.
    expect(article).toContain('<figcaption>Shrunk counterexample</figcaption><table><tr><th>frames</th>')
  })

  test('runs whose output was not kept are drawn from their traced top-1, one colour per class', () => {
    const base = determinismRecord([1, 2])
    const input = {
      ...base.inputs[0]!,
      undigestedRuns: 3,
      undigestedDistinct: 3,
      undigestedRanges: [[3, 5]] as const,
      undigestedTop1: {
        output: 'logits',
        runs: [
          [3, 1, 0.5],
          [4, 7, 0.25],
          [5, 7, 0.75],
        ] as const,
      },
    }
    const html = page([
      { name: 'noisy', checks: [{ ...base, inputs: [input], determinism: { ...base.determinism!, runs: 5 } }] },
    ])
    const svg = html.slice(html.indexOf('<svg class="plot top1"'), html.indexOf('</svg>'))
    expect(svg.match(/M[\d.]+ [\d.]+h/g)).toHaveLength(5)
    expect(svg).toContain('<title>class 7 at 25.0 %–75.0 % (2 runs, output not kept): runs 4, 5</title>')
    // Class 1 keeps its colour between the kept output and the traced run.
    const colourOf = (title: string) => new RegExp(`fill="(#[0-9a-f]{6})"[^>]*><title>${title}`).exec(svg)?.[1]
    expect(colourOf('class 1 at 40.0 % \\(1 run\\)')).toBe(colourOf('class 1 at 50.0 % \\(1 run, output not kept\\)'))
  })

  // The page had no health: a red gate could not tell a misbehaving board from a broken model without the artifacts.
  test("a check on the chip shows the board's window, and a suspect event first", () => {
    const health = {
      temperatureC: { before: 61.2, after: 63, max: 63.4 },
      throttling: { before: false, after: false },
      throttledRuns: [],
      events: [
        { kind: 'lcu-ecc-uncorrectable' as const, run: 3, atMs: 12, detail: 'cluster bitmap 0x0004', suspect: true },
      ],
      inferences: 6,
    }
    const html = page([{ name: 'on the chip', checks: [determinismRecord([1, 2], { health })] }])
    expect(html).toContain(
      '<dt>Board</dt><dd><strong>The board, not the model, is suspect: it reported LCU ECC error (uncorrectable) during inference 3 (cluster bitmap 0x0004) while this check ran.',
    )
    expect(html).toContain(
      'Board: 61.2 °C → 63.0 °C (max 63.4), not throttled, 1 event: LCU ECC error (uncorrectable) during inference 3 (cluster bitmap 0x0004)</dd>',
    )
    expect(page([{ name: 'on the emulator', checks: [determinismRecord([1, 2])] }])).not.toContain('<dt>Board</dt>')
  })

  test('names from tests, files, models and inputs are text, never markup', () => {
    const hostile = determinismRecord([1, 2], {
      summary: HOSTILE,
      model: { source: `models/${HOSTILE}.hef`, fingerprint: HOSTILE },
      inputs: [
        {
          index: 0,
          label: HOSTILE,
          held: false,
          outputs: [
            { digest: HOSTILE, count: 1, runs: [[1, 1]], top1: { output: HOSTILE, classIndex: 1, confidence: 0.5 } },
          ],
        },
      ],
    })
    const html = page(
      [
        {
          name: HOSTILE,
          checks: [
            hostile,
            parityRecord({ parity: { ...parityRecord().parity!, outputs: [{ name: HOSTILE, pass: false }] } }),
          ],
        },
      ],
      `/work/project/${HOSTILE}.test.ts`,
    )
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html.match(/<\/svg>/g)!.length).toBe(html.match(/<svg /g)!.length)
    expect(html).toContain('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  test('self-contained: no script, no external resource of any kind', () => {
    const html = page([
      { name: 't', checks: [determinismRecord([1, 2, 3]), parityRecord(), fuzzRecord(), stagesRecord()] },
    ])
    // The counterexample's frames are PNGs inside the page (data: URLs), never fetched.
    expect(html).not.toMatch(
      /<script|<link|<iframe|<img|@import|url\(|src=|href="(?!#|data:image\/png;base64,[A-Za-z0-9+/=]+")/i,
    )
    // No URL at all (inline SVG in HTML needs no namespace attribute).
    expect(html.match(/https?:\/\/[^"]+/g) ?? []).toEqual([])
  })

  test('a 1000-check run (three in ten failing, stages tables and fuzz counterexamples among them) stays under 2 MB of HTML, plots included, and of JSON', () => {
    const tests = Array.from({ length: 1000 }, (_, i) => ({
      name: `suite > model ${i} on image ${i % 37}`,
      checks: [
        i % 10 === 0
          ? determinismRecord(Array.from({ length: 50 }, (_, r) => (r * 7 + i) % 5))
          : i % 10 === 1
            ? parityRecord()
            : i % 10 === 2
              ? stagesRecord()
              : i % 100 === 3
                ? noisyFuzzRecord(i)
                : determinismRecord(Array.from({ length: 50 }, () => i % 9)),
      ],
    }))
    const report = buildRunReport([moduleOf('/work/project/test/a.test.ts', tests)], context)
    const html = reportPage(report)
    expect(html.match(/<article class="check/g)).toHaveLength(1000)
    // 890 determinism and parity plots, and two (frames, difference) for each of the 10 fuzz failures.
    expect(html.match(/<svg /g)!.length).toBe(910)
    expect(html.match(/<table class="stages">/g)!.length).toBe(100)
    console.log(
      `1000 checks: report.html ${Buffer.byteLength(html)} B, report.json ${Buffer.byteLength(JSON.stringify(report, null, 1))} B`,
    )
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024)
    expect(Buffer.byteLength(JSON.stringify(report, null, 1))).toBeLessThan(2 * 1024 * 1024)
  })

  test('the end-of-run summary: checks, failures, devices, the report path', () => {
    const report = buildRunReport(
      [moduleOf('/work/project/a.test.ts', [{ name: 't', checks: [determinismRecord([1, 2]), parityRecord()] }])],
      context,
    )
    expect(summaryLines(report, '.vitest-hailo/report/report.html')).toEqual([
      'vitest-hailo  2 checks, 2 failed, 2 devices (hailo:0001:01:00.0, emulator)',
      '              report: .vitest-hailo/report/report.html (data: report.json)',
    ])
  })

  // A passing check prints no message: without this line a green run hid that a budget stopped it after 1 of 200.
  test('the end-of-run summary names a passing fuzz check its time budget cut short', () => {
    const cut = fuzzRecord({
      verdict: 'pass',
      held: true,
      summary: 'repeatable held over 1 case (the time budget ran out first)',
      fuzz: { numRuns: 200, budgetExhausted: true },
    })
    const full = fuzzRecord({ verdict: 'pass', held: true, summary: 'repeatable held over 200 cases' })
    const report = buildRunReport(
      [moduleOf('/work/project/a.test.ts', [{ name: 'fuzzes', checks: [cut, { ...full, fuzz: { numRuns: 200 } }] }])],
      context,
    )
    expect(summaryLines(report, '.vitest-hailo/report/report.html')).toEqual([
      'vitest-hailo  2 checks, none failed, 1 device (emulator)',
      '              1 passing fuzz check stopped at its time budget, short of numRuns:',
      '                a.test.ts > fuzzes: repeatable held over 1 case (the time budget ran out first)',
      '              report: .vitest-hailo/report/report.html (data: report.json)',
    ])
  })

  // A passing check prints no message, and the matcher's warning scrolls by: the end of the run names it again.
  test('the end-of-run summary names a passing fuzz check that got the same output for every input', () => {
    const same = fuzzRecord({
      verdict: 'pass',
      held: true,
      summary: 'repeatable held over 50 cases, with the same output bytes for every input',
      fuzz: { numRuns: 50, sameOutputForEveryInput: ['repeatable'] },
    })
    const full = fuzzRecord({ verdict: 'pass', held: true, summary: 'repeatable held over 50 cases' })
    const report = buildRunReport(
      [moduleOf('/work/project/a.test.ts', [{ name: 'fuzzes', checks: [same, { ...full, fuzz: { numRuns: 50 } }] }])],
      context,
    )
    expect(summaryLines(report, '.vitest-hailo/report/report.html')).toEqual([
      'vitest-hailo  2 checks, none failed, 1 device (emulator)',
      '              1 passing fuzz check got the same output bytes for every input (a self-comparison there proves nothing):',
      '                a.test.ts > fuzzes: repeatable held over 50 cases, with the same output bytes for every input',
      '              report: .vitest-hailo/report/report.html (data: report.json)',
    ])
  })
})
