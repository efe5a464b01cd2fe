/**
 * The text `vitest-hailo inspect` prints: a short report a person reads top to bottom.
 * @packageDocumentation
 */
import type { CompatLevel, CompatVerdict } from '../../hailort-compat/verdict.js'
import type { Quantization, TensorInfo } from '../../tensor/types.js'
import type { InspectResult } from './inspect-result.js'
import { describeReason } from '../../hailort-compat/words.js'
import { printable } from '../../report/printable.js'

const LEVEL: Record<CompatLevel, string> = {
  refused: 'REFUSED',
  'hef-newer-than-runtime': 'HEF newer than runtime',
  'unvalidated-pairing': 'not a validated pairing',
  validated: 'validated pairing',
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))))

function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}

function quant(q: Quantization | undefined): string {
  if (q === undefined) return ''
  if (q.perChannel !== undefined) {
    const ps = q.perChannel.params
    const range = (values: number[]) => {
      const lo = Math.min(...values)
      const hi = Math.max(...values)
      return lo === hi ? num(lo) : `${num(lo)}..${num(hi)}`
    }
    return `per channel (${ps.length}, axis ${q.perChannel.axis}): zero point ${range(ps.map((p) => p.zeroPoint))}, scale ${range(ps.map((p) => p.scale))}`
  }
  const clip = q.min !== undefined && q.max !== undefined ? `, range [${num(q.min)}, ${num(q.max)}]` : ''
  return `zero point ${num(q.zeroPoint)}, scale ${num(q.scale)}${clip}`
}

function table(infos: readonly TensorInfo[]): string[] {
  const rows = infos.map((t) => [printable(t.name), t.dtype, t.layout, `[${t.shape.join(', ')}]`, quant(t.quant)])
  const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((r) => r[i]!.length)))
  return rows.map(
    (r) =>
      `    ${r
        .map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell))
        .join('  ')
        .trimEnd()}`,
  )
}

/** One line per release; in the table of every release, pairing notes are shortened to the validated version. */
function verdictLine(v: CompatVerdict, brief: boolean): string {
  const reason = v.reasons[0]
  const text =
    reason === undefined
      ? ''
      : brief && v.level === 'unvalidated-pairing'
        ? v.pairedHailort === undefined
          ? ` (no validated HailoRT known for Dataflow Compiler ${v.sdkVersion})`
          : ` (Dataflow Compiler ${v.sdkVersion} was validated with ${v.pairedHailort})`
        : `: ${describeReason(reason)}${reason.status === undefined ? '' : ` (HailoRT returns status ${reason.status.number}, ${reason.status.name})`}`
  return `    HailoRT ${v.hailort.padEnd(7)} ${LEVEL[v.level]}${text}`
}

/** `4.18.0`…`4.23.0` → `4.18-4.23`; consecutive releases grouped. */
function ranges(versions: readonly string[], all: readonly string[]): string {
  const minor = (v: string) => v.split('.').slice(0, 2).join('.')
  const groups: string[][] = []
  for (const v of versions) {
    const last = groups[groups.length - 1]
    if (last !== undefined && all.indexOf(last[last.length - 1]!) === all.indexOf(v) - 1) last.push(v)
    else groups.push([v])
  }
  return groups.map((g) => (g.length === 1 ? minor(g[0]!) : `${minor(g[0]!)}-${minor(g[g.length - 1]!)}`)).join(', ')
}

/** One sentence over the verdicts of every release: where it loads, where it is validated. */
function summary(verdicts: readonly CompatVerdict[]): string {
  const all = verdicts.map((v) => v.hailort)
  const loads = verdicts.filter((v) => v.level !== 'refused').map((v) => v.hailort)
  const validated = verdicts.filter((v) => v.level === 'validated').map((v) => v.hailort)
  if (loads.length === 0) return '  No HailoRT 4.x release loads this HEF.'
  return `  Loads on HailoRT ${ranges(loads, all)}; ${validated.length > 0 ? `validated with ${ranges(validated, all)}` : 'no validated pairing known'}.`
}

/**
 * Render an inspect result as text.
 *
 * @example
 * ```ts
 * process.stdout.write(formatInspect(await inspectModel('model.hef')))
 * ```
 */
export function formatInspect(result: InspectResult): string {
  const { model, hef } = result
  const lines: string[] = [`${model.source} — ${model.format.toUpperCase()}, ${bytes(model.sizeBytes)}`]
  if (hef !== undefined && model.hef !== undefined) {
    lines.push(
      `  Dataflow Compiler ${hef.sdkVersion}${hef.compiledAt === undefined ? '' : `, compiled ${hef.compiledAt.slice(0, 10)}`}`,
    )
    lines.push(
      `  Target ${hef.target} (runs as ${hef.architecture}); HEF header version ${hef.headerVersion}, ${hef.checksum.kind.toUpperCase()} ${hef.checksum.value} verified`,
    )
    const groups = model.hef.networkGroups
    const chosen = hef.networkGroups.find((g) => g.name === model.hef!.networkGroup)!
    lines.push(
      `  Network group "${chosen.name}" (${chosen.contexts} context${chosen.contexts === 1 ? '' : 's'}, networks ${chosen.networks.join(', ')})${
        groups.length > 1
          ? `; ${groups.length - 1} other${groups.length > 2 ? 's' : ''}: ${groups
              .filter((g) => g.name !== chosen.name)
              .map((g) => g.name)
              .join(', ')}`
          : ''
      }`,
    )
  } else {
    for (const [name, version] of Object.entries(model.versions)) lines.push(`  Read with ${name} ${version}`)
  }
  const path =
    model.inputs.some((t) => t.dtype === 'float32') && model.format === 'hef'
      ? 'float32 vstreams'
      : model.format === 'hef'
        ? 'raw device types'
        : 'as declared'
  lines.push('', `  Inputs (${path})`, ...table(model.inputs), '', '  Outputs', ...table(model.outputs))
  if (result.compatibility !== undefined) {
    const many = result.compatibility.length > 1
    lines.push(
      '',
      many ? '  Compatibility with each HailoRT 4.x release (pass --hailort <version> for one)' : '  Compatibility',
      ...result.compatibility.map((v) => verdictLine(v, many)),
    )
    if (many) lines.push(summary(result.compatibility))
  }
  for (const note of hef?.notes ?? []) lines.push('', `  Note: ${note}`)
  // Names and notes come from the file: any control character in them is shown escaped, never sent raw.
  return `${lines.map(printable).join('\n')}\n`
}
