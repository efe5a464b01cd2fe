/**
 * The options every command that loads a model shares: `--device <spec>` and `--format float32|raw`.
 * @packageDocumentation
 */
import { readAllsNormalization } from '../../parity/alls.js'
import { choiceOption, type ParsedOptions } from '../args.js'
import type { ModelPlace } from '../loaded-model.js'

/** `--device` and `--format`, for a command's option table. */
export const MODEL_OPTIONS = {
  device: { type: 'string' },
  format: { type: 'string' },
} as const

/** Their lines in a command's usage. */
export const DEVICE_HELP = `  --device <spec>          auto, onnx, emulator, hailo, hailo:<bdf>, faulty:<fault>[,seed=N][,inner=<spec>]
                           (default VITEST_HAILO_DEVICE, else auto: the chip when present, else ONNX Runtime)
  --format <float32|raw>   vstream format of a HEF: float32 (host-side quantization) or raw (device types)`

/**
 * The model, device and format a command's options name.
 * @example
 * ```ts
 * modelPlace('model.hef', { device: 'hailo', format: 'raw' }) // { model: 'model.hef', device: 'hailo', format: 'raw' }
 * ```
 */
export function modelPlace(model: string, values: ParsedOptions<typeof MODEL_OPTIONS>): ModelPlace {
  const format = choiceOption('--format', values.format, ['float32', 'raw'] as const)
  return {
    model,
    ...(values.device === undefined ? {} : { device: values.device }),
    ...(format === undefined ? {} : { format }),
  }
}

/**
 * `place` with the normalization of the model script `alls` when the model is an ONNX model standing in for the
 * chip (the emulator, ONNX Runtime, a fault device over them): the HEF compiled from that script normalizes on the
 * chip, so its stand-in must too, or a healthy pipeline reads as "not normalized". A `.hef` is left as it is.
 * @example
 * ```ts
 * await withAllsNormalization(modelPlace('model.onnx', values), 'model.alls') // { model, normalization }
 * ```
 */
export async function withAllsNormalization(place: ModelPlace, alls: string | undefined): Promise<ModelPlace> {
  if (alls === undefined || /\.hef$/i.test(place.model)) return place
  const found = await readAllsNormalization(alls)
  // Several normalization commands name their input layers: which ONNX input each is cannot be known here.
  if (found.length !== 1) return place
  const { mean, std } = found[0]!
  return { ...place, normalization: { mean, std } }
}
