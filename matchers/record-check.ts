/**
 * Every vitest-hailo matcher call leaves a record for the run report and, when it fails, a note in
 * Vitest's own reporters. One function, called by every matcher after it has its verdict:
 *
 * - the record goes into the test's `task.meta` (serializable; Vitest sends it to the main process,
 *   where `vitest-hailo/reporter` reads it through `testCase.meta()`);
 * - a failure is also announced with `context.annotate` (Vitest 4.1 and 5), typed `vitest-hailo`,
 *   carrying the verdict and the artifacts folder, with `summary.json` attached inline — which the default
 *   reporter prints, the JUnit reporter writes as a `<property>` and the GitHub Actions reporter as a
 *   `::notice`.
 *
 * Recording never changes a verdict: whatever goes wrong here is swallowed (the report then lacks one row).
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative } from 'node:path'
import type { MatcherState } from 'vitest'
import type { DeviceInfo } from '../src/device/types.js'
import { SUMMARY_FILE } from '../src/report/artifacts.js'
import { environmentOf, type EnvironmentFingerprint } from '../src/report/environment.js'
import type { CheckDetails } from '../src/report/run-report/check-details.js'
import { CHECKS_META_KEY, type RecordedCheck, type RecordedDevice } from '../src/report/run-report/types.js'
import type { ArtifactsOutcome } from './format/footer.js'

/** Annotation type of a failed check, as the JUnit property name and the GitHub Actions title. */
export const ANNOTATION_TYPE = 'vitest-hailo'

/** One matcher call, as the matcher knows it once it has a verdict. */
export interface CheckCall {
  readonly matcher: string
  /** The `expect(...)` argument (a `LoadedModel` gives its device and fingerprint). */
  readonly received: unknown
  /** What the engine found, before `.not`. */
  readonly held: boolean
  /** The matcher's one-line result, e.g. `12 distinct outputs in 12 runs`. */
  readonly summary: string
  readonly details: CheckDetails
  /** From {@link startCheck}, called first thing in the matcher. */
  readonly start: CheckStart
  readonly artifacts?: ArtifactsOutcome | undefined
  /** The environment when the matcher already read it (failures); otherwise it is read here. */
  readonly environment?: EnvironmentFingerprint | undefined
}

/** When and from where a matcher was called. */
export interface CheckStart {
  /** `Date.now()` when the call began. */
  readonly startedAt: number
  /** The call's stack, taken while the test's own line is still on it (before any `await`). */
  readonly callStack: string | undefined
}

/** Frames kept for the call stack: the test's line sits below Vitest's expect wrappers. */
const CALL_STACK_FRAMES = 64

/**
 * Note when and from where a check was called: call it first in the matcher, before any `await`.
 * @example
 * ```ts
 * const start = startCheck()
 * ```
 */
