/**
 * `runCli(argv, io)`: the whole CLI as a function (dispatch, help, errors, exit codes), so tests run it in-process.
 * @packageDocumentation
 */
import { UsageError, VitestHailoError } from '../errors.js'
import { COMMANDS } from './commands/index.js'
import { EXIT, type CliCommand, type CliIo } from './types.js'

/** The top-level usage text. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: vitest-hailo <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `vitest-hailo <command> --help` for the options of one command.',
    '',
  ].join('\n')
}

/** Write an error the way users should see it: user mistakes without a stack, anything else with one. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`vitest-hailo: ${error.message}\n`)
    return EXIT.error
  }
  if (error instanceof VitestHailoError) {
    io.stderr(`vitest-hailo: ${error.message}\n${error.stack ?? ''}\n`)
    return EXIT.error
  }
  io.stderr(`vitest-hailo: unexpected error (a bug; please report it with this output):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return EXIT.error
}

/**
 * Run the CLI with `argv` (the arguments after the program name) and resolve to the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(['inspect', 'model.hef', '--json'], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) })
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined
    ;(name === undefined ? io.stderr : io.stdout)(topic?.usage ?? usage(commands))
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const command = commands.find((c) => c.name === name)
  if (command === undefined) {
    io.stderr(`vitest-hailo: unknown command "${name}".\n\n${usage(commands)}`)
    return EXIT.usage
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage)
    return EXIT.ok
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    return report(error, io)
  }
}
