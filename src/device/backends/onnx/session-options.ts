/**
 * The ONNX Runtime session settings vitest-hailo pins, so golden outputs are reproducible.
 *
 * - `graphOptimizationLevel: 'extended'`: fusions and constant folding like the default, but not the
 *   `'layout'`/`'all'` level's CPU-specific layout rewrites (NCHWc blocking picked by the host's
 *   vector width), so the optimized graph does not change between an x86 CI runner and a Pi's ARM.
 *   Pinned at all because the level changes result bytes (`'disabled'` differs from the default).
 * - `intraOpNumThreads: 1` by default (`LoadOptions.threads`): the default oversubscribes 2-core CI.
 * - `interOpNumThreads: 1`, `executionMode: 'sequential'`: no scheduling between operators.
 * @packageDocumentation
 */
import type { InferenceSession } from 'onnxruntime-node'

/** The optimization level every session uses. */
export const GRAPH_OPTIMIZATION_LEVEL = 'extended' as const

/** Intra-op threads when `LoadOptions.threads` is not given. */
export const DEFAULT_THREADS = 1

/**
 * Session options for the CPU execution provider.
 * @example
 * ```ts
 * await ort.InferenceSession.create(bytes, sessionOptions(1))
 * ```
 */
export function sessionOptions(threads: number = DEFAULT_THREADS): InferenceSession.SessionOptions {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: GRAPH_OPTIMIZATION_LEVEL,
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Fatal only (4): ORT's info lines would drown a test run's output, and its error lines repeat, raw and in
    // colour on stderr, what InferenceRunError already says with the fed and declared shapes.
    logSeverityLevel: 4,
  }
}