export function startCheck(): CheckStart {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = CALL_STACK_FRAMES
  try {
    return { startedAt: Date.now(), callStack: new Error('STACK_TRACE').stack }
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** The parts of Vitest's `Test` task this module touches. */
interface RecordableTask {
  meta?: Record<string, unknown>
  readonly context?: {
    readonly annotate?: (
      message: string,
      type?: string,
      attachment?: { body: string; contentType: string; bodyEncoding: 'utf-8' },
    ) => Promise<unknown>
  }
}

/**
 * Record `call` on the running test, and annotate the test when the call fails.
 * @example
 * ```ts
 * await recordCheck(this, { matcher: 'toBeDeterministicAcross', received, held: pass, summary, details, start })
 * ```
 */
export async function recordCheck(state: MatcherState, call: CheckCall): Promise<void> {
  const task = (state as MatcherState & { task?: RecordableTask }).task
  // The global `expect` in a concurrent test has no task: nothing to record on.
  if (task === undefined || task === null || typeof task !== 'object') return
  try {
    const negated = state.isNot === true
    const verdict = call.held === negated ? 'fail' : 'pass'
    const environment = call.environment ?? (await environmentOf(call.received))
    const record = recordOf(call, negated, verdict, environment)
    task.meta ??= {}
    const previous = task.meta[CHECKS_META_KEY]
    task.meta[CHECKS_META_KEY] = [...(Array.isArray(previous) ? previous : []), record]
    if (verdict === 'fail') await annotate(task, record, call.start.callStack)
  } catch {
    // The verdict matters more than its record: the report goes without this row.
  }
}

function recordOf(
  call: CheckCall,
  negated: boolean,
  verdict: 'pass' | 'fail',
  env: EnvironmentFingerprint,
): RecordedCheck {
  const { details } = call
  const folder = call.artifacts !== undefined && 'folder' in call.artifacts ? call.artifacts.folder : undefined
  const artifactsError =
    call.artifacts !== undefined && 'error' in call.artifacts
      ? String((call.artifacts.error as Error)?.message ?? call.artifacts.error)
      : undefined
  return {
    kind: details.kind,
    matcher: call.matcher,
    negated,
    verdict,
    held: call.held,
    summary: call.summary,
    startedAt: new Date(call.start.startedAt).toISOString(),
    model: {
      ...(env.model?.fingerprint === undefined ? {} : { fingerprint: env.model.fingerprint }),
      ...(env.model?.source === undefined ? {} : { source: env.model.source }),
      ...(env.model?.id === undefined ? {} : { id: env.model.id }),
      ...(details.reference === undefined ? {} : { reference: details.reference }),
    },
    ...(env.device === undefined ? {} : { device: deviceOf(env.device) }),
    ...(env.deviceError === undefined ? {} : { deviceError: env.deviceError }),
    inputs: details.inputs,
    ...(details.seed === undefined ? {} : { seed: details.seed }),
    // The engine times inferences; the call's wall time covers loading inputs and references too.
    timing: { ...details.timing, totalMs: Math.max(details.timing.totalMs, Date.now() - call.start.startedAt) },
    ...(folder === undefined ? {} : { artifacts: folder }),
    ...(artifactsError === undefined ? {} : { artifactsError }),
    ...(details.determinism === undefined ? {} : { determinism: details.determinism }),
    ...(details.parity === undefined ? {} : { parity: details.parity }),
    ...(details.fuzz === undefined ? {} : { fuzz: details.fuzz }),
    ...(details.stages === undefined ? {} : { stages: details.stages }),
    ...(details.health === undefined ? {} : { health: details.health }),
  }
}

/** Only plain, serializable facts cross to the main process (`extra` may hold anything). */
function deviceOf(d: DeviceInfo): RecordedDevice {
  return {
    kind: d.kind,
    spec: d.spec,
    description: d.description,
    versions: { ...d.versions },
    ...(d.architecture === undefined ? {} : { architecture: d.architecture }),
    ...(d.serial === undefined ? {} : { serial: d.serial }),
    ...(d.temperatureC === undefined ? {} : { temperatureC: d.temperatureC }),
    ...(d.throttling === undefined ? {} : { throttling: d.throttling }),
  }
}

/** Largest summary.json attached inline; a larger one is only named (its folder is in the message). */
const MAX_ATTACHED_BYTES = 256 * 1024

/**
 * The note Vitest's reporters show for a failed check: verdict and evidence on one line (GitHub
 * annotations and JUnit properties are single values), with `summary.json` attached inline. Inline,
 * not by path: Vitest names its copy of a path attachment after the message, which a message naming a
 * folder makes longer than a file name may be (ENAMETOOLONG, in 4.1 and 5 alike).
 */
async function annotate(task: RecordableTask, record: RecordedCheck, callStack: string | undefined): Promise<void> {
  const annotateFn = task.context?.annotate
  // Vitest before 3.2 has no annotations; nothing else to do there.
  if (typeof annotateFn !== 'function') return
  const summaryPath = record.artifacts === undefined ? undefined : join(record.artifacts, SUMMARY_FILE)
  const evidence =
    summaryPath !== undefined
      ? `evidence: ${shortPath(summaryPath)}`
      : `no artifacts${record.artifactsError === undefined ? '' : ` (${record.artifactsError})`}`
  const device = record.device === undefined ? '' : ` on ${record.device.spec}`
  const message = `${record.matcher}${record.negated ? ' (.not)' : ''} failed${device}: ${record.summary}; ${evidence}`
  const body = summaryPath === undefined ? undefined : await readFile(summaryPath, 'utf8').catch(() => undefined)
  const attachment =
    body === undefined || Buffer.byteLength(body) > MAX_ATTACHED_BYTES
      ? undefined
      : { body, contentType: 'application/json', bodyEncoding: 'utf-8' as const }
  const annotation = withStack(callStack, () =>
    attachment === undefined
      ? annotateFn.call(task.context, message, ANNOTATION_TYPE)
      : annotateFn.call(task.context, message, ANNOTATION_TYPE, attachment),
  )
  await annotation
}

/** `path` relative to the working directory when inside it (what a CI log or checkout shows), else as it is. */
function shortPath(path: string): string {
  const r = relative(process.cwd(), path)
  return r === '' || r.startsWith('..') || isAbsolute(r) ? path : r
}

/**
 * Run `fn` with every `new Error().stack` reading `stack`. Vitest places an annotation at the test
 * file's frame of the stack it takes synchronously inside `annotate`; after the matcher's awaits that
 * frame is gone (Vitest's expect chains matchers with `.then`, which async stack traces do not follow),
 * and without a place the GitHub Actions reporter drops the annotation. The window is synchronous and
 * the previous formatter is restored at once.
 */
function withStack<T>(stack: string | undefined, fn: () => T): T {
  if (stack === undefined) return fn()
  const previous = Error.prepareStackTrace
  Error.prepareStackTrace = () => stack
  try {
    return fn()
  } finally {
    Error.prepareStackTrace = previous
  }
}
