/**
 * `runCli(argv, io)`: the whole CLI as a function (dispatch, help, version, errors, exit codes), so
 * tests run it in-process and the executable only wires it to the process.
 * @packageDocumentation
 */
import { DeviceError, HefNeedsChipError, UsageError, VitestHailoError } from '../errors.js'
import { printableText } from '../report/printable.js'
import { CommandLineError } from './command-line-error.js'
import { COMMANDS } from './commands/index.js'
import { hefNeedsChipWords } from './hef-needs-chip.js'
import { EXIT, type CliCommand, type CliIo } from './types.js'
import { packageVersion } from './version.js'

/** The top-level usage text. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'Usage: vitest-hailo <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --version    print the version of vitest-hailo',
    '  -h, --help   show this help; `vitest-hailo <command> --help` shows the options of one command',
    '',
    'Exit status: 0 pass, 1 a check failed, 2 usage or environment error (nothing was decided).',
    '',
  ].join('\n')
}

/**
 * Write an error the way users should see it, and return exit code 2: a command-line mistake with the
 * command's usage, a user or machine problem as its message, anything else as a bug with its stack.
 */
function report(error: unknown, cliIo: CliIo, command: CliCommand): number {
  // Messages quote names from model files, which may hold terminal escapes: shown escaped.
  const io = { stderr: (text: string) => cliIo.stderr(printableText(text)) }
  if (error instanceof CommandLineError) {
    io.stderr(`vitest-hailo ${command.name}: ${error.message}\n\n${command.usage}`)
  } else if (error instanceof HefNeedsChipError) {
    io.stderr(`vitest-hailo ${command.name}: ${hefNeedsChipWords(error)}\n`)
  } else if (error instanceof UsageError || error instanceof DeviceError) {
    io.stderr(`vitest-hailo ${command.name}: ${error.message}\n`)
  } else if (error instanceof VitestHailoError) {
    io.stderr(`vitest-hailo ${command.name}: ${error.message}\n${error.stack ?? ''}\n`)
  } else {
    io.stderr(
      `vitest-hailo ${command.name}: unexpected error (a bug; please report it with this output):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
  }
  return EXIT.usage
}

/**
 * Run the CLI with `argv` (the arguments after the program name) and resolve to the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(['inspect', 'model.hef', '--json'], { stdout: (s) => process.stdout.write(s), stderr: (s)
 * => process.stderr.write(s) })
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`)
    return EXIT.ok
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? findCommand(commands, rest) : undefined
    ;(name === undefined ? io.stderr : io.stdout)(topic?.command.usage ?? usage(commands))
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  const found = findCommand(commands, argv)
  if (found === undefined) {
    const accepted = commands.map((c) => c.name).join(', ')
    // `report frob` is an unknown subcommand of `report`, not an unknown `report`.
    const shown = commands.some((c) => c.name.startsWith(`${name} `)) ? argv.slice(0, 2).join(' ') : name
    io.stderr(`vitest-hailo: unknown command "${shown}"; the commands are ${accepted}.\n\n${usage(commands)}`)
    return EXIT.usage
  }
  const { command, args } = found
  // `--help` anywhere before a `--` asks for help, whatever else the line holds.
  const end = args.indexOf('--')
  if ((end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) {
    io.stdout(command.usage)
    return EXIT.ok
  }
  // What a command prints quotes names from model files, which may hold terminal escapes: stdout and stderr's
  // warnings show them escaped; only the progress line, which redraws itself with one, reaches stderr as it is.
  const shown: CliIo = {
    ...io,
    stdout: (text) => io.stdout(printableText(text)),
    stderr: (text) => io.stderr(printableText(text)),
    progress: io.progress ?? io.stderr,
  }
  try {
    return await command.run(args, shown)
  } catch (error) {
    return report(error, io, command)
  }
}

/** The command `argv` names: one word (`check`) or two (`report merge`), and the arguments after it. */
function findCommand(
  commands: readonly CliCommand[],
  argv: readonly string[],
): { command: CliCommand; args: readonly string[] } | undefined {
  const two = argv.slice(0, 2).join(' ')
  const command = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === argv[0])
  return command === undefined ? undefined : { command, args: argv.slice(command.name.split(' ').length) }
}
