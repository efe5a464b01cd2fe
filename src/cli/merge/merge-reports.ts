/**
 * `report merge` as data: several run reports (shards of one suite, the same suite on several boards)
 * become one report, and for every (model fingerprint, input) the output digests each board gave are
 * laid side by side, so "pi-a and pi-b disagree on 3 of 40 inputs of model X" is a count, not a guess.
 * @packageDocumentation
 */
import {
  RUN_REPORT_FORMAT,
  RUN_REPORT_FORMAT_VERSION,
  type BoardIdentity,
  type CheckRecord,
  type OutputDigest,
  type RunReport,
} from '../../report/run-report/types.js'
import type { SourcedReport } from './read-report.js'

/** The board id of checks whose model came from no device (a user's own runtime). */
export const NO_BOARD = '(no device)'

/** One output a board gave for an input, with its top-1 class when the output is a classifier. */
export interface BoardOutput {
  readonly digest: string
  readonly top1?: OutputDigest['top1']
}

/** One input of one model: what each board gave. */
export interface InputComparison {
  readonly label: string
  /** Board id → the distinct outputs it gave (several: the board itself was not deterministic). */
  readonly byBoard: Readonly<Record<string, readonly BoardOutput[]>>
  /** Every board gave one output, the same one. */
  readonly agree: boolean
}

/** Two boards over the inputs of one model both ran. */
export interface PairComparison {
  readonly boards: readonly [string, string]
  /** Inputs both boards ran. */
  readonly shared: number
  /** Labels of shared inputs where they gave different outputs (or one of them several). */
  readonly disagree: readonly string[]
}

/** One model (by fingerprint) across the boards that ran it. */
export interface ModelComparison {
  /** `LoadedModel.fingerprint()`; absent when the checks had none (then the source is the key). */
  readonly fingerprint?: string
  /** Where it was loaded from, as the first check saying so named it. */
  readonly source: string
  readonly boards: readonly string[]
  readonly inputs: readonly InputComparison[]
  /** Every pair of boards that share at least one input. */
  readonly pairs: readonly PairComparison[]
  /** Board id → labels of inputs for which that board alone gave several outputs. */
  readonly unstable: Readonly<Record<string, readonly string[]>>
}

/** What merging found. */
export interface MergedReports {
  /** The combined report (format version {@link RUN_REPORT_FORMAT_VERSION}), as `report.json` holds it. */
  readonly report: RunReport
  readonly sources: readonly {
    readonly path: string
    readonly host: string
    readonly shard?: RunReport['shard']
    readonly checks: number
  }[]
  readonly models: readonly ModelComparison[]
  /** True when some pair of boards disagrees on some input. */
  readonly disagreement: boolean
}

/**
 * Merge reports: boards joined by id, checks concatenated (ids kept unique), totals recounted, and
 * the per-(model, input) comparison of boards.
 * @example
 * ```ts
 * const merged = mergeRunReports([await readRunReport('pi-a/report.json'), await readRunReport('pi-b/report.json')])
 * merged.models[0].pairs[0].disagree.length // 3
 * ```
 */
