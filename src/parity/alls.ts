/**
 * Input normalization as a Hailo Dataflow Compiler model script (`.alls`) declares it:
 *
 * ```
 * input_normalization = normalization([123.675, 116.28, 103.53], [58.395, 57.12, 57.375])
 * ```
 *
 * The compiled model then takes raw pixels and normalizes on the chip, while the ONNX reference takes
 * the normalized floats; parity needs the numbers to feed both the same image.
 * @packageDocumentation
 */
import type { NormalizationSpec } from '../device/types.js'
import { FileError, InvalidArgumentError } from '../errors.js'
import { readUserText } from '../files/read-user-file.js'
import { invalidParameter } from '../validate.js'

/** One `normalization(...)` command of a model script. */
export interface AllsNormalization extends NormalizationSpec {
  /** The layer the command names as its third argument, when it does (e.g. `input_layer1`). */
  readonly layer?: string
  /** 1-based line number in the script. */
  readonly line: number
}

const NUMBER = String.raw`\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*`
const LIST = String.raw`\[((?:${NUMBER},)*${NUMBER})\]`
const COMMAND = new RegExp(String.raw`\bnormalization\s*\(\s*${LIST}\s*,\s*${LIST}\s*(?:,\s*([A-Za-z_][\w/]*)\s*)?\)`)

function numbers(list: string): number[] {
  return list.split(',').map((s) => Number(s.trim()))
}

/**
 * Every `normalization([mean…], [std…][, layer])` command of a model script, in order. Comments (`#`)
 * are ignored. A line that calls `normalization(` but does not parse is an error, never skipped.
 *
 * @throws {@link InvalidArgumentError} for a malformed command, mean and std of different lengths, or a
 * std that is not > 0.
 * @example
 * ```ts
 * parseAlls('norm = normalization([127.5], [127.5])') // [{ mean: [127.5], std: [127.5], line: 1 }]
 * ```
 */
export function parseAlls(script: string, origin = 'the model script'): AllsNormalization[] {
  if (typeof script !== 'string') throw invalidParameter('script', 'the text of a .alls model script', script)
  const found: AllsNormalization[] = []
  script.split(/\r?\n/).forEach((raw, i) => {
    const text = raw.replace(/#.*/, '')
    if (!/\bnormalization\s*\(/.test(text)) return
    const m = COMMAND.exec(text)
    if (m === null) {
      throw new InvalidArgumentError(
        `Could not read the normalization on line ${i + 1} of ${origin}: ${JSON.stringify(raw.trim())}. ` +
          'Expected normalization([mean, …], [std, …]) with numbers in pixel units.',
      )
    }
    const mean = numbers(m[1]!)
    const std = numbers(m[2]!)
    if (mean.length !== std.length) {
      throw new InvalidArgumentError(
        `normalization on line ${i + 1} of ${origin} has ${mean.length} means but ${std.length} stds; give one of each per channel.`,
      )
    }
    if (std.some((s) => !(s > 0))) {
      throw new InvalidArgumentError(
        `normalization on line ${i + 1} of ${origin} has a std that is not > 0: [${std.join(', ')}].`,
      )
    }
    found.push({ mean, std, line: i + 1, ...(m[3] === undefined ? {} : { layer: m[3] }) })
  })
  return found
}

/**
 * Read a `.alls` file and return its normalization commands ({@link parseAlls}); a script without any is
 * an error, since the caller asked for its normalization.
 *
 * @throws {@link FileError} when the file cannot be read, {@link InvalidArgumentError} when it has no
 * (or a malformed) normalization.
 * @example
 * ```ts
 * const [norm] = await readAllsNormalization('model.alls')
 * ```
 */
export async function readAllsNormalization(path: string): Promise<AllsNormalization[]> {
  if (typeof path !== 'string' || path === '') throw invalidParameter('alls', 'a path to a .alls model script', path)
  const text = await readUserText(path, {
    fail: (reason, cause) =>
      new FileError(
        'E_ALLS_FILE',
        path,
        `Could not read the model script ${JSON.stringify(path)}: ${reason}. ` +
          'Give the path of the .alls file the model was compiled with, relative to the working directory, or pass normalization: { mean, std }.',
        { cause },
      ),
  })
  const found = parseAlls(text, JSON.stringify(path))
  if (found.length === 0) {
    throw new InvalidArgumentError(
      `The model script ${JSON.stringify(path)} has no normalization([…], […]) command, so there is no normalization to apply. ` +
        'Drop the alls option if the model takes normalized input, or pass normalization: { mean, std }.',
    )
  }
  return found
}
