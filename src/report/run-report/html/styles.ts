/**
 * The report page's stylesheet, inline (no external files, no fonts: the system's own).
 * @packageDocumentation
 */

/** CSS of the report page. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#1d1d1f;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:0 0 6px}
table{border-collapse:collapse;margin:6px 0 10px;width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f6;font-weight:600}tr.fail td{background:#fff1f0}code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.totals{font-size:16px}.totals .failed{color:#b3261e;font-weight:700}.dim{color:#666}
.verdict{display:inline-block;min-width:38px;text-align:center;border-radius:3px;padding:0 4px;font-weight:700;font-size:12px}
.verdict.fail{background:#b3261e;color:#fff}.verdict.pass{background:#e6f4ea;color:#1e6b34}
article.check{border:1px solid #ddd;border-left:5px solid #2ca02c;border-radius:4px;padding:10px 12px;margin:10px 0}
article.check.fail{border-left-color:#b3261e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0 8px}dt{font-weight:600;color:#444}dd{margin:0}
figure{margin:8px 0}figcaption{font-size:12px;color:#444;margin-bottom:2px}
svg.plot{display:block;max-width:100%;height:auto;font:10px system-ui,sans-serif;background:#fafafa;border:1px solid #eee}
ul.legend{list-style:none;padding:0;margin:2px 0;font-size:12px;display:flex;flex-wrap:wrap;gap:2px 14px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle;border:1px solid #0003}
details>summary{cursor:pointer;font-weight:600;margin:8px 0}
`
