#!/usr/bin/env node
/**
 * The `vitest-hailo` executable: runs {@link runCli} with the process' arguments and exits with its code.
 * Progress is drawn only when stderr is a terminal.
 * @packageDocumentation
 */
import { runCli } from './run.js'

/**
 * A writer to `stream` that goes quiet once the reader has closed the pipe (`vitest-hailo … | head`): the command
 * still finishes and releases its device, and the exit code stays the check's.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    closed = true
  })
  return (text) => {
    if (!closed) stream.write(text)
  }
}

const code = await runCli(process.argv.slice(2), {
  stdout: quietOnClosedPipe(process.stdout),
  stderr: quietOnClosedPipe(process.stderr),
  interactive: process.stderr.isTTY === true,
})
process.exitCode = code
