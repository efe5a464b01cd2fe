/**
 * Host-side ImageNet normalization for the fixture classifier's float32 input.
 * @packageDocumentation
 */
import { IMAGENET_MEAN_PIXELS, IMAGENET_STD_PIXELS } from './convnext/graph.js'
import type { RgbImage } from './scenes.js'

/**
 * RGB HWC bytes → NCHW `(pixel − mean) / std` (ImageNet, pixel units), in float64.
 * Round with `Float32Array.from(...)` to get the float32 model input.
 * @example
 * ```ts
 * const input = Float32Array.from(normalizeImage(drawScene('sun', 128)))
 * ```
 */
export function normalizeImage(image: RgbImage): Float64Array {
  const plane = image.width * image.height
  if (image.pixels.length !== plane * 3)
    throw new RangeError(
      `Expected ${plane * 3} bytes for a ${image.width}×${image.height} RGB image but received ${image.pixels.length}`,
    )
  const out = new Float64Array(plane * 3)
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      out[c * plane + p] =
        ((image.pixels[p * 3 + c] as number) - (IMAGENET_MEAN_PIXELS[c] as number)) / (IMAGENET_STD_PIXELS[c] as number)
    }
  }
  return out
}
