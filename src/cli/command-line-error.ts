/**
 * The one error of the CLI's own: the command line is wrong. A {@link UsageError}, kept out of the
 * package's root because only the CLI throws it.
 * @packageDocumentation
 */
import { UsageError } from '../errors.js'

/** The `vitest-hailo` command line is wrong: an unknown command or option, a missing or malformed argument. */
export class CommandLineError extends UsageError {
  constructor(message: string) {
    super('E_COMMAND_LINE', message)
  }
}
