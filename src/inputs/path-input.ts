/**
 * Inputs given as a file path: `.npy` files (by extension, any case) and images (everything else).
 * @packageDocumentation
 */
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { loadImage } from './image.js'
import type { ImageOptions } from './image.js'
import { readNpy } from './npy.js'

/** Options for inputs given as paths (part of `ResolveOptions`). */
export interface PathInputOptions {
  /** How image paths are decoded, resized and laid out (see `loadImage`). */
  readonly image?: ImageOptions
}

/** Load the tensor a path names, for `info`; `origin` describes the file for error messages. */
export async function loadPathInput(
  path: string,
  info: TensorInfo,
  options: PathInputOptions,
): Promise<{ tensor: Tensor; origin: string }> {
  if (/\.npy$/i.test(path)) return { tensor: await readNpy(path), origin: `, from ${JSON.stringify(path)}` }
  return { tensor: await loadImage(path, info, options.image), origin: `, from image ${JSON.stringify(path)}` }
}
