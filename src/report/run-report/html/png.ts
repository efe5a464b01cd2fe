/**
 * A minimal PNG encoder (8-bit grey or RGB, no filtering) for the report's counterexample images, so a
 * 24×24 picture travels inside the page as a data: URL of a kilobyte or two instead of hundreds of
 * SVG rectangles. Node's own zlib does the compression and the CRC.
 * @packageDocumentation
 */
import { crc32, deflateSync } from 'node:zlib'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/**
 * The PNG file of `pixels` (row-major, `channels` bytes per pixel: 1 grey, 3 RGB).
 * @example
 * ```ts
 * `data:image/png;base64,${encodePng(24, 16, 3, pixels).toString('base64')}`
 * ```
 */
export function encodePng(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * channels)
    throw new RangeError(`encodePng: ${pixels.length} bytes for ${width}×${height}×${channels}`)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per sample
  header[9] = channels === 1 ? 0 : 2 // colour type: grey or RGB
  // compression, filter and interlace methods: 0
  const stride = width * channels
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
