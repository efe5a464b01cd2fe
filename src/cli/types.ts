/**
 * The shape every `vitest-hailo` command has: one file per command in `commands/`, registered in
 * `commands/index.ts`. Commands write through {@link CliIo} so tests can run them without a process.
 * @packageDocumentation
 */

/** Where a command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /**
   * Where the progress line is drawn, as it is (it redraws itself with a control sequence); `runCli` shows
   * everything else written to stderr escaped. @defaultValue `stderr`
   */
  readonly progress?: (text: string) => void
  /** True when stderr is a terminal: only then do commands draw progress there. @defaultValue false */
  readonly interactive?: boolean
}

/** One `vitest-hailo <name>` command. */
export interface CliCommand {
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  /** Full usage text, printed by `vitest-hailo <name> --help`. */
  readonly usage: string
  /** Runs the command with the arguments after its name; resolves to the exit code. Throws named errors. */
  run(args: readonly string[], io: CliIo): Promise<number>
}

/**
 * Exit codes shared by every command: 0 the check passed (or the command did its job), 1 the check
 * failed, 2 the command could not decide (usage, a missing file, no device, a bug).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const
