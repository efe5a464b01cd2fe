/**
 * `vitest-hailo check <model>`: `toBeDeterministicAcross` from the Pi's shell — the same engine
 * (`runDeterminism`), the same words, the same artifacts.
 * @packageDocumentation
 */
import { saveDeterminismArtifacts } from '../../../matchers/determinism-artifacts.js'
import { formatDeterminismBody, formatDistinctSummary } from '../../../matchers/format/determinism.js'
import { DETERMINISM_MATCHER, determinismMessage } from '../../../matchers/format/determinism-message.js'
import { formatFooter, seedDrove } from '../../../matchers/format/footer.js'
import { getConfig } from '../../config.js'
import { runDeterminism } from '../../determinism/run.js'
import { determinismSummary } from '../../report/determinism-summary.js'
import { integerOption, parseCommandLine } from '../args.js'
import { inputOption, samplesOf } from '../input-option.js'
import { gateOnBoardHealth } from '../health-gate.js'
import { HEALTH_HELP, HEALTH_OPTIONS, healthOption } from '../health-option.js'
import { withLoadedModel } from '../loaded-model.js'
import { PLAIN_STATE } from '../plain-state.js'
import { assertSizesGiven, shapeOption } from '../shape-option.js'
import { toleranceOption } from '../tolerance-option.js'
import { CommandLineError } from '../command-line-error.js'
import type { CliCommand } from '../types.js'
import { writeVerdict, type Verdict } from '../verdict.js'
import { DEVICE_HELP, MODEL_OPTIONS, modelPlace } from './model-options.js'
import { verdictFacts, withProgress } from '../engine-run.js'

/** Why `--runs 1` is refused: it could never fail. */
const SINGLE_RUN =
  '--runs 1 compares nothing: each input would run once, with no other run to differ from, so the check would pass ' +
  'whatever the device does. Give --runs 2 or more, e.g. --runs 10.'

const USAGE = `Usage: vitest-hailo check <model.hef | model.onnx> [options]

Run the model on the same input again and again; pass when every run gives identical output bytes
(or outputs within --tolerance). The check of expect(model).toBeDeterministicAcross(runs), in its words.

Options:
  --runs <n>               runs per input, at least 2 (default ${getConfig().runs})
  --input <file|folder>    an image or .npy file, or a folder of them (each checked on its own);
                           default: a seeded synthetic input
  --shape <dims>           sizes for a model with dynamic dimensions and no --input: 1,3,48,192, or
                           image=1,3,32,32;mask=1,1,32,32 for several inputs
${DEVICE_HELP}
${HEALTH_HELP}
  --warmup <n>             uncounted runs first, per input (default 0)
  --seed <n>               seed of the synthetic input (default VITEST_HAILO_SEED, else fresh; printed)
  --tolerance '<json>'     runs within it count as the same output, e.g. '{"atol":0.01}' (default: bit-exact)
  --artifacts <folder>     where a failure's .npy files and summary.json go
                           (default VITEST_HAILO_ARTIFACTS, else .vitest-hailo/artifacts)
  --json                   print one JSON document on stdout instead of text
  -h, --help               show this help

Exit status: 0 deterministic, 1 not deterministic or the board unhealthy by --max-temperature /
--on-event, 2 usage or environment error.
Progress (runs done, rate, time left) goes to stderr when it is a terminal.
`

const OPTIONS = {
  ...MODEL_OPTIONS,
  runs: { type: 'string' },
  input: { type: 'string' },
  shape: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string' },
  tolerance: { type: 'string' },
  artifacts: { type: 'string' },
  json: { type: 'boolean' },
  ...HEALTH_OPTIONS,
} as const

/** The `check` command. */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'run a model N times on one input and fail unless every run agrees (toBeDeterministicAcross)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: ['model'] })
    const place = modelPlace(positionals[0]!, values)
    const runs = integerOption('--runs', values.runs, 1) ?? getConfig().runs
    // The matcher keeps n = 1 for `report merge`, which reads test runs' reports; the command has no such use.
    if (runs === 1) throw new CommandLineError(SINGLE_RUN)
    const warmup = integerOption('--warmup', values.warmup) ?? 0
    const seed = integerOption('--seed', values.seed)
    const tolerance = toleranceOption(values.tolerance)
    const health = healthOption(values)
    const input = await inputOption(values.input)
    const shape = shapeOption(values.shape)
    const samples = (await samplesOf(input)).length

    return withLoadedModel(place, async (model, device) => {
      assertSizesGiven(model.inputs, { shape, input: values.input }, 1)
      const result = await withProgress(io, model, { unit: 'runs', total: samples * (warmup + runs) }, (counted) =>
        runDeterminism(counted, {
          runs,
          warmup,
          ...input,
          ...(seed === undefined ? {} : { seed }),
          ...(shape === undefined ? {} : { shape }),
          ...(tolerance === undefined ? {} : { tolerance }),
          ...(getConfig().image === undefined ? {} : { image: getConfig().image! }),
        }),
      )
      const { environment, named, artifacts } = await verdictFacts(model, !result.deterministic, (env) =>
        saveDeterminismArtifacts(
          result,
          { root: values.artifacts ?? getConfig().artifactsDir, testFile: 'cli/check', testName: place.model },
          env,
        ),
      )
      const text = result.deterministic
        ? [
            formatDistinctSummary(result),
            formatDeterminismBody(result),
            formatFooter({ seed: result.seed, seedDrove: seedDrove(result.syntheticInput), ...named }),
          ].join('\n')
        : determinismMessage(PLAIN_STATE, { runs, result, named, ...(artifacts === undefined ? {} : { artifacts }) })
      const verdict: Verdict = {
        pass: result.deterministic,
        headline: `check ${place.model} on ${device.spec}`,
        text,
        document: {
          command: 'check',
          model: place.model,
          device: device.spec,
          environment,
          result: determinismSummary(result),
        },
        ...(artifacts === undefined ? {} : { artifacts }),
      }
      const own = { check: DETERMINISM_MATCHER, ownVerdict: formatDistinctSummary(result), health: result.health }
      return writeVerdict(
        io,
        values.json === true,
        gateOnBoardHealth(io, health, { ...own, device: device.spec }, verdict),
      )
    })
  },
}
