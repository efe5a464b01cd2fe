/**
 * Images as model inputs, through sharp (libvips), with every default stated once and the OpenCV
 * path (`resize: 'cv2-bilinear'`) for goldens made with `cv2.imread` + `cv2.resize`. The defaults and
 * their options are documented in docs/inputs.md ("Images"). sharp is loaded on first use, so
 * importing vitest-hailo does not load libvips.
 * @packageDocumentation
 */
import { InputFileError } from '../errors.js'
import { readUserFile } from '../files/read-user-file.js'
import type { Tensor, TensorInfo } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { cv2ResizeLinear } from './cv2-resize.js'
import { imageGeometry, imageShape } from './image-geometry.js'
import type { ImageOrder } from './image-geometry.js'

/** sharp's resampling kernels. */
export type SharpKernel = 'nearest' | 'linear' | 'cubic' | 'mitchell' | 'lanczos2' | 'lanczos3' | 'mks2013' | 'mks2021'

/** How {@link loadImage} turns an image file into a model input. */
export interface ImageOptions {
  /**
   * Resampling implementation: libvips through sharp, or OpenCV's bilinear `cv2.resize` reproduced.
   * @defaultValue `'sharp'`
   */
  readonly resize?: 'sharp' | 'cv2-bilinear'
  /** sharp's kernel (only with `resize: 'sharp'`). @defaultValue `'lanczos3'` */
  readonly kernel?: SharpKernel
  /** How the image meets the input's aspect ratio (only `'fill'` with `'cv2-bilinear'`). @defaultValue `'fill'` */
  readonly fit?: 'fill' | 'cover' | 'contain'
  /** Channel order of a 3-channel input. @defaultValue `'rgb'` */
  readonly channels?: 'rgb' | 'bgr'
  /** What happens to an alpha channel. @defaultValue `'remove'` */
  readonly alpha?: 'remove' | 'flatten'
  /** Colour behind `alpha: 'flatten'` and around `fit: 'contain'`, as 0–255 `[r, g, b]`. @defaultValue `[0, 0, 0]` */
  readonly background?: readonly [number, number, number]
}

const OPTION_KEYS = ['resize', 'kernel', 'fit', 'channels', 'alpha', 'background'] as const
const KERNELS: readonly SharpKernel[] = [
  'nearest',
  'linear',
  'cubic',
  'mitchell',
  'lanczos2',
  'lanczos3',
  'mks2013',
  'mks2021',
]

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (!allowed.includes(value as T))
    throw invalidParameter(`image option ${name}`, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value)
  return value as T
}

type Sharp = typeof import('sharp').default
let sharpModule: Promise<Sharp> | undefined
/** sharp, imported on first use (it loads libvips). */
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default)
  return sharpModule
}

/** Interleaved (HWC) uint8 pixels → the input's order and dtype, in one pass. */
function arrange(
  pixels: Uint8Array,
  h: number,
  w: number,
  c: number,
  order: ImageOrder,
  dtype: 'uint8' | 'float32',
  bgr: boolean,
): Tensor {
  const shape = imageShape(order, h, w, c)
  const channelsFirst = order === 'NCHW' || order === 'CHW'
  if (!channelsFirst && !bgr && dtype === 'uint8') return { data: pixels, shape, dtype }
  const out = dtype === 'uint8' ? new Uint8Array(pixels.length) : new Float32Array(pixels.length)
  const plane = h * w
  for (let p = 0; p < plane; p++) {
    for (let k = 0; k < c; k++) {
      const from = p * c + (bgr ? c - 1 - k : k)
      out[channelsFirst ? k * plane + p : p * c + k] = pixels[from]!
    }
  }
  return { data: out, shape, dtype } as Tensor
}

/** OpenCV's `COLOR_RGB2GRAY` for uint8: `(R·4899 + G·9617 + B·1868 + 2^13) >> 14`. */
function cv2Gray(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3)
  for (let i = 0, j = 0; i < out.length; i++, j += 3)
    out[i] = (rgb[j]! * 4899 + rgb[j + 1]! * 9617 + rgb[j + 2]! * 1868 + 8192) >> 14
  return out
}

/** The options checked and completed with their defaults; `name` says where they came from in messages. */
function settingsOf(options: unknown, name: string) {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw invalidParameter(name, `an object with some of ${OPTION_KEYS.join(', ')}`, options)
  assertKnownKeys(name, options, OPTION_KEYS)
  const o = options as ImageOptions
  const resize = oneOf('resize', o.resize, ['sharp', 'cv2-bilinear'], 'sharp')
  const kernel = oneOf('kernel', o.kernel, KERNELS, 'lanczos3')
  const fit = oneOf('fit', o.fit, ['fill', 'cover', 'contain'], 'fill')
  const order = oneOf('channels', o.channels, ['rgb', 'bgr'], 'rgb')
  const alpha = oneOf('alpha', o.alpha, ['remove', 'flatten'], 'remove')
  const bg = o.background ?? [0, 0, 0]
  if (
    !Array.isArray(bg) ||
    bg.length !== 3 ||
    bg.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255)
  ) {
    throw invalidParameter('image option background', 'an array [r, g, b] of integers 0–255', bg)
  }
  if (resize === 'cv2-bilinear' && (o.kernel !== undefined || fit !== 'fill')) {
    throw invalidParameter(
      name,
      "resize 'cv2-bilinear' without kernel and with fit 'fill' (cv2.resize stretches to the exact size)",
      options,
    )
  }
  return { resize, kernel, fit, order, alpha, bg }
}

