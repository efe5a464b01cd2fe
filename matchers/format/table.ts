/**
 * Plain-text tables for failure messages: columns padded to their widest cell, a header line, an
 * indent so the table sits under the message text. No colors (Vitest colors the hint, not the data).
 * @packageDocumentation
 */

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Header cells, printed first. */
  readonly header?: readonly string[]
  /** Spaces before every line. @defaultValue 2 */
  readonly indent?: number
  /** Spaces between columns. @defaultValue 2 */
  readonly gap?: number
}

/**
 * Align rows of cells into columns; the last column is never padded. A row shorter than the others ends
 * in a cell that may run past its column without widening it (a remark like `8 more distinct outputs, not kept`).
 * @example
 * ```ts
 * formatTable([['#1', 'runs 1, 4'], ['#2', 'run 2']], { header: ['output', 'runs'] })
 * ```
 */
export function formatTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { header, indent = 2, gap = 2 } = options
  const all = header === undefined ? rows : [header, ...rows]
  const columns = Math.max(0, ...all.map((r) => r.length))
  // Only padded cells set a width: a row's last cell is never padded, so it never widens its column.
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(0, ...all.map((r) => (c < r.length - 1 ? [...r[c]!].length : 0))),
  )
  const pad = ' '.repeat(indent)
  return all
    .map(
      (row) =>
        pad +
        row
          .map((cell, c) => (c === row.length - 1 ? cell : cell + ' '.repeat(widths[c]! - [...cell].length + gap)))
          .join('')
          .trimEnd(),
    )
    .join('\n')
}