export function mergeRunReports(sources: readonly SourcedReport[], now: Date = new Date()): MergedReports {
  const boards = new Map<string, BoardIdentity>()
  const checks: CheckRecord[] = []
  const ids = new Set<string>()
  for (const [index, { report }] of sources.entries()) {
    for (const b of report.boards) if (!boards.has(b.id)) boards.set(b.id, b)
    for (const c of report.checks) {
      // The same test on two boards has the same id: tell them apart by the report they came from.
      const id = ids.has(c.id) ? `${c.id}@${index + 1}` : c.id
      ids.add(id)
      checks.push(id === c.id ? c : { ...c, id })
    }
  }
  const hosts = [...new Set(sources.map((s) => s.report.host))]
  const distinct = (pick: (h: RunReport['host']) => string): string => [...new Set(hosts.map(pick))].join(', ')
  const first = sources[0]!.report
  const report: RunReport = {
    format: RUN_REPORT_FORMAT,
    formatVersion: RUN_REPORT_FORMAT_VERSION,
    createdAt: now.toISOString(),
    tool: first.tool,
    host: {
      name: distinct((h) => h.name),
      cpuArch: distinct((h) => h.cpuArch),
      platform: distinct((h) => h.platform),
      node: distinct((h) => h.node),
    },
    boards: [...boards.values()],
    checks,
    totals: {
      checks: checks.length,
      failed: checks.filter((c) => c.verdict === 'fail').length,
      boards: boards.size,
      tests: sources.reduce((n, s) => n + s.report.totals.tests, 0),
    },
  }
  const models = compareBoards(checks)
  return {
    report,
    sources: sources.map((s) => ({
      path: s.path,
      host: s.report.host.name,
      ...(s.report.shard === undefined ? {} : { shard: s.report.shard }),
      checks: s.report.checks.length,
    })),
    models,
    disagreement: models.some((m) => m.pairs.some((p) => p.disagree.length > 0)),
  }
}

/** Per model, per input, per board: the distinct outputs. */
function compareBoards(checks: readonly CheckRecord[]): ModelComparison[] {
  const models = new Map<
    string,
    { fingerprint?: string; source: string; inputs: Map<string, Map<string, Map<string, BoardOutput>>> }
  >()
  for (const c of checks) {
    const key = c.model.fingerprint ?? `source:${c.model.source ?? '(unknown model)'}`
    let model = models.get(key)
    if (model === undefined) {
      model = {
        ...(c.model.fingerprint === undefined ? {} : { fingerprint: c.model.fingerprint }),
        source: c.model.source ?? '(unknown model)',
        inputs: new Map(),
      }
      models.set(key, model)
    }
    const board = c.board ?? NO_BOARD
    for (const input of c.inputs) {
      if (input.outputs.length === 0) continue
      const perBoard = model.inputs.get(input.label) ?? new Map<string, Map<string, BoardOutput>>()
      model.inputs.set(input.label, perBoard)
      const outputs = perBoard.get(board) ?? new Map<string, BoardOutput>()
      perBoard.set(board, outputs)
      for (const o of input.outputs)
        if (!outputs.has(o.digest))
          outputs.set(o.digest, { digest: o.digest, ...(o.top1 === undefined ? {} : { top1: o.top1 }) })
    }
  }
  return [...models.values()].map((m) => {
    const inputs: InputComparison[] = [...m.inputs.entries()].map(([label, perBoard]) => {
      const byBoard = Object.fromEntries([...perBoard.entries()].map(([b, outs]) => [b, [...outs.values()]]))
      const digests = new Set(Object.values(byBoard).flatMap((outs) => outs.map((o) => o.digest)))
      return { label, byBoard, agree: digests.size === 1 }
    })
    const boards = [...new Set(inputs.flatMap((i) => Object.keys(i.byBoard)))].sort()
    const pairs: PairComparison[] = []
    for (const [i, a] of boards.entries()) {
      for (const b of boards.slice(i + 1)) {
        const shared = inputs.filter((x) => x.byBoard[a] !== undefined && x.byBoard[b] !== undefined)
        if (shared.length === 0) continue
        const disagree = shared.filter((x) => !sameSingleOutput(x.byBoard[a]!, x.byBoard[b]!)).map((x) => x.label)
        pairs.push({ boards: [a, b], shared: shared.length, disagree })
      }
    }
    const unstable = Object.fromEntries(
      boards
        .map((b) => [b, inputs.filter((x) => (x.byBoard[b]?.length ?? 0) > 1).map((x) => x.label)] as const)
        .filter(([, labels]) => labels.length > 0),
    )
    return {
      ...(m.fingerprint === undefined ? {} : { fingerprint: m.fingerprint }),
      source: m.source,
      boards,
      inputs,
      pairs,
      unstable,
    }
  })
}

function sameSingleOutput(a: readonly BoardOutput[], b: readonly BoardOutput[]): boolean {
  return a.length === 1 && b.length === 1 && a[0]!.digest === b[0]!.digest
}
