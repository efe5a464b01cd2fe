/**
 * What `fuzz` and `replay` share: the options that shape a fuzz run, running `runFuzz` on the loaded
 * model with progress, and the verdict in `toSurviveFuzzing`'s words.
 * @packageDocumentation
 */
import { saveFuzzArtifacts } from '../../../matchers/fuzz-artifacts.js'
import { formatFooter } from '../../../matchers/format/footer.js'
import { formatFuzzBody, formatFuzzSummary, generatedFromWords } from '../../../matchers/format/fuzz.js'
import { FUZZ_MATCHER, fuzzMessage } from '../../../matchers/format/fuzz-message.js'
import { getConfig } from '../../config.js'
import { runFuzz } from '../../fuzz/run.js'
import type { FuzzOptions, FuzzResult } from '../../fuzz/types.js'
import { integerOption, type ParsedOptions } from '../args.js'
import { gateOnBoardHealth } from '../health-gate.js'
import { HEALTH_HELP, HEALTH_OPTIONS, healthOption } from '../health-option.js'
import { inputOption } from '../input-option.js'
import { withLoadedModel, type ModelPlace } from '../loaded-model.js'
import { PLAIN_STATE } from '../plain-state.js'
import { replayLine } from '../replay-line.js'
import { shapeOption } from '../shape-option.js'
import { toleranceOption } from '../tolerance-option.js'
import type { CliIo } from '../types.js'
import { writeVerdict, type Verdict } from '../verdict.js'
import { MODEL_OPTIONS } from './model-options.js'
import { verdictFacts, withProgress } from '../engine-run.js'

/** Options both commands take. */
export const FUZZ_RUN_OPTIONS = {
  ...MODEL_OPTIONS,
  input: { type: 'string' },
  shape: { type: 'string' },
  reference: { type: 'string' },
  tolerance: { type: 'string' },
  artifacts: { type: 'string' },
  json: { type: 'boolean' },
  ...HEALTH_OPTIONS,
} as const

/** Their lines in a usage text. */
export const FUZZ_RUN_HELP = `  --input <file|folder>    base input(s) the cases perturb (default: generated from the model's declared inputs)
  --shape <dims>           sizes for a model with dynamic dimensions and no --input: 1,3,48,192, or
                           image=1,3,32,32;mask=1,1,32,32 for several inputs
  --reference <model.onnx> the reference of the parity property
  --tolerance '<json>'     the tolerance of the parity property, e.g. '{"steps":1}'
  --artifacts <folder>     where the counterexample's .npy files and summary.json go
                           (default VITEST_HAILO_ARTIFACTS, else .vitest-hailo/artifacts)
${HEALTH_HELP}
  --json                   print one JSON document on stdout instead of text
  -h, --help               show this help`

/** One fuzz run to make. */
export interface FuzzRun {
  readonly command: 'fuzz' | 'replay'
  readonly place: ModelPlace
  readonly values: ParsedOptions<typeof FUZZ_RUN_OPTIONS>
  /** Options of the run besides those {@link FUZZ_RUN_OPTIONS} give. */
  readonly options: FuzzOptions
}

/**
 * Run `runFuzz` on the model the command names and print the verdict; resolves to the exit code.
 * @example
 * ```ts
 * return fuzzAndReport(io, { command: 'fuzz', place, values, options: { numRuns: 50 } })
 * ```
 */
export async function fuzzAndReport(io: CliIo, run: FuzzRun): Promise<number> {
  const { values, place } = run
  const tolerance = toleranceOption(values.tolerance)
  const health = healthOption(values)
  const input = await inputOption(values.input)
  const shape = shapeOption(values.shape)
  const options: FuzzOptions = {
    ...run.options,
    ...input,
    ...(shape === undefined ? {} : { shape }),
    ...(values.reference === undefined ? {} : { reference: values.reference }),
    ...(tolerance === undefined ? {} : { tolerance }),
    ...(getConfig().image === undefined ? {} : { image: getConfig().image! }),
  }
  return withLoadedModel(place, async (model, device) => {
    const progress = {
      unit: 'inferences',
      ...(options.timeBudgetMs === undefined ? {} : { budgetMs: options.timeBudgetMs }),
    }
    const result = await withProgress(io, model, progress, (counted) => runFuzz(counted, options))
    const { environment, named, artifacts } = await verdictFacts(model, !result.passed, (env) =>
      saveFuzzArtifacts(
        result,
        { root: values.artifacts ?? getConfig().artifactsDir, testFile: `cli/${run.command}`, testName: place.model },
        env,
      ),
    )
    const generatedFrom = generatedFromWords(input)
    // The device's own spec: a fault injector's seed included, so the replay meets the same device.
    const replayHint =
      result.failure === undefined
        ? ''
        : `\nReplay from the shell: ${replayLine(result.failure.token, place, device.spec, values)}`
    const text = result.passed
      ? [
          formatFuzzSummary(result),
          formatFuzzBody(result, `Input: generated from ${generatedFrom}`),
          formatFooter({ seed: result.seed, seedDrove: ['the generated cases'], ...named }),
        ].join('\n')
      : `${fuzzMessage(PLAIN_STATE, { result, withOptions: true, ...(options.timeBudgetMs === undefined ? {} : { timeBudgetMs: options.timeBudgetMs }), generatedFrom, named, ...(artifacts === undefined ? {} : { artifacts }) })}${replayHint}`
    const verdict: Verdict = {
      pass: result.passed,
      headline: `${run.command} ${place.model} on ${device.spec}`,
      text,
      document: {
        command: run.command,
        model: place.model,
        device: device.spec,
        environment,
        result: withoutTensors(result),
      },
      ...(artifacts === undefined ? {} : { artifacts }),
    }
    const own = { check: FUZZ_MATCHER, ownVerdict: formatFuzzSummary(result), health: result.health }
    return writeVerdict(
      io,
      values.json === true,
      gateOnBoardHealth(io, health, { ...own, device: device.spec }, verdict),
    )
  })
}

/** The result as JSON: the counterexample's tensors are in the artifacts, not in the document. */
function withoutTensors(
  r: FuzzResult,
): Omit<FuzzResult, 'failure'> & { failure?: Omit<NonNullable<FuzzResult['failure']>, 'inputs' | 'outputs'> } {
  if (r.failure === undefined) return r
  const { inputs: _inputs, outputs: _outputs, ...failure } = r.failure
  return { ...r, failure }
}

/**
 * `--seed` as the engine takes it.
 * @example
 * ```ts
 * seedOption(values.seed) // { seed: 7 } or {}
 * ```
 */
export function seedOption(text: string | undefined): { seed?: number } {
  const seed = integerOption('--seed', text)
  return seed === undefined ? {} : { seed }
}
