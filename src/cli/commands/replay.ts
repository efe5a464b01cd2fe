/**
 * `vitest-hailo replay <token> <model>`: run exactly the failing case a fuzz failure printed, on this
 * machine's device — to see it again, or to see that a fix holds.
 * @packageDocumentation
 */
import { decodeToken } from '../../fuzz/token.js'
import { asCommandLine, parseCommandLine } from '../args.js'
import type { CliCommand } from '../types.js'
import { fuzzAndReport, FUZZ_RUN_HELP, FUZZ_RUN_OPTIONS } from './fuzz-run.js'
import { DEVICE_HELP, modelPlace } from './model-options.js'

const USAGE = `Usage: vitest-hailo replay <token> <model.hef | model.onnx> [options]

Run the failing case a fuzz failure's replay token names (its property, fast-check seed and path)
on the model, and say whether it still fails. The token holds the model's fingerprint: it replays
only on the same model bytes loaded with the same options. Give the same --input and --reference
as the run that printed it.

Options:
${DEVICE_HELP}
${FUZZ_RUN_HELP}

Exit status: 0 the case now passes, 1 it still fails or the board was unhealthy by --max-temperature /
--on-event, 2 usage or environment error
(a malformed token, or one made for another model).
`

/** The `replay` command. */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'run the failing case of a fuzz replay token again',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, FUZZ_RUN_OPTIONS, { names: ['token', 'model'] })
    const token = positionals[0]!
    const decoded = asCommandLine('<token>', () => decodeToken(token))
    const place = modelPlace(positionals[1]!, values)
    return fuzzAndReport(io, {
      command: 'replay',
      place,
      values,
      options: { replay: token, properties: [decoded.property], numRuns: 1 },
    })
  },
}
