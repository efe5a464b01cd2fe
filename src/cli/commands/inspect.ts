/**
 * `vitest-hailo inspect <file> [--json] [--hailort <version>] [--device <arch>] [--network-group <name>] [--float32]`:
 * what a HEF or ONNX model declares and, for a HEF, which HailoRT releases load it.
 * @packageDocumentation
 */
import { normalizeArchitecture } from '../../hailort-compat/runtimes.js'
import { compatibilityAcrossReleases } from '../../hailort-compat/verdict.js'
import { describeModel } from '../../describe.js'
import { parseCommandLine } from '../args.js'
import { CommandLineError } from '../command-line-error.js'
import { EXIT, type CliCommand } from '../types.js'
import { formatInspect } from './inspect-format.js'
import type { InspectResult } from './inspect-result.js'

export type { InspectResult }

const USAGE = `Usage: vitest-hailo inspect <model.hef | model.onnx> [options]

Describe a model without a device: inputs and outputs (names, shapes, types, layout, quantization),
and for a HEF its compiler, target, network groups, header version, and which HailoRT releases load it.

Options:
  --hailort <version>      judge the HEF against this HailoRT (e.g. 4.19.0) instead of every 4.x release
  --device <arch>          the chip it will run on: HAILO8 or HAILO8L (a Hailo-8L HEF also runs on a Hailo-8)
  --network-group <name>   describe this network group (default: the first)
  --float32                show the tensors of the float32 vstream path (default: the device's raw types)
  --json                   print the description as JSON
  -h, --help               show this help
`

/**
 * Inspect a model: the data `inspect` prints.
 *
 * @example
 * ```ts
 * const result = await inspectModel('model.hef', { hailort: '4.19.0' })
 * result.compatibility?.[0].level // 'validated'
 * ```
 */
export async function inspectModel(
  file: string,
  options: { hailort?: string; device?: string; networkGroup?: string; float32?: boolean } = {},
): Promise<InspectResult> {
  const description = await describeModel(file, {
    format: options.float32 === true ? 'float32' : 'raw',
    ...(options.networkGroup === undefined ? {} : { networkGroup: options.networkGroup }),
    ...(options.hailort === undefined ? {} : { hailort: options.hailort }),
    ...(options.device === undefined ? {} : { device: options.device }),
  })
  const { hef, compatibility, ...model } = description
  if (hef === undefined) return { model }
  const { info, ...facts } = hef
  const verdicts = compatibility !== undefined ? [compatibility] : compatibilityAcrossReleases(info, options.device)
  return { model: { ...model, hef: facts }, hef: info, compatibility: verdicts }
}

const OPTIONS = {
  json: { type: 'boolean' },
  hailort: { type: 'string' },
  device: { type: 'string' },
  'network-group': { type: 'string' },
  float32: { type: 'boolean' },
} as const

/** The `inspect` command. */
export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'describe a .hef or .onnx model without a device, with HailoRT compatibility',
  usage: USAGE,
  async run(args, io) {
    // The shared parser refuses unknown, repeated and value-less options; the count of model files is checked
    // here, in the words inspect has always used.
    const { values, positionals } = parseCommandLine(args, OPTIONS, { names: [], variadic: true })
    if (positionals.length !== 1) {
      throw new CommandLineError(
        positionals.length === 0
          ? 'expected a model file to inspect.'
          : `expected one model file but received ${positionals.length}: ${positionals.join(' ')}.`,
      )
    }
    const device = values.device
    if (device !== undefined && !/^HAILO8L?$/.test(normalizeArchitecture(device)))
      throw new CommandLineError(`expected HAILO8 or HAILO8L for --device but received "${device}".`)
    const result = await inspectModel(positionals[0]!, {
      ...(values.hailort === undefined ? {} : { hailort: values.hailort }),
      ...(device === undefined ? {} : { device }),
      ...(values['network-group'] === undefined ? {} : { networkGroup: values['network-group'] }),
      float32: values.float32 === true,
    })
    io.stdout(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : formatInspect(result))
    return EXIT.ok
  },
}