/**
 * The options {@link loadImage} applies, every default filled in: what a report records so a failure replays exactly.
 */
export interface EffectiveImageOptions {
  readonly resize: 'sharp' | 'cv2-bilinear'
  /** Only with `resize: 'sharp'`. */
  readonly kernel?: SharpKernel
  readonly fit: 'fill' | 'cover' | 'contain'
  readonly channels: 'rgb' | 'bgr'
  readonly alpha: 'remove' | 'flatten'
  readonly background: readonly [number, number, number]
}

/**
 * `options` checked and completed with {@link loadImage}'s defaults.
 * @throws {@link InvalidArgumentError} for anything {@link loadImage} would refuse.
 * @example
 * ```ts
 * effectiveImageOptions({ channels: 'bgr' })
 * // { resize: 'sharp', kernel: 'lanczos3', fit: 'fill', channels: 'bgr', alpha: 'remove', background: [0, 0, 0] }
 * ```
 */
export function effectiveImageOptions(options: ImageOptions = {}): EffectiveImageOptions {
  const { resize, kernel, fit, order, alpha, bg } = settingsOf(options, 'image options')
  return {
    resize,
    ...(resize === 'sharp' ? { kernel } : {}),
    fit,
    channels: order,
    alpha,
    background: [bg[0]!, bg[1]!, bg[2]!],
  }
}

/**
 * Check image options before anything is loaded (matchers, `infer` and the plugin take them up front):
 * unknown keys are refused, naming the valid ones, and every value is checked as {@link loadImage} would.
 *
 * @param name - where the options came from, for messages (`'image options'`, `"hailo() option image"`).
 * @throws {@link InvalidArgumentError} for anything {@link loadImage} would refuse.
 * @example
 * ```ts
 * validateImageOptions({ resize: 'cv2-bilinear', channels: 'bgr' }) // ok
 * validateImageOptions({ resise: 'cv2-bilinear' }) // InvalidArgumentError: Unknown key "resise" in image options;
 * expected some of: resize, kernel, …
 * ```
 */
export function validateImageOptions(options: unknown, name = 'image options'): asserts options is ImageOptions {
  settingsOf(options, name)
}

/**
 * Load an image file as the tensor `info` declares: decoded, oriented, alpha removed, resized,
 * channel-ordered and laid out as the module documentation states.
 *
 * @throws {@link InputFileError} when the file is missing, unreadable or not a decodable image;
 *   {@link InputMismatchError} when no image can fill `info`; {@link InvalidArgumentError} for a bad option.
 * @example
 * ```ts
 * const input = await loadImage('testdata/cat.jpg', model.inputs[0]!, { resize: 'cv2-bilinear', channels: 'bgr' })
 * ```
 */
export async function loadImage(path: string, info: TensorInfo, options: ImageOptions = {}): Promise<Tensor> {
  if (typeof path !== 'string' || path === '') throw invalidParameter('path', 'a non-empty path to an image', path)
  const { resize, kernel, fit, order, alpha, bg } = settingsOf(options, 'image options')
  const geometry = imageGeometry(info)

  // Read here, bounded and regular files only, and decoded from memory: sharp given a FIFO would wait for ever.
  const bytes = await readUserFile(path, {
    fail: (reason, cause) =>
      new InputFileError(path, `Cannot read ${JSON.stringify(path)} as an image: ${reason}.`, { cause }),
  })

  const sharp = await loadSharp()
  const background = { r: bg[0]!, g: bg[1]!, b: bg[2]! }
  const c = geometry.channels
  try {
    // cv2.imread ignores embedded colour profiles; the sharp path converts them to sRGB.
    let p = sharp(bytes, { autoOrient: true, ignoreIcc: resize === 'cv2-bilinear' })
    p = alpha === 'flatten' ? p.flatten({ background }) : p.removeAlpha()
    // The cv2 path converts to grey itself (OpenCV's formula), from the decoded sRGB pixels.
    p = c === 1 && resize === 'sharp' ? p.toColourspace('b-w') : p.toColourspace('srgb')
    if (resize === 'sharp' && (geometry.width !== undefined || geometry.height !== undefined)) {
      let { width, height } = geometry
      if (width === undefined || height === undefined) {
        // A dynamic dimension keeps the (oriented) image's own size, rather than sharp's aspect-ratio scaling.
        const own = (await sharp(bytes, { autoOrient: true }).metadata()).autoOrient
        width ??= own.width
        height ??= own.height
      }
      p = p.resize(width, height, { fit, kernel, background, fastShrinkOnLoad: false })
    }
    const { data, info: out } = await p.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
    let pixels: Uint8Array = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    let { width, height, channels } = out
    if (resize === 'cv2-bilinear') {
      if (c === 1) {
        pixels = cv2Gray(pixels)
        channels = 1
      }
      const w = geometry.width ?? width
      const h = geometry.height ?? height
      pixels = cv2ResizeLinear(pixels, width, height, channels, w, h)
      width = w
      height = h
    }
    if (channels !== c) throw new Error(`internal: libvips gave ${channels} channels where ${c} were asked`)
    return arrange(
      pixels,
      height,
      width,
      c,
      geometry.order,
      info.dtype as 'uint8' | 'float32',
      order === 'bgr' && c === 3,
    )
  } catch (e) {
    throw new InputFileError(
      path,
      `Cannot decode ${JSON.stringify(path)} as an image: ${(e as Error).message}. Check that it is a complete PNG, JPEG, WebP, TIFF, GIF or AVIF file.`,
      { cause: e },
    )
  }
}
