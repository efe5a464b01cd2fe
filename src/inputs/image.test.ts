import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputFileError, InputMismatchError, InvalidArgumentError } from '../errors.js'
import type { TensorInfo } from '../tensor/types.js'
import { loadImage, validateImageOptions } from './image.js'
import { readNpy } from './npy.js'
import { expectError } from '../../test/support/expect-error.js'

const testdata = (name: string): string => fileURLToPath(new URL(`./testdata/${name}`, import.meta.url))
const scene = testdata('scene-40x30.png') // 40 wide, 30 high, written by cv2.imwrite
const nhwc = (h: number | string, w: number | string, c: number | string = 3): TensorInfo => ({
  name: 'images',
  shape: [1, h, w, c],
  dtype: 'uint8',
  layout: 'NHWC',
})
const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-image-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loadImage with resize: cv2-bilinear equals OpenCV pipelines', () => {
  it('cv2.resize(imread) in RGB', async () => {
    const t = await loadImage(scene, nhwc(20, 24), { resize: 'cv2-bilinear' })
    expect(t.shape).toEqual([1, 20, 24, 3])
    expect(bytes(t.data).equals(bytes((await readNpy(testdata('cv2-scene-24x20-rgb.npy'))).data))).toBe(true)
  })

  it('in BGR, for models trained on cv2.imread pixels', async () => {
    const t = await loadImage(scene, nhwc(20, 24), { resize: 'cv2-bilinear', channels: 'bgr' })
    expect(bytes(t.data).equals(bytes((await readNpy(testdata('cv2-scene-24x20-bgr.npy'))).data))).toBe(true)
  })

  it('in grey for a one-channel input (cvtColor then resize)', async () => {
    const golden = bytes((await readNpy(testdata('cv2-scene-24x20-gray.npy'))).data)
    const t = await loadImage(scene, nhwc(20, 24, 1), { resize: 'cv2-bilinear' })
    expect(bytes(t.data).equals(golden)).toBe(true)
    const nhw = await loadImage(
      scene,
      { name: 'g', shape: [1, 20, 24], dtype: 'uint8', layout: 'NHW' },
      { resize: 'cv2-bilinear' },
    )
    expect(nhw.shape).toEqual([1, 20, 24])
    expect(bytes(nhw.data).equals(golden)).toBe(true)
  })

  it('as float32 NCHW, same pixel values, channels first', async () => {
    const golden = (await readNpy(testdata('cv2-scene-24x20-rgb.npy'))).data as Uint8Array
    const t = await loadImage(
      scene,
      { name: 'x', shape: [1, 3, 20, 24], dtype: 'float32', layout: 'NCHW' },
      { resize: 'cv2-bilinear' },
    )
    expect(t.dtype).toBe('float32')
    // NCHW[c][y][x] = NHWC[y][x][c]
    for (const [c, y, x] of [
      [0, 0, 0],
      [1, 7, 13],
      [2, 19, 23],
    ] as const) {
      expect(t.data[c * 480 + y * 24 + x]).toBe(golden[(y * 24 + x) * 3 + c])
    }
  })

  it('decodes a JPEG to the bytes cv2.imread gives, then resizes as cv2 does', async () => {
    const t = await loadImage(testdata('photo-64x48.jpg'), nhwc(32, 32), { resize: 'cv2-bilinear' })
    expect(bytes(t.data).equals(bytes((await readNpy(testdata('cv2-photo-32x32-rgb.npy'))).data))).toBe(true)
  })

  it('drops alpha without compositing, as cv2.imread does', async () => {
    const golden = bytes((await readNpy(testdata('cv2-alpha-8x8-rgb.npy'))).data)
    expect(
      bytes((await loadImage(testdata('alpha-8x8.png'), nhwc(8, 8), { resize: 'cv2-bilinear' })).data).equals(golden),
    ).toBe(true)
    expect(bytes((await loadImage(testdata('alpha-8x8.png'), nhwc(8, 8))).data).equals(golden)).toBe(true)
  })
})

