/**
 * `vitest-hailo/reporter`: the Vitest reporter that writes the run report. The plugin adds it (unless
 * `report: false`); it can also be listed by hand: `reporters: ['default', 'vitest-hailo/reporter']`.
 *
 * It uses `onInit` and `onTestRunEnd(testModules)` and reads `testCase.meta()`, which Vitest 4.1 and 5
 * share. Checks are recorded by the matchers in the workers (`matchers/record-check.ts`); this class
 * only places, writes and summarizes them. A run with no vitest-hailo check writes nothing.
 * @packageDocumentation
 */
import { existsSync, readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Reporter, TestModule, Vitest } from 'vitest/node'
import { buildRunReport, relativeTo, type TestModuleLike } from './collect.js'
import { summaryLines } from './summary-lines.js'
import type { HostIdentity } from './types.js'
import { writeRunReport } from './write-report.js'
import { errorMessage } from '../../error-message.js'

/** Where the report goes unless `dir` says otherwise (relative to the Vitest root). */
export const DEFAULT_REPORT_DIR = '.vitest-hailo/report'

/** Options of {@link HailoReporter} (the plugin's `report` option). */
export interface HailoReporterOptions {
  /** Folder of `report.json` and `report.html`, relative to the Vitest root. @defaultValue `'.vitest-hailo/report'` */
  readonly dir?: string
}

/** Marks instances across copies of this module (src and dist in one process), where `instanceof` fails. */
export const HAILO_REPORTER_MARK = Symbol.for('vitest-hailo/reporter')

/**
 * The reporter.
 * @example
 * ```ts
 * // vitest.config.ts, when not using the plugin's own
 * export default defineConfig({ test: { reporters: ['default', new HailoReporter({ dir: 'out/report' })] } })
 * ```
 */
export class HailoReporter implements Reporter {
  readonly [HAILO_REPORTER_MARK] = true
  readonly #dir: string
  #vitest: Vitest | undefined

  constructor(options: HailoReporterOptions = {}) {
    this.#dir = options.dir ?? DEFAULT_REPORT_DIR
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const vitest = this.#vitest
    const root = vitest?.config.root ?? process.cwd()
    const shard = vitest?.config.shard
    const report = buildRunReport(testModules as unknown as readonly TestModuleLike[], {
      root,
      host: hostIdentity(),
      tool: { vitestHailo: ownVersion(), vitest: vitest?.version ?? 'unknown' },
      ...(shard === undefined ? {} : { shard: { index: shard.index, count: shard.count } }),
    })
    if (report.checks.length === 0) return
    const log = (line: string): void => (vitest === undefined ? console.log(line) : vitest.logger.log(line))
    try {
      const written = await writeRunReport(resolve(root, this.#dir), report)
      log('')
      for (const line of summaryLines(report, relativeTo(process.cwd(), written.html))) log(line)
    } catch (error) {
      // A report that cannot be written must not hide the run's own result: say so and go on.
      log(`vitest-hailo  could not write the run report to ${this.#dir}: ${errorMessage(error)}`)
    }
  }
}

/** True for a reporter (or reporter reference) that is this one: added by hand or by the plugin. */
export function isHailoReporter(reference: unknown): boolean {
  if (typeof reference === 'string') return reference === 'vitest-hailo/reporter'
  if (Array.isArray(reference)) return reference[0] === 'vitest-hailo/reporter'
  return typeof reference === 'object' && reference !== null && HAILO_REPORTER_MARK in reference
}

/** This machine, as a board's host. */
export function hostIdentity(): HostIdentity {
  return { name: hostname(), cpuArch: process.arch, platform: process.platform, node: process.version }
}

let version: string | undefined
/** vitest-hailo's version, from the package.json above this module (src/ or dist/src/). */
function ownVersion(): string {
  if (version !== undefined) return version
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json')
    if (!existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string }
    if (pkg.name === 'vitest-hailo') return (version = pkg.version ?? 'unknown')
  }
  return (version = 'unknown')
}
