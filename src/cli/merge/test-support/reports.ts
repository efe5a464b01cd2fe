/**
 * Test support for `report merge`: real run reports, made the way the reporter makes them (the
 * determinism engine on a real device, `determinismDetails`, `boardOf`), without a Vitest child.
 * @packageDocumentation
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatDistinctSummary } from '../../../../matchers/format/determinism.js'
import { runDeterminism } from '../../../determinism/run.js'
import { openDevice } from '../../../device/open.js'
import { boardOf } from '../../../report/run-report/board.js'
import { determinismDetails } from '../../../report/run-report/from-determinism.js'
import {
  RUN_REPORT_FORMAT,
  RUN_REPORT_FORMAT_VERSION,
  type CheckRecord,
  type RunReport,
} from '../../../report/run-report/types.js'

/** The model and images the reports are about. */
export interface ReportRun {
  readonly device: string
  readonly host: string
  readonly model: string
  readonly inputs: string
  readonly runs: number
  readonly shard?: RunReport['shard']
}

/**
 * The report.json of one determinism check of `run.model` over `run.inputs` on `run.device`.
 * @example
 * ```ts
 * const report = await reportOf({ device: 'emulator', host: 'pi-a', model, inputs: 'images/', runs: 1 })
 * ```
 */
export async function reportOf(run: ReportRun): Promise<RunReport> {
  const device = await openDevice(run.device)
  try {
    const model = await device.load(run.model)
    const result = await runDeterminism(model, { runs: run.runs, inputs: run.inputs, seed: 1 })
    const host = { name: run.host, cpuArch: 'arm64', platform: 'linux', node: process.version }
    const board = boardOf(await device.info(), host)
    const check: CheckRecord = {
      id: 'abc123_0#1',
      matcher: 'toBeDeterministicAcross',
      negated: false,
      verdict: result.deterministic ? 'pass' : 'fail',
      held: result.deterministic,
      summary: formatDistinctSummary(result),
      test: {
        file: 'test/model.test.ts',
        name: 'the model is deterministic',
        state: result.deterministic ? 'pass' : 'fail',
      },
      board: board.id,
      model: { fingerprint: model.fingerprint(), source: 'models/classifier.onnx' },
      ...determinismDetails(result),
    }
    return {
      format: RUN_REPORT_FORMAT,
      formatVersion: RUN_REPORT_FORMAT_VERSION,
      createdAt: '2026-12-05T15:00:00.000Z',
      tool: { vitestHailo: '0.1.0', vitest: '4.1.12' },
      host,
      ...(run.shard === undefined ? {} : { shard: run.shard }),
      boards: [board],
      checks: [check],
      totals: { checks: 1, failed: check.verdict === 'fail' ? 1 : 0, boards: 1, tests: 1 },
    }
  } finally {
    await device.dispose()
  }
}

/**
 * Write each text as `<name>/report.json` under a fresh folder; returns the file paths.
 * @example
 * ```ts
 * const [a, b] = await writeReports({ 'pi-a': JSON.stringify(reportA), 'pi-b': '{"format":' })
 * ```
 */
export async function writeReports(texts: Readonly<Record<string, string>>): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'vh-merge-'))
  const paths: string[] = []
  for (const [name, text] of Object.entries(texts)) {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(root, name), { recursive: true })
    const path = join(root, name, 'report.json')
    await writeFile(path, text)
    paths.push(path)
  }
  return paths
}
