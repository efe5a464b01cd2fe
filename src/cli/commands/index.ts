/**
 * The registry of `vitest-hailo` commands. Add a command: write `commands/<name>.ts` exporting a
 * {@link CliCommand}, and list it here.
 * @packageDocumentation
 */
import type { CliCommand } from '../types.js'
import { checkCommand } from './check.js'
import { compareCommand } from './compare.js'
import { diagnoseCommand } from './diagnose.js'
import { fuzzCommand } from './fuzz.js'
import { inspectCommand } from './inspect.js'
import { replayCommand } from './replay.js'
import { reportMergeCommand } from './report-merge.js'

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  checkCommand,
  compareCommand,
  diagnoseCommand,
  fuzzCommand,
  replayCommand,
  inspectCommand,
  reportMergeCommand,
]
