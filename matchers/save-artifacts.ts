/**
 * Saving a failed matcher's artifacts, shared by both matchers: the folder comes from the config,
 * and a write that fails is reported in the message instead of replacing the failure.
 * @packageDocumentation
 */
import { getConfig } from '../src/config.js'
import { writeArtifacts } from '../src/report/artifacts.js'
import type { Tensor } from '../src/tensor/types.js'
import type { ArtifactsOutcome } from './format/footer.js'

/** Where one failure's artifacts go: `<root>/<test file>/<test name>/`. */
export interface ArtifactPlace {
  readonly testFile: string
  readonly testName: string
  /** Root folder. @defaultValue the configured `artifactsDir` (`VITEST_HAILO_ARTIFACTS` wins) */
  readonly root?: string
}

/** What one failure saves, and how the message describes it. */
export interface FailureArtifacts extends ArtifactPlace {
  readonly tensors: Readonly<Record<string, Tensor>>
  readonly summary: Readonly<Record<string, unknown>>
  /** What the folder holds, for the message's Artifacts line. */
  readonly contents: string
}

/**
 * Write a failure's tensors and summary.json under the configured artifacts folder.
 * @example
 * ```ts
 * const artifacts = await saveFailureArtifacts({ testFile, testName, tensors, summary, contents: 'input as .npy,
 * summary.json' })
 * ```
 */
export async function saveFailureArtifacts(f: FailureArtifacts): Promise<ArtifactsOutcome> {
  try {
    const folder = await writeArtifacts({
      root: f.root ?? getConfig().artifactsDir,
      testFile: f.testFile,
      testName: f.testName,
      tensors: f.tensors,
      summary: f.summary,
    })
    return { folder, contents: f.contents }
  } catch (error) {
    // The failure itself matters more than its artifacts: report why they are missing, keep the message.
    return { error }
  }
}
