/**
 * `vitest-hailo/reporter`: the Vitest reporter that writes `report.json` and a self-contained
 * `report.html` for every run with vitest-hailo checks, and prints a short summary. The plugin adds
 * it by itself; list it by hand only without the plugin. The report's format is in `RunReport`.
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { reporters: ['default', 'vitest-hailo/reporter'] } })
 * ```
 * @packageDocumentation
 */
import { HailoReporter } from '../report/run-report/reporter.js'

export { HailoReporter, DEFAULT_REPORT_DIR } from '../report/run-report/reporter.js'
export type { HailoReporterOptions } from '../report/run-report/reporter.js'
export { RUN_REPORT_FORMAT, RUN_REPORT_FORMAT_VERSION, CHECKS_META_KEY } from '../report/run-report/types.js'
export type {
  RunReport,
  HostIdentity,
  BoardIdentity,
  CheckKind,
  CheckVerdict,
  CheckRecord,
  TestIdentity,
  ModelIdentity,
  InputRecord,
  OutputDigest,
  CheckTiming,
  DeterminismDetail,
  ParityDetail,
  ParityOutputDetail,
  DifferenceHistogram,
  FuzzDetail,
  FuzzInputPreview,
  FuzzOutputDifference,
  StagesDetail,
  StageStepDetail,
  RunTotals,
} from '../report/run-report/types.js'

/** Vitest instantiates a reporter named by path from its default export. */
export default HailoReporter
