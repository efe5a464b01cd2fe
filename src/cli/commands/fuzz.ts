/**
 * `vitest-hailo fuzz <model>`: `toSurviveFuzzing` from the Pi's shell — the ready-made properties
 * (`runFuzz`), the same words, the counterexample saved, a replay token to paste.
 * @packageDocumentation
 */
import { getConfig } from '../../config.js'
import { DEFAULT_NUM_RUNS } from '../../fuzz/options.js'
import { PROPERTY_NAMES, type FuzzPropertyName } from '../../fuzz/types.js'
import { integerOption, parseCommandLine } from '../args.js'
import { CommandLineError } from '../command-line-error.js'
import { durationOption } from '../duration-option.js'
import type { CliCommand } from '../types.js'
import { didYouMean } from '../../validate.js'
import { fuzzAndReport, FUZZ_RUN_HELP, FUZZ_RUN_OPTIONS, seedOption } from './fuzz-run.js'
import { DEVICE_HELP, modelPlace } from './model-options.js'

const USAGE = `Usage: vitest-hailo fuzz <model.hef | model.onnx> [options]

Generate inputs (values, ranges, constant and saturated frames, encodings, frame orders) and check
the ready-made properties on each; on failure, shrink to the smallest failing case and print a
replay token. The check of expect(model).toSurviveFuzzing(options), in its words.

Options:
  --properties <a,b,…>     which properties: ${PROPERTY_NAMES.join(', ')}
                           (default: every one that applies to the device)
  --cases <n>              generated cases per property (default ${DEFAULT_NUM_RUNS})
  --time-budget <time>     stop generating after this long, e.g. 60s, 2m (default: no budget)
  --seed <n>               fast-check's seed (default VITEST_HAILO_SEED, else fresh; printed)
${DEVICE_HELP}
${FUZZ_RUN_HELP}

Exit status: 0 every property held, 1 a property failed or the board was unhealthy by
--max-temperature / --on-event, 2 usage or environment error.
Progress (inferences, rate, time left of the budget) goes to stderr when it is a terminal.
`

const OPTIONS = {
  ...FUZZ_RUN_OPTIONS,
  properties: { type: 'string' },
  cases: { type: 'string' },
  'time-budget': { type: 'string' },
  seed: { type: 'string' },
} as const

/**
 * `--properties a,b` as property names.
 * @throws {@link CommandLineError} naming an unknown property and listing the known ones.
 */
function propertiesOption(text: string | undefined): FuzzPropertyName[] | undefined {
  if (text === undefined) return undefined
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')
  const unknown = names.filter((n) => !(PROPERTY_NAMES as readonly string[]).includes(n))
  if (names.length === 0 || unknown.length > 0) {
    throw new CommandLineError(
      `${unknown.length > 0 ? `unknown property ${unknown.map((n) => JSON.stringify(n)).join(', ')} in --properties` : '--properties is empty'}; the properties are ${PROPERTY_NAMES.join(', ')}.` +
        didYouMean(unknown, PROPERTY_NAMES),
    )
  }
  return names as FuzzPropertyName[]
}

/** The `fuzz` command. */
export const fuzzCommand: CliCommand = {
  name: 'fuzz',
  summary: 'generate inputs and check ready-made properties, shrink a failure to a replay token (toSurviveFuzzing)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: ['model'] })
    const place = modelPlace(positionals[0]!, values)
    const properties = propertiesOption(values.properties)
    const numRuns = integerOption('--cases', values.cases, 1) ?? getConfig().fuzzRuns
    const timeBudgetMs = durationOption('--time-budget', values['time-budget'])
    return fuzzAndReport(io, {
      command: 'fuzz',
      place,
      values,
      options: {
        ...(properties === undefined ? {} : { properties }),
        ...(numRuns === undefined ? {} : { numRuns }),
        ...(timeBudgetMs === undefined ? {} : { timeBudgetMs }),
        ...seedOption(values.seed),
      },
    })
  },
}
