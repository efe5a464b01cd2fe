#!/usr/bin/env node
/**
 * The `vitest-hailo` executable: runs {@link runCli} with the process' arguments and exits with its code.
 * @packageDocumentation
 */
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
})
process.exitCode = code
