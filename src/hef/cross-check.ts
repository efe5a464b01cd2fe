/**
 * Comparing the reader's answer with HailoRT's own for the same file: every disagreement, field by field.
 * Pure; the caller obtains HailoRT's vstream infos through the HailoRT binding.
 * @packageDocumentation
 */
import type { HefVStreamInfo } from './types.js'

/** What HailoRT reports for one network group, in the reader's vocabulary. */
export interface HailortHefView {
  readonly hailort: string
  readonly networkGroups: readonly {
    readonly name: string
    readonly isMultiContext: boolean
    readonly vstreams: readonly HefVStreamInfo[]
  }[]
  /** Set when HailoRT refused to open the HEF at all (`networkGroups` is then empty). */
  readonly refused?: { readonly status: number; readonly statusName: string; readonly message: string }
}

/** One field on which the reader and HailoRT disagree. */
export interface HefDisagreement {
  /** Where, e.g. `arcface/arcface/fc1 quant.scale` or `network group "x"`. */
  readonly where: string
  readonly reader: unknown
  readonly hailort: unknown
}

const FIELDS: readonly (readonly string[])[] = [
  ['direction'],
  ['format', 'type'],
  ['format', 'order'],
  ['format', 'flags'],
  ['shape', 'height'],
  ['shape', 'width'],
  ['shape', 'features'],
  ['quant', 'zeroPoint'],
  ['quant', 'scale'],
  ['quant', 'limvalsMin'],
  ['quant', 'limvalsMax'],
  ['frameBytes', 'raw'],
  ['frameBytes', 'float32'],
]

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  )
}

/**
 * Every difference between the reader's network groups and HailoRT's, or `[]` when they agree.
 *
 * @example
 * ```ts
 * const differences = hefDisagreements(info.networkGroups, fromHailort)
 * ```
 */
export function hefDisagreements(
  reader: readonly {
    readonly name: string
    readonly isMultiContext: boolean
    readonly inputs: readonly HefVStreamInfo[]
    readonly outputs: readonly HefVStreamInfo[]
  }[],
  hailort: HailortHefView,
): HefDisagreement[] {
  const result: HefDisagreement[] = []
  if (hailort.refused !== undefined) {
    return [
      {
        where: 'HEF',
        reader: 'readable',
        hailort: `refused: status ${hailort.refused.status} (${hailort.refused.statusName})`,
      },
    ]
  }
  const names = new Set([...reader.map((g) => g.name), ...hailort.networkGroups.map((g) => g.name)])
  for (const name of names) {
    const mine = reader.find((g) => g.name === name)
    const theirs = hailort.networkGroups.find((g) => g.name === name)
    if (mine === undefined || theirs === undefined) {
      result.push({
        where: `network group "${name}"`,
        reader: mine === undefined ? 'absent' : 'present',
        hailort: theirs === undefined ? 'absent' : 'present',
      })
      continue
    }
    if (mine.isMultiContext !== theirs.isMultiContext)
      result.push({
        where: `network group "${name}" isMultiContext`,
        reader: mine.isMultiContext,
        hailort: theirs.isMultiContext,
      })
    const ours = [...mine.inputs, ...mine.outputs]
    const order = (list: readonly HefVStreamInfo[]) => list.map((v) => v.name)
    if (order(ours).join('\n') !== order(theirs.vstreams).join('\n')) {
      result.push({ where: `network group "${name}" vstreams`, reader: order(ours), hailort: order(theirs.vstreams) })
    }
    for (const v of ours) {
      const other = theirs.vstreams.find((t) => t.name === v.name)
      if (other === undefined) continue
      for (const path of FIELDS) {
        const a = at(v, path)
        const b = at(other, path)
        if (!Object.is(a, b)) result.push({ where: `${v.name} ${path.join('.')}`, reader: a, hailort: b })
      }
    }
  }
  return result
}
