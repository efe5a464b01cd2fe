/**
 * Which Dataflow Compiler release goes with which HailoRT release.
 *
 * Source: Hailo Model Zoo's changelog (`docs/CHANGELOG.rst` in the public hailo-ai/hailo_model_zoo repository,
 * branches up to `update-to-version-v2.18.0`), which states for each Model Zoo release the Dataflow Compiler and
 * HailoRT it was built and validated with. Copied into the team's shared FACTS.md on 2026-11-23. Model Zoo 2.18
 * (DFC 3.33.1) states no HailoRT; 5.x releases are for Hailo-10/15 and are left out.
 * @packageDocumentation
 */

/** One validated pairing. */
export interface ToolchainPairing {
  readonly modelZoo: string
  /** Dataflow Compiler `major.minor.patch`. */
  readonly dataflowCompiler: string
  /** HailoRT `major.minor.patch`. */
  readonly hailort: string
}

/** Where {@link TOOLCHAIN_PAIRINGS} comes from, for messages and reports. */
export const PAIRINGS_SOURCE =
  'Hailo Model Zoo changelog, hailo-ai/hailo_model_zoo docs/CHANGELOG.rst, releases 2.7-2.17'

/** Validated Dataflow Compiler ↔ HailoRT pairs, oldest first. */
export const TOOLCHAIN_PAIRINGS: readonly ToolchainPairing[] = [
  { modelZoo: '2.7', dataflowCompiler: '3.23.0', hailort: '4.13.0' },
  { modelZoo: '2.8', dataflowCompiler: '3.24.0', hailort: '4.14.0' },
  { modelZoo: '2.9', dataflowCompiler: '3.25.0', hailort: '4.15.0' },
  { modelZoo: '2.10', dataflowCompiler: '3.26.0', hailort: '4.16.0' },
  { modelZoo: '2.11', dataflowCompiler: '3.27.0', hailort: '4.18.0' },
  { modelZoo: '2.12', dataflowCompiler: '3.28.0', hailort: '4.18.0' },
  { modelZoo: '2.13', dataflowCompiler: '3.29.0', hailort: '4.19.0' },
  { modelZoo: '2.14', dataflowCompiler: '3.30.0', hailort: '4.20.0' },
  { modelZoo: '2.15', dataflowCompiler: '3.31.0', hailort: '4.21.0' },
  { modelZoo: '2.16', dataflowCompiler: '3.32.0', hailort: '4.22.0' },
  { modelZoo: '2.17', dataflowCompiler: '3.33.0', hailort: '4.23.0' },
]
