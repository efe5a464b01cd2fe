/**
 * `vitest-hailo compare <model> <reference>`: `toMatchOnnxWithin` from the Pi's shell — the same
 * engine (`runParity`), the same words, the same artifacts.
 * @packageDocumentation
 */
import { saveParityArtifacts } from '../../../matchers/parity-artifacts.js'
import { formatFooter, seedDrove } from '../../../matchers/format/footer.js'
import { formatCriteria, formatParityBody, formatParitySummary } from '../../../matchers/format/parity.js'
import { PARITY_MATCHER, parityMessage } from '../../../matchers/format/parity-message.js'
import type { Tolerance } from '../../compare/tolerance.js'
import { getConfig } from '../../config.js'
import { runParity } from '../../parity/run.js'
import { integerOption, parseCommandLine } from '../args.js'
import { gateOnBoardHealth } from '../health-gate.js'
import { HEALTH_HELP, HEALTH_OPTIONS, healthOption } from '../health-option.js'
import { inputOption, samplesOf } from '../input-option.js'
import { withLoadedModel } from '../loaded-model.js'
import { PLAIN_STATE } from '../plain-state.js'
import { toleranceOption } from '../tolerance-option.js'
import type { CliCommand } from '../types.js'
import { writeVerdict, type Verdict } from '../verdict.js'
import { DEVICE_HELP, MODEL_OPTIONS, modelPlace, withAllsNormalization } from './model-options.js'
import { verdictFacts, withProgress } from '../engine-run.js'

/** The tolerance `compare` applies when `--tolerance` is not given. */
export const DEFAULT_COMPARE_TOLERANCE: Tolerance = { top1: true, cosine: 0.99 }

const USAGE = `Usage: vitest-hailo compare <model.hef | model.onnx> <reference.onnx> [options]

Run the same input bytes through the model (on --device) and through its ONNX reference (ONNX Runtime
on the CPU); pass when every output is within the tolerance. The check of
expect(model).toMatchOnnxWithin(reference, { tolerance }), in its words.

Options:
  --tolerance '<json>'     every criterion given must hold (default '${JSON.stringify(DEFAULT_COMPARE_TOLERANCE)}');
                           keys: atol, rtol, steps, cosine, snrDb, top1, topK, equalNaN, perOutput
  --input <file|folder>    an image or .npy file, or a folder of them (judged as a dataset);
                           default: a seeded synthetic input
  --alls <file>            the Dataflow Compiler model script whose normalization([...],[...]) the chip applies
${DEVICE_HELP}
${HEALTH_HELP}
  --seed <n>               seed of the synthetic input (default VITEST_HAILO_SEED, else fresh; printed)
  --artifacts <folder>     where a failure's .npy files and summary.json go
                           (default VITEST_HAILO_ARTIFACTS, else .vitest-hailo/artifacts)
  --json                   print one JSON document on stdout instead of text
  -h, --help               show this help

Exit status: 0 within the tolerance, 1 outside it or the board unhealthy by --max-temperature /
--on-event, 2 usage or environment error.
Progress (samples done, rate, time left) goes to stderr when it is a terminal.
`

const OPTIONS = {
  ...MODEL_OPTIONS,
  tolerance: { type: 'string' },
  input: { type: 'string' },
  alls: { type: 'string' },
  seed: { type: 'string' },
  artifacts: { type: 'string' },
  json: { type: 'boolean' },
  ...HEALTH_OPTIONS,
} as const

/** The `compare` command. */
export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'run a model and its ONNX reference on the same input and fail outside a tolerance (toMatchOnnxWithin)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: ['model', 'reference'] })
    const place = await withAllsNormalization(modelPlace(positionals[0]!, values), values.alls)
    const reference = positionals[1]!
    const tolerance = toleranceOption(values.tolerance) ?? DEFAULT_COMPARE_TOLERANCE
    const seed = integerOption('--seed', values.seed)
    const health = healthOption(values)
    const input = await inputOption(values.input)
    const samples = (await samplesOf(input)).length

    return withLoadedModel(place, async (model, device) => {
      const result = await withProgress(io, model, { unit: 'samples', total: samples }, (counted) =>
        runParity(counted, reference, {
          tolerance,
          ...input,
          ...(values.alls === undefined ? {} : { alls: values.alls }),
          ...(seed === undefined ? {} : { seed }),
          ...(getConfig().image === undefined ? {} : { image: getConfig().image! }),
        }),
      )
      const { environment, named, artifacts } = await verdictFacts(model, !result.pass, (env) =>
        saveParityArtifacts(
          result,
          {
            root: values.artifacts ?? getConfig().artifactsDir,
            testFile: 'cli/compare',
            testName: `${place.model} vs ${reference}`,
          },
          env,
        ),
      )
      const text = result.pass
        ? [
            `${formatParitySummary(result)}: ${formatCriteria(result.tolerance)}`,
            formatParityBody(result),
            formatFooter({ seed: result.seed, seedDrove: seedDrove(result.syntheticInput), ...named }),
          ].join('\n')
        : parityMessage(PLAIN_STATE, { result, named, ...(artifacts === undefined ? {} : { artifacts }) })
      const { exemplar: _tensors, ...data } = result
      const verdict: Verdict = {
        pass: result.pass,
        headline: `compare ${place.model} on ${device.spec} with ${reference}`,
        text,
        document: { command: 'compare', model: place.model, reference, device: device.spec, environment, result: data },
        ...(artifacts === undefined ? {} : { artifacts }),
      }
      const own = { check: PARITY_MATCHER, ownVerdict: formatParitySummary(result), health: result.health }
      return writeVerdict(
        io,
        values.json === true,
        gateOnBoardHealth(io, health, { ...own, device: device.spec }, verdict),
      )
    })
  },
}
