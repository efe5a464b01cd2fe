/**
 * Inputs given as a file path: `.npy` files and images.
 * @packageDocumentation
 */
import { InputFileError } from '../errors.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'

/** Options for inputs given as paths (part of `ResolveOptions`). */
export interface PathInputOptions {
  /** How image paths are decoded, resized and laid out (see `loadImage`). */
  readonly image?: Readonly<Record<string, unknown>>
}

/** Load the tensor a path names, for `info`; `origin` describes the file for error messages. */
export async function loadPathInput(
  path: string,
  info: TensorInfo,
  _options: PathInputOptions,
): Promise<{ tensor: Tensor; origin: string }> {
  throw new InputFileError(path, `Cannot read input ${JSON.stringify(info.name)} from ${JSON.stringify(path)}: image and .npy paths are not supported in this build yet; pass a tensor or typed array.`)
}
