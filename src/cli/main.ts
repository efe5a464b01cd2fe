#!/usr/bin/env node
/**
 * The `vitest-hailo` executable: runs {@link runCli} with the process' arguments and exits with its code.
 * Progress is drawn only when stderr is a terminal.
 * @packageDocumentation
 */
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
})
process.exitCode = code
