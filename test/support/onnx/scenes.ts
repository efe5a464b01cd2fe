/**
 * Synthetic scenes: simple pictures defined on the unit square, drawn at any size with 4×4
 * supersampling so that a scene looks the same (up to resampling) at every resolution. The
 * fixture classifier's head is fitted so that each scene lands on its own class with high
 * confidence, and the sample images in `examples/images/` are these scenes.
 * Pure arithmetic: the same pixels on every machine.
 * @packageDocumentation
 */

/** An RGB colour, 0–255 per channel. */
type Rgb = readonly [number, number, number]

/** A scene: the colour at (u, v) ∈ [0, 1)², u to the right, v downwards. */
type Painter = (u: number, v: number) => Rgb

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

const PAINTERS = {
  /** A yellow sun in a blue sky over green ground. */
  sun: (u, v) => {
    if (v > 0.78) return [40, 140, 50]
    const dx = u - 0.62,
      dy = v - 0.36
    if (dx * dx + dy * dy < 0.2 * 0.2) return [255, 215, 40]
    return mix([120, 190, 255], [20, 70, 200], v / 0.78)
  },
  /** A 4×4 black and white checkerboard. */
  checkerboard: (u, v) => ((Math.floor(u * 4) + Math.floor(v * 4)) % 2 === 0 ? [245, 245, 245] : [15, 15, 15]),
  /** Green and white diagonal stripes. */
  stripes: (u, v) => (Math.floor((u + v) * 5) % 2 === 0 ? [30, 160, 60] : [235, 245, 235]),
  /** Red and white concentric rings. */
  rings: (u, v) => {
    const r = Math.sqrt((u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5))
    return Math.floor(r / 0.09) % 2 === 0 ? [210, 30, 40] : [250, 240, 230]
  },
  /** An orange-to-purple evening sky behind a dark mountain. */
  sunset: (u, v) => {
    const ridge = 0.55 + Math.abs(u - 0.4) * 0.6
    if (v > ridge) return [35, 25, 45]
    return mix([255, 150, 50], [90, 40, 130], v)
  },
  /** Three vertical bars: blue, white, red. */
  flag: (u) => (u < 1 / 3 ? [0, 60, 160] : u < 2 / 3 ? [250, 250, 250] : [220, 30, 50]),
} satisfies Record<string, Painter>

/** Name of a scene. */
export type SceneName = keyof typeof PAINTERS

/** Every scene, in a fixed order. */
export const SCENE_NAMES: readonly SceneName[] = Object.keys(PAINTERS) as SceneName[]

/**
 * The class each scene is fitted to in the fixture classifier. `sun` is class 1, like the image
 * of the motivating report ("Class 1 at 99.97 %"); the others are classes the report's chip
 * returned by mistake.
 */
export const SCENE_CLASSES: Readonly<Record<SceneName, number>> = {
  sun: 1,
  checkerboard: 17,
  stripes: 34,
  rings: 2,
  sunset: 19,
  flag: 0,
}

/** Interleaved RGB pixels, row-major (HWC), one byte per channel. */
export interface RgbImage {
  readonly width: number
  readonly height: number
  readonly pixels: Uint8Array
}

const SUBSAMPLES = 4

/**
 * Draw a scene at the given size (4×4 supersampled, rounded to bytes).
 * @example
 * ```ts
 * const { pixels } = drawScene('sun', 128, 128) // 128·128·3 bytes, RGB
 * ```
 */
export function drawScene(name: SceneName, width: number, height: number = width): RgbImage {
  const paint = PAINTERS[name] as Painter | undefined
  if (paint === undefined)
    throw new RangeError(`Expected one of ${SCENE_NAMES.join(', ')} for scene but received ${String(name)}`)
  for (const [label, n] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`Expected a positive integer for ${label} but received ${n}`)
  }
  const pixels = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const c = paint((x + (sx + 0.5) / SUBSAMPLES) / width, (y + (sy + 0.5) / SUBSAMPLES) / height)
          r += c[0]
          g += c[1]
          b += c[2]
        }
      }
      const n = SUBSAMPLES * SUBSAMPLES
      const at = (y * width + x) * 3
      pixels[at] = Math.round(r / n)
      pixels[at + 1] = Math.round(g / n)
      pixels[at + 2] = Math.round(b / n)
    }
  }
  return { width, height, pixels }
}

/**
 * Average `factor`×`factor` blocks (a box downsampling, rounded to bytes).
 * @example
 * ```ts
 * const small = boxDownsample(drawScene('sun', 256), 2) // 128×128
 * ```
 */
export function boxDownsample(image: RgbImage, factor: number): RgbImage {
  if (!Number.isInteger(factor) || factor < 1 || image.width % factor !== 0 || image.height % factor !== 0) {
    throw new RangeError(`Expected an integer factor dividing ${image.width}×${image.height} but received ${factor}`)
  }
  const width = image.width / factor,
    height = image.height / factor
  const pixels = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0
        for (let dy = 0; dy < factor; dy++) {
          for (let dx = 0; dx < factor; dx++)
            sum += image.pixels[((y * factor + dy) * image.width + x * factor + dx) * 3 + c] as number
        }
        pixels[(y * width + x) * 3 + c] = Math.round(sum / (factor * factor))
      }
    }
  }
  return { width, height, pixels }
}

/**
 * Scale and shift the brightness of every channel, clamped to 0–255.
 * @example
 * ```ts
 * const darker = adjustBrightness(drawScene('sun', 128), 0.9, 0)
 * ```
 */
export function adjustBrightness(image: RgbImage, gain: number, offset: number): RgbImage {
  return { ...image, pixels: image.pixels.map((p) => Math.min(255, Math.max(0, Math.round(p * gain + offset)))) }
}
