/**
 * `vitest-hailo diagnose <model>`: the `diagnose` probes from the Pi's shell — which input mistake the
 * model suffers from (stale output buffer, normalization applied 0 or 2 times, an encoding it does not
 * understand, outputs not dequantized), ranked, each with its evidence and the fix to try.
 * @packageDocumentation
 */
import { diagnose } from '../../diagnose/run.js'
import { PROBE_NAMES, type ProbeName } from '../../diagnose/types.js'
import { formatDiagnosis } from '../../diagnose/words.js'
import { environmentOf } from '../../report/environment.js'
import { CommandLineError } from '../command-line-error.js'
import { integerOption, parseCommandLine } from '../args.js'
import { withLoadedModel } from '../loaded-model.js'
import type { CliCommand } from '../types.js'
import { writeVerdict } from '../verdict.js'
import { DEVICE_HELP, MODEL_OPTIONS, modelPlace, withAllsNormalization } from './model-options.js'

const USAGE = `Usage: vitest-hailo diagnose <model.hef | model.onnx> [options]

Probe the model for the input mistakes users make: an output that belongs to the previous input, a
normalization applied zero or two times, an encoding of the pixels the model does not understand (float
0–1 into a uint8 input…), outputs left as raw quantized codes. Prints the causes found, most certain first,
each with its evidence and the fix to try. See docs/diagnosis.md.

Options:
  --reference <model.onnx> the ONNX model the HEF was compiled from (needed by every probe but previous-frame)
  --alls <file>            the model script whose normalization([...],[...]) the chip applies once
  --input <file>           the input your application feeds (an image or .npy): is its encoding understood?
  --probes <list>          comma-separated, of ${PROBE_NAMES.join(', ')} (default: every one that can run)
${DEVICE_HELP}
  --seed <n>               seed of the probe images (default VITEST_HAILO_SEED, else fresh; printed)
  --json                   print one JSON document on stdout instead of text
  -h, --help               show this help

Exit status: 0 no cause found, 1 causes found, 2 usage or environment error.
`

const OPTIONS = {
  ...MODEL_OPTIONS,
  reference: { type: 'string' },
  alls: { type: 'string' },
  input: { type: 'string' },
  probes: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
} as const

function probesOption(text: string | undefined): ProbeName[] | undefined {
  if (text === undefined) return undefined
  const names = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
  const unknown = names.filter((p) => !(PROBE_NAMES as readonly string[]).includes(p))
  if (names.length === 0 || unknown.length > 0) {
    throw new CommandLineError(
      `--probes ${JSON.stringify(text)} names ${unknown.length > 0 ? `unknown probes ${unknown.join(', ')}` : 'no probe'}; accepted: ${PROBE_NAMES.join(', ')}.`,
    )
  }
  return names as ProbeName[]
}

/** The `diagnose` command. */
export const diagnoseCommand: CliCommand = {
  name: 'diagnose',
  summary: 'probe a model for stale outputs, normalization, encoding and dequantization mistakes (diagnose)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: ['model'] })
    const place = await withAllsNormalization(modelPlace(positionals[0]!, values), values.alls)
    const seed = integerOption('--seed', values.seed)
    const probes = probesOption(values.probes)
    return withLoadedModel(place, async (model, device) => {
      const diagnosis = await diagnose(model, {
        ...(values.reference === undefined ? {} : { reference: values.reference }),
        ...(values.alls === undefined ? {} : { alls: values.alls }),
        ...(values.input === undefined ? {} : { input: values.input }),
        ...(probes === undefined ? {} : { probes }),
        ...(seed === undefined ? {} : { seed }),
      })
      const found = diagnosis.causes.length
      // "No cause found" is only as strong as the probes that ran: say which could not.
      const notRun = diagnosis.probes.filter((p) => p.status === 'not-applicable').map((p) => p.probe)
      const unrun =
        notRun.length === 0
          ? ''
          : ` (${notRun.length} of ${diagnosis.probes.length} probes could not run: ${notRun.join(', ')})`
      return writeVerdict(io, values.json === true, {
        pass: found === 0,
        headline: `diagnose ${place.model} on ${device.spec}: ${found === 0 ? `no cause found${unrun}` : `${found} cause${found === 1 ? '' : 's'} found`}`,
        text: formatDiagnosis(diagnosis),
        document: {
          command: 'diagnose',
          model: place.model,
          device: device.spec,
          environment: await environmentOf(model),
          diagnosis,
        },
      })
    })
  },
}
