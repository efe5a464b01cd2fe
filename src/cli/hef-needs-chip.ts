/**
 * A HEF on a device that cannot run it, in the words of the command line: the flags to give and the command that
 * reads a HEF without a chip, instead of the test API's (`describeModel`, the plugin's `onMissingDevice`).
 * @packageDocumentation
 */
import type { HefNeedsChipError } from '../errors.js'
import { shellWord } from './shell-word.js'

/**
 * What the CLI says for `error`.
 * @example
 * ```ts
 * hefNeedsChipWords(new HefNeedsChipError('model.hef', 'ONNX Runtime'))
 * // 'model.hef is a HEF (…); ONNX Runtime cannot run it. … --device hailo … vitest-hailo inspect model.hef …'
 * ```
 */
export function hefNeedsChipWords(error: HefNeedsChipError): string {
  return (
    `${error.source} is a HEF (a model compiled for a Hailo chip); ${error.runtime} cannot run it. ` +
    `On a machine with a Hailo-8 / Hailo-8L and HailoRT, give --device hailo (or VITEST_HAILO_DEVICE=hailo). ` +
    `Without a chip, vitest-hailo inspect ${shellWord(error.source)} reads its inputs and outputs, and the ONNX model ` +
    `it was compiled from runs with --device onnx or --device emulator.`
  )
}