describe('loadImage defaults (sharp)', () => {
  it("fills the exact H×W with lanczos3, which differs from cv2's bilinear", async () => {
    const t = await loadImage(scene, nhwc(20, 24))
    expect(t).toMatchObject({ shape: [1, 20, 24, 3], dtype: 'uint8' })
    const cv2 = (await readNpy(testdata('cv2-scene-24x20-rgb.npy'))).data as Uint8Array
    let differing = 0
    for (let i = 0; i < cv2.length; i++) if (cv2[i] !== t.data[i]) differing++
    expect(differing).toBeGreaterThan(0)
    // and it is deterministic
    expect(bytes((await loadImage(scene, nhwc(20, 24))).data).equals(bytes(t.data))).toBe(true)
  })

  it("keeps the image's own size along dynamic dimensions", async () => {
    const t = await loadImage(scene, { name: 'x', shape: ['batch', 3, 'h', 'w'], dtype: 'uint8', layout: 'NCHW' })
    expect(t.shape).toEqual([1, 3, 30, 40])
    const half = await loadImage(scene, nhwc(15, 'w'))
    expect(half.shape).toEqual([1, 15, 40, 3])
  })

  it('applies the EXIF orientation', async () => {
    // 32 wide × 16 high: left half red, right half blue; orientation 6 means "rotate 90° clockwise to view".
    const raw = Buffer.alloc(32 * 16 * 3)
    for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++) raw[(y * 32 + x) * 3 + (x < 16 ? 0 : 2)] = 255
    const p = join(dir, 'rotated.jpg')
    await sharp(raw, { raw: { width: 32, height: 16, channels: 3 } })
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toFile(p)
    const t = await loadImage(p, nhwc('h', 'w'))
    expect(t.shape).toEqual([1, 32, 16, 3]) // upright: 16 wide, 32 high
    const at = (y: number, x: number): number[] =>
      Array.from(t.data.subarray((y * 16 + x) * 3, (y * 16 + x) * 3 + 3) as Uint8Array)
    expect(at(4, 8)[0]).toBeGreaterThan(200) // top: red (the old left)
    expect(at(27, 8)[2]).toBeGreaterThan(200) // bottom: blue
  })

  it('flattens alpha onto the background when asked', async () => {
    const rgba = Buffer.from([10, 20, 30, 0, 10, 20, 30, 255])
    const p = join(dir, 'rgba.png')
    await sharp(rgba, { raw: { width: 2, height: 1, channels: 4 } })
      .png()
      .toFile(p)
    const info = nhwc(1, 2)
    expect(Array.from((await loadImage(p, info)).data as Uint8Array)).toEqual([10, 20, 30, 10, 20, 30])
    expect(
      Array.from((await loadImage(p, info, { alpha: 'flatten', background: [255, 255, 255] })).data as Uint8Array),
    ).toEqual([255, 255, 255, 10, 20, 30])
  })

  it('letterboxes with fit contain and the background colour', async () => {
    const t = await loadImage(scene, nhwc(40, 40), { fit: 'contain', background: [255, 0, 0], kernel: 'linear' })
    expect(Array.from(t.data.subarray(0, 3) as Uint8Array)).toEqual([255, 0, 0]) // top-left is padding
  })

  it('gives grey for a one-channel input (white stays 255)', async () => {
    const p = join(dir, 'white.png')
    await sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .png()
      .toFile(p)
    const t = await loadImage(p, nhwc(4, 4, 1))
    expect(t.shape).toEqual([1, 4, 4, 1])
    expect(Array.from(t.data as Uint8Array)).toEqual(new Array(16).fill(255))
  })

  it('gives R = G = B for a grey image in a colour input, both resize paths', async () => {
    const p = join(dir, 'grey.png')
    await sharp(Buffer.from([0, 50, 100, 150, 200, 250]), { raw: { width: 3, height: 2, channels: 1 } })
      .png()
      .toFile(p)
    for (const resize of ['sharp', 'cv2-bilinear'] as const) {
      const t = await loadImage(p, nhwc(2, 3), { resize })
      expect(Array.from(t.data as Uint8Array)).toEqual([0, 50, 100, 150, 200, 250].flatMap((v) => [v, v, v]))
    }
  })

  it('fills an input without a batch dimension (HWC)', async () => {
    const t = await loadImage(scene, { name: 'x', shape: [10, 12, 3], dtype: 'uint8', layout: 'other' })
    expect(t.shape).toEqual([10, 12, 3])
  })
})

