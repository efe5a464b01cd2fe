/**
 * The sample images of `examples/images/`: synthetic scenes encoded by sharp as real PNG / JPEG
 * files, including the awkward cases an image loader must get right (EXIF orientation, alpha,
 * grayscale, sizes other than the model's). Each is labelled with the class the fixture
 * classifier gives it once loaded correctly.
 * @packageDocumentation
 */
import sharp from 'sharp'
import { drawScene, SCENE_CLASSES, type RgbImage, type SceneName } from './scenes.js'

/** How a sample image is stored. */
export type SampleKind = 'rgb' | 'exif-rotated' | 'alpha' | 'gray'

/** One sample image. */
export interface SampleImage {
  readonly file: string
  readonly scene: SceneName
  /** Stored width and height of the upright picture. */
  readonly size: number
  readonly format: 'png' | 'jpeg'
  readonly kind: SampleKind
  /** What a loader has to do right for this file. */
  readonly note: string
}

/** The sample images, in a fixed order. */
export const SAMPLE_IMAGES: readonly SampleImage[] = [
  {
    file: 'sun.png',
    scene: 'sun',
    size: 128,
    format: 'png',
    kind: 'rgb',
    note: 'exactly the model input size: no resize involved',
  },
  {
    file: 'checkerboard.png',
    scene: 'checkerboard',
    size: 200,
    format: 'png',
    kind: 'rgb',
    note: 'larger than the model input: resized',
  },
  { file: 'stripes.jpg', scene: 'stripes', size: 256, format: 'jpeg', kind: 'rgb', note: 'JPEG, resized by 2' },
  {
    file: 'rings.jpg',
    scene: 'rings',
    size: 300,
    format: 'jpeg',
    kind: 'rgb',
    note: 'JPEG, resized by a non-integer factor',
  },
  {
    file: 'sunset.png',
    scene: 'sunset',
    size: 96,
    format: 'png',
    kind: 'rgb',
    note: 'smaller than the model input: upsampled',
  },
  {
    file: 'flag-exif-rotated.jpg',
    scene: 'flag',
    size: 192,
    format: 'jpeg',
    kind: 'exif-rotated',
    note: 'pixels stored rotated 90° counter-clockwise with EXIF Orientation 6: upright (vertical bars) only when the orientation is applied; ignoring it gives horizontal bars and another class',
  },
  {
    file: 'sun-alpha.png',
    scene: 'sun',
    size: 128,
    format: 'png',
    kind: 'alpha',
    note: 'RGBA with a radial alpha (255 in the centre, 48 in the corners) over the RGB of sun.png: class 1 when alpha is dropped',
  },
  {
    file: 'checkerboard-gray.png',
    scene: 'checkerboard',
    size: 128,
    format: 'png',
    kind: 'gray',
    note: 'one-channel grayscale PNG, for one-channel inputs and for the gray→RGB path',
  },
]

/** JPEG quality of the sample JPEGs. */
export const JPEG_QUALITY = 90

/** Rotate RGB pixels 90° counter-clockwise: what EXIF Orientation 6 undoes. */
export function rotateCounterClockwise(image: RgbImage): RgbImage {
  const { width, height } = image
  const pixels = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Upright (x, y) lands at column y of row (width − 1 − x) in the stored image (width × height swapped).
      const to = ((width - 1 - x) * height + y) * 3
      const from = (y * width + x) * 3
      pixels[to] = image.pixels[from] as number
      pixels[to + 1] = image.pixels[from + 1] as number
      pixels[to + 2] = image.pixels[from + 2] as number
    }
  }
  return { width: height, height: width, pixels }
}

/** Alpha of the alpha sample at (x, y): 255 in the centre down to 48 in the corners. */
function radialAlpha(x: number, y: number, size: number): number {
  const dx = (x + 0.5) / size - 0.5,
    dy = (y + 0.5) / size - 0.5
  return Math.round(255 - (207 * Math.sqrt(dx * dx + dy * dy)) / Math.SQRT1_2)
}

/** Luma (BT.601) of RGB pixels, rounded. */
export function toGray(image: RgbImage): Uint8Array {
  const out = new Uint8Array(image.width * image.height)
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.round(
      0.299 * (image.pixels[i * 3] as number) +
        0.587 * (image.pixels[i * 3 + 1] as number) +
        0.114 * (image.pixels[i * 3 + 2] as number),
    )
  }
  return out
}

/**
 * The raw pixels a sample image stores (before encoding): RGB, rotated RGB, RGBA or gray.
 * @example
 * ```ts
 * const { data, channels } = samplePixels(SAMPLE_IMAGES[0])
 * ```
 */
export function samplePixels(sample: SampleImage): {
  data: Uint8Array
  width: number
  height: number
  channels: 1 | 3 | 4
} {
  const upright = drawScene(sample.scene, sample.size)
  switch (sample.kind) {
    case 'rgb':
      return { data: upright.pixels, width: upright.width, height: upright.height, channels: 3 }
    case 'exif-rotated': {
      const stored = rotateCounterClockwise(upright)
      return { data: stored.pixels, width: stored.width, height: stored.height, channels: 3 }
    }
    case 'gray':
      return { data: toGray(upright), width: upright.width, height: upright.height, channels: 1 }
    case 'alpha': {
      const data = new Uint8Array(upright.width * upright.height * 4)
      for (let y = 0; y < upright.height; y++) {
        for (let x = 0; x < upright.width; x++) {
          const p = y * upright.width + x
          data.set(upright.pixels.subarray(p * 3, p * 3 + 3), p * 4)
          data[p * 4 + 3] = radialAlpha(x, y, upright.width)
        }
      }
      return { data, width: upright.width, height: upright.height, channels: 4 }
    }
  }
}

/**
 * Encode one sample image with sharp.
 * @example
 * ```ts
 * await writeFile('sun.png', await encodeSampleImage(SAMPLE_IMAGES[0]))
 * ```
 */
export async function encodeSampleImage(sample: SampleImage): Promise<Uint8Array> {
  const { data, width, height, channels } = samplePixels(sample)
  let image = sharp(data, { raw: { width, height, channels } })
  if (sample.kind === 'exif-rotated') image = image.withMetadata({ orientation: 6 })
  // Without this sharp writes one-band raw data as a three-channel sRGB file.
  if (sample.kind === 'gray') image = image.toColourspace('b-w')
  const encoded = sample.format === 'png' ? image.png({ compressionLevel: 9 }) : image.jpeg({ quality: JPEG_QUALITY })
  return new Uint8Array(await encoded.toBuffer())
}

/** The class the fixture classifier gives a sample image once it is loaded correctly. */
export function sampleClass(sample: SampleImage): number {
  return SCENE_CLASSES[sample.scene]
}
