/**
 * The shell line a failed `fuzz` prints to replay its counterexample: `vitest-hailo replay <token> <model>` with
 * every option the case depends on, so that the line pasted as printed runs the same case on the same model.
 * @packageDocumentation
 */
import type { ModelPlace } from './loaded-model.js'
import { shellWord } from './shell-word.js'

/** The options of the fuzz run that a replay must repeat: they settle the model's shapes, inputs and reference. */
export interface ReplayLineOptions {
  readonly shape?: string | undefined
  readonly input?: string | undefined
  readonly reference?: string | undefined
  readonly tolerance?: string | undefined
}

/**
 * `vitest-hailo replay …` for `token`: the model, the device's exact spec (a fault injector's seed included),
 * the format, and the `--shape`, `--input`, `--reference` and `--tolerance` the fuzz run was given — without
 * them a model with dynamic dimensions is refused, or the case runs on other inputs.
 * @example
 * ```ts
 * replayLine(token, { model: 'ocr.onnx' }, 'faulty:stale,seed=1,inner=emulator', { shape: '1,3,48,192' })
 * // "vitest-hailo replay eyJ2… ocr.onnx --device 'faulty:stale,seed=1,inner=emulator' --shape 1,3,48,192"
 * ```
 */
export function replayLine(token: string, place: ModelPlace, deviceSpec: string, options: ReplayLineOptions): string {
  const words = [`vitest-hailo replay ${token} ${shellWord(place.model)} --device '${deviceSpec}'`]
  if (place.format !== undefined) words.push(`--format ${place.format}`)
  for (const key of ['shape', 'input', 'reference', 'tolerance'] as const) {
    const value = options[key]
    if (value !== undefined) words.push(`--${key} ${shellWord(value)}`)
  }
  return words.join(' ')
}