describe('loadImage: missing, corrupt and unusable', () => {
  it('refuses a missing file with the path it resolved to', async () => {
    const err = await expectError(loadImage('nope/cat.png', nhwc(4, 4)), InputFileError)
    expect(err.message).toMatch(/no such file \(resolved to \/.*nope\/cat\.png\)/)
  })

  it('refuses a directory', async () => {
    await expect(loadImage(dir, nhwc(4, 4))).rejects.toThrow(/is a directory/)
  })

  it('refuses a file that is not an image', async () => {
    const p = join(dir, 'noise.png')
    await writeFile(p, Buffer.from('definitely not a PNG file, just text'))
    await expect(loadImage(p, nhwc(4, 4))).rejects.toThrow(/Cannot decode .*noise\.png.* as an image/)
  })

  it('refuses a truncated PNG', async () => {
    const whole = await readFile(scene)
    const p = join(dir, 'truncated.png')
    await writeFile(p, whole.subarray(0, Math.floor(whole.length / 2)))
    await expect(loadImage(p, nhwc(4, 4))).rejects.toThrow(InputFileError)
  })

  it('refuses inputs no image can fill', async () => {
    await expect(loadImage(scene, { name: 'v', shape: [1, 10], dtype: 'float32', layout: 'NC' })).rejects.toThrow(
      InputMismatchError,
    )
    await expect(loadImage(scene, { ...nhwc(4, 4), shape: [2, 4, 4, 3] })).rejects.toThrow(/batch dimension is 2/)
    await expect(loadImage(scene, nhwc(4, 4, 4))).rejects.toThrow(/the input has 4/)
    await expect(loadImage(scene, { ...nhwc(4, 4), dtype: 'int32' })).rejects.toThrow(/not int32/)
  })

  it('refuses bad options, naming them', async () => {
    await expect(loadImage(scene, nhwc(4, 4), { resise: 'x' } as never)).rejects.toThrow(/Unknown key "resise"/)
    await expect(loadImage(scene, nhwc(4, 4), { kernel: 'bicubic' } as never)).rejects.toThrow(/one of 'nearest'/)
    await expect(loadImage(scene, nhwc(4, 4), { resize: 'cv2-bilinear', fit: 'cover' })).rejects.toThrow(
      InvalidArgumentError,
    )
    await expect(loadImage(scene, nhwc(4, 4), { background: [0, 0, 256] })).rejects.toThrow(/integers 0–255/)
    await expect(loadImage('', nhwc(4, 4))).rejects.toThrow(InvalidArgumentError)
  })

  it('checks options up front without loading anything, naming the valid keys and where they came from', () => {
    expect(() =>
      validateImageOptions({ resize: 'cv2-bilinear', channels: 'bgr', alpha: 'flatten', background: [1, 2, 3] }),
    ).not.toThrow()
    expect(() => validateImageOptions({})).not.toThrow()
    expect(() => validateImageOptions({ resise: 'cv2-bilinear' })).toThrow(InvalidArgumentError)
    expect(() => validateImageOptions({ resise: 'cv2-bilinear' }, 'hailo() option image')).toThrow(
      'Unknown key "resise" in hailo() option image; expected some of: resize, kernel, fit, channels, alpha, background',
    )
    expect(() => validateImageOptions({ channels: 'BGR' })).toThrow(/one of 'rgb', 'bgr'/)
    expect(() => validateImageOptions({ resize: 'cv2-bilinear', kernel: 'cubic' })).toThrow(/without kernel/)
    expect(() => validateImageOptions('cv2-bilinear')).toThrow(/an object with some of resize, kernel/)
    expect(() => validateImageOptions(null)).toThrow(InvalidArgumentError)
    expect(() => validateImageOptions([])).toThrow(InvalidArgumentError)
  })
})
