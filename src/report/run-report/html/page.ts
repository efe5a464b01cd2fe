/**
 * The self-contained report page: totals, boards, one table row per check, then each failing check
 * with its plot and, folded, the passing ones. No script, no network, no external font: it opens from
 * a CI artifact as it is, with scripts disabled.
 * @packageDocumentation
 */
import type { BoardIdentity, RunReport } from '../types.js'
import { checkSection } from './check-section.js'
import { escapeHtml } from './escape.js'
import { REPORT_CSS } from './styles.js'

/**
 * The HTML of a run report.
 * @example
 * ```ts
 * await writeFile('report.html', reportPage(buildRunReport(modules, context)))
 * ```
 */
export function reportPage(report: RunReport): string {
  const boards = new Map(report.boards.map((b) => [b.id, b]))
  const anchors = report.checks.map((_, i) => `check-${i + 1}`)
  const indexed = report.checks.map((c, i) => ({ c, anchor: anchors[i]! }))
  const failing = indexed.filter(({ c }) => c.verdict === 'fail')
  const passing = indexed.filter(({ c }) => c.verdict === 'pass')
  const t = report.totals
  const title = `vitest-hailo: ${t.failed === 0 ? 'all' : `${t.failed} of`} ${t.checks} checks ${t.failed === 0 ? 'passed' : 'failed'}`
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}</style></head><body>` +
    `<header><h1>vitest-hailo run report</h1>` +
    `<p class="totals"><span class="checks">${t.checks} checks</span>, <span class="${t.failed > 0 ? 'failed' : ''}">${t.failed} failed</span>, ` +
    `${t.boards} ${t.boards === 1 ? 'device' : 'devices'}, ${t.tests} tests</p>` +
    `<p class="dim">${escapeHtml(report.createdAt)} on ${escapeHtml(report.host.name)} (${escapeHtml(report.host.platform)} ${escapeHtml(report.host.cpuArch)}, Node ${escapeHtml(report.host.node)}); ` +
    `vitest-hailo ${escapeHtml(report.tool.vitestHailo)}, Vitest ${escapeHtml(report.tool.vitest)}${report.shard === undefined ? '' : `; shard ${report.shard.index}/${report.shard.count}`}</p></header>` +
    boardsTable(report.boards) +
    `<section id="checks"><h2>Checks</h2>${checksTable(indexed, boards)}</section>` +
    `<section id="failures"><h2>Failures (${failing.length})</h2>${failing.length === 0 ? '<p>None.</p>' : failing.map(({ c, anchor }) => checkSection(c, anchor, boards)).join('')}</section>` +
    `<section id="passing"><h2>Passing checks (${passing.length})</h2>` +
    (passing.length === 0
      ? '<p>None.</p>'
      : `<details><summary>Show the ${passing.length} passing checks with their plots</summary>${passing.map(({ c, anchor }) => checkSection(c, anchor, boards, true)).join('')}</details>`) +
    `</section></body></html>\n`
  )
}

function boardsTable(boards: readonly BoardIdentity[]): string {
  if (boards.length === 0)
    return `<section id="boards"><h2>Devices</h2><p>No check ran on a device's model.</p></section>`
  const rows = boards.map(
    (b) =>
      `<tr><td>${escapeHtml(b.description)}</td><td><code>${escapeHtml(b.spec)}</code></td><td>${escapeHtml(b.architecture ?? '')}</td><td>${escapeHtml(b.serial ?? '')}</td>` +
      `<td>${escapeHtml(
        Object.entries(b.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      )}</td><td>${escapeHtml(b.host)} (${escapeHtml(b.cpuArch)})</td>` +
      `<td>${b.temperatureC === undefined ? '' : `${b.temperatureC} °C`}${b.throttling ? ', throttling' : ''}</td><td><code>${escapeHtml(b.fingerprint)}</code></td></tr>`,
  )
  return (
    `<section id="boards"><h2>Devices</h2><table><thead><tr><th>device</th><th>spec</th><th>architecture</th><th>serial</th><th>versions</th><th>host</th><th>health</th><th>fingerprint</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></section>`
  )
}

function checksTable(
  indexed: readonly { c: RunReport['checks'][number]; anchor: string }[],
  boards: ReadonlyMap<string, BoardIdentity>,
): string {
  if (indexed.length === 0) return '<p>No vitest-hailo matcher ran.</p>'
  const rows = indexed.map(({ c, anchor }) => {
    const board = c.board === undefined ? '' : (boards.get(c.board)?.spec ?? c.board)
    return (
      `<tr class="${c.verdict}" data-verdict="${c.verdict}"><td><a href="#${anchor}"><span class="verdict ${c.verdict}">${c.verdict === 'fail' ? 'FAIL' : 'pass'}</span></a></td>` +
      `<td>${escapeHtml(c.test.file)} › ${escapeHtml(c.test.name)}</td><td>${c.negated ? '.not.' : ''}${escapeHtml(c.matcher)}</td><td>${escapeHtml(c.summary)}</td>` +
      `<td><code>${escapeHtml(board)}</code></td><td>${(c.timing.totalMs / 1000).toFixed(2)} s</td></tr>`
    )
  })
  return `<table class="checks"><thead><tr><th>verdict</th><th>test</th><th>matcher</th><th>result</th><th>device</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}
