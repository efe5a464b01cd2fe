/**
 * The words of a check its signal stopped part-way (usually the test's timeout): how far it got,
 * what the completed runs showed, the time per run, and what to change so it can finish.
 * @packageDocumentation
 */
import type { DeterminismProgress } from '../../src/determinism/types.js'
import type { ParityProgress } from '../../src/parity/types.js'
import { formatDistinctSummary } from './determinism.js'
import { formatDuration, plural } from './numbers.js'

/** What the matcher knows about the stop besides the engine's progress. */
export interface StopContext {
  /** `toBeDeterministicAcross(50)`, for the first line. */
  readonly call: string
  /** The test's timeout, when Vitest says it and the test's own signal stopped the check. */
  readonly timeoutMs?: number
  /** The abort's own words (e.g. Vitest's "Test timed out in 5000ms."). */
  readonly reason: string
}

const byTimeout = (c: StopContext): boolean => /^Test timed out/.test(c.reason)
const whoStopped = (c: StopContext): string => (byTimeout(c) ? "the test's timeout" : 'its abort signal')

/**
 * "raise the test's timeout to at least 16 s (…), or lower n to 18" (or the signal's time, when the caller's own signal
 * stopped it).
 */
function advice(
  c: StopContext,
  neededMs: number,
  allowedMs: number,
  perItemMs: number,
  n: string,
  count: number,
): string {
  const seconds = Math.max(1, Math.ceil((neededMs * 1.5) / 1000))
  const fits = Math.max(1, Math.floor((0.8 * allowedMs) / perItemMs))
  const lower = fits < count ? `, or lower ${n} to ${fits}` : ''
  const raise = byTimeout(c)
    ? `raise the test's timeout to at least ${seconds} s (test('…', fn, ${seconds * 1000}), or testTimeout in vitest.config)`
    : `give it at least ${seconds} s before the signal aborts`
  return `To finish, ${raise}${lower}.`
}

/**
 * The message of a determinism check stopped part-way.
 * @example
 * ```ts
 * formatStoppedDeterminism(error.progress, { call: 'toBeDeterministicAcross(50)', timeoutMs: 5000, reason:
 * error.message })
 * ```
 */
export function formatStoppedDeterminism(p: DeterminismProgress, c: StopContext): string {
  const sample = p.samples > 1 ? ` of sample ${p.samplesDone + 1} of ${p.samples}` : ''
  const lines = [
    `${c.call} was stopped by ${whoStopped(c)} after ${p.completedRuns} of ${plural(p.runs, 'run')}${sample}, ${formatDuration(p.elapsedMs)} into the check.`,
  ]
  const allowed = c.timeoutMs ?? p.elapsedMs
  const r = p.partial
  if (r === undefined || p.completedRuns === 0) {
    lines.push(
      'Not one counted run completed: reading the input and the warm-up took that long, or one inference takes longer than the test allows.',
      `To finish, raise the test's timeout (test('…', fn, ms), or testTimeout in vitest.config) above the time of ${p.runs === 1 ? 'the run' : `${plural(p.runs, 'run')}`} plus loading.`,
    )
  } else {
    const perRun = r.timing.medianMs
    const pattern = r.deterministic ? '' : `, pattern ${r.pattern}`
    lines.push(
      `So far: ${formatDistinctSummary(r)}${pattern}${p.samplesDone > 0 ? `; ${plural(p.samplesDone, 'sample')} before it checked in full` : ''}.`,
      `Time per run: median ${formatDuration(perRun)} (min ${formatDuration(r.timing.minMs)}, max ${formatDuration(r.timing.maxMs)}); ` +
        `${plural(p.runs * p.samples, 'run')} need about ${formatDuration(perRun * p.runs * p.samples)}${c.timeoutMs === undefined ? '' : `, the test allows ${formatDuration(c.timeoutMs)}`}.`,
      advice(c, perRun * p.runs * p.samples, allowed, perRun * p.samples, 'n', p.runs),
    )
  }
  lines.push(`Stopped by: ${c.reason}`)
  return lines.join('\n')
}

/**
 * The message of a parity check stopped part-way.
 * @example
 * ```ts
 * formatStoppedParity(error.progress, { call: 'toMatchOnnxWithin(…)', timeoutMs: 5000, reason: error.message })
 * ```
 */
export function formatStoppedParity(p: ParityProgress, c: StopContext): string {
  const lines = [
    `${c.call} was stopped by ${whoStopped(c)} after ${p.samplesDone} of ${plural(p.samples, 'sample')}, ${formatDuration(p.elapsedMs)} into the check.`,
  ]
  if (p.samplesDone === 0) {
    lines.push(
      'Not one sample was compared: opening the reference and one inference on each side took longer than the test allows.',
      "To finish, raise the test's timeout (test('…', fn, ms), or testTimeout in vitest.config).",
    )
  } else {
    const perSample = p.elapsedMs / p.samplesDone
    lines.push(
      `So far: ${p.samplesPassed} of ${plural(p.samplesDone, 'sample')} within the tolerance.`,
      `Time per sample (model + reference): about ${formatDuration(perSample)}; ${plural(p.samples, 'sample')} need about ${formatDuration(perSample * p.samples)}.`,
      advice(c, perSample * p.samples, c.timeoutMs ?? p.elapsedMs, perSample, 'the number of samples', p.samples),
    )
  }
  lines.push(`Stopped by: ${c.reason}`)
  return lines.join('\n')
}
