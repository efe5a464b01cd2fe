/**
 * The fixed, big-endian header at the start of every HEF, in its four versions.
 *
 * Layouts (from `hef__header_t` in `hailort/libhailort/src/hef/hef_internal.hpp`, hailo-ai/hailort v4.23.0;
 * all integers big-endian, packed):
 *
 * | version | size | after magic, version, proto size (12 bytes) | checksum over |
 * | --- | --- | --- | --- |
 * | 0 | 32 | reserved u32, MD5 (16 bytes) | the protobuf body |
 * | 1 | 28 | CRC-32 u32, ccws size u64, reserved u32 | body + compiled code |
 * | 2 | 44 | XXH3-64 u64, ccws size u64, 2 × reserved u64 | body + compiled code |
 * | 3 | 56 | XXH3-64 u64, padded ccws size u64, padding u32, info size u64, 2 × reserved u64 | body, pad, code, info |
 *
 * Versions 0 and 1 are verified against real files (`testdata/`); versions 2 and 3 are written from the
 * sources only (no public sample found) and are UNVERIFIED against a real file.
 * @packageDocumentation
 */
import { HefFormatError } from '../errors.js'

/** `"\x01HEF"` read as a big-endian u32. */
export const HEF_MAGIC = 0x01484546

/**
 * True when the bytes start with the HEF magic: cheap enough to ask before handing bytes to any runtime.
 * @example
 * ```ts
 * if (startsWithHefMagic(bytes)) console.log('a compiled Hailo model')
 * ```
 */
export function startsWithHefMagic(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false) === HEF_MAGIC
}

/** Header size in bytes per header version. */
export const HEF_HEADER_SIZES: Readonly<Record<HefHeaderVersion, number>> = { 0: 32, 1: 28, 2: 44, 3: 56 }

/** The header versions this reader knows. */
export type HefHeaderVersion = 0 | 1 | 2 | 3

/** The checksum a header declares, and what it covers. */
export type HefChecksum =
  | { readonly kind: 'md5'; readonly expected: string }
  | { readonly kind: 'crc32'; readonly expected: number }
  | { readonly kind: 'xxh3'; readonly expected: bigint }

/** A parsed HEF header: where the protobuf body is and what the checksum must be. */
export interface HefHeader {
  readonly version: HefHeaderVersion
  /** Size of the header itself. */
  readonly headerSize: number
  /** Offset and size of the protobuf body (the metadata). */
  readonly protoOffset: number
  readonly protoSize: number
  /** Size of the compiled code section after the body (0 for version 0). For version 3, with its padding. */
  readonly ccwsSize: number
  /** Version 3 only: padding between the body and the code, and the size of the trailing additional info. */
  readonly paddingSize: number
  readonly additionalInfoSize: number
  readonly checksum: HefChecksum
  /** The bytes the checksum covers: `[checksumStart, fileSize)`. */
  readonly checksumStart: number
}

/**
 * Largest size the reader accepts in a 64-bit header field: beyond this no real file exists (and no JS number is
 * exact).
 */
const MAX_SECTION = Number.MAX_SAFE_INTEGER

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, false)
  return value > BigInt(MAX_SECTION) ? Infinity : Number(value)
}

/**
 * Parse and size-check the header of a HEF held in `bytes` (the whole file).
 * Checks magic, version, and that the sizes the header declares add up to the file's size, exactly as
 * HailoRT 4.23 does; the checksum itself is checked by {@link verifyHefChecksum}.
 *
 * @throws {@link HefFormatError} naming the problem (`truncated`, `bad-magic`, `unsupported-header-version`,
 * `size-mismatch`).
 * @example
 * ```ts
 * const header = parseHefHeader(await readFile('model.hef'), 'model.hef')
 * header.version // 1
 * ```
 */
export function parseHefHeader(bytes: Uint8Array, path: string): HefHeader {
  const size = bytes.byteLength
  if (size < 12) {
    throw new HefFormatError(
      path,
      'truncated',
      `${path} is ${size} bytes long: too short to be a HEF (its header alone is 28 to 56 bytes). The file is truncated or empty; compile or copy it again.`,
      { offset: size },
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = view.getUint32(0, false)
  if (magic !== HEF_MAGIC) {
    throw new HefFormatError(
      path,
      'bad-magic',
      `${path} is not a HEF: expected the magic 0x01484546 ("\\x01HEF") at offset 0 but found 0x${magic.toString(16).padStart(8, '0')}. Pass the .hef the Dataflow Compiler produced.`,
      { offset: 0 },
    )
  }
  const version = view.getUint32(4, false)
  if (version > 3) {
    throw new HefFormatError(
      path,
      'unsupported-header-version',
      `${path} has HEF header version ${version}; this reader knows versions 0 to 3 (HailoRT 4.23 knows the same). The file is corrupt or from a newer toolchain than any HailoRT 4.x.`,
      { offset: 4 },
    )
  }
  const v = version as HefHeaderVersion
  const headerSize = HEF_HEADER_SIZES[v]
  if (size < headerSize) {
    throw new HefFormatError(
      path,
      'truncated',
      `${path} is ${size} bytes long but a version ${v} HEF header alone is ${headerSize} bytes. The file is truncated; compile or copy it again.`,
      { offset: size },
    )
  }
  const protoSize = view.getUint32(8, false)
  const common = { version: v, headerSize, protoOffset: headerSize, protoSize, checksumStart: headerSize }
  let header: HefHeader
  let declared: number
  switch (v) {
    case 0:
      header = {
        ...common,
        ccwsSize: 0,
        paddingSize: 0,
        additionalInfoSize: 0,
        checksum: { kind: 'md5', expected: Buffer.from(bytes.subarray(16, 32)).toString('hex') },
      }
      declared = protoSize
      break
    case 1: {
      const ccwsSize = u64(view, 16)
      header = {
        ...common,
        ccwsSize,
        paddingSize: 0,
        additionalInfoSize: 0,
        checksum: { kind: 'crc32', expected: view.getUint32(12, false) },
      }
      declared = protoSize + ccwsSize
      break
    }
    case 2: {
      const ccwsSize = u64(view, 20)
      header = {
        ...common,
        ccwsSize,
        paddingSize: 0,
        additionalInfoSize: 0,
        checksum: { kind: 'xxh3', expected: view.getBigUint64(12, false) },
      }
      declared = protoSize + ccwsSize
      break
    }
    case 3: {
      // UNVERIFIED (no real sample): layout from hef__header_distinct_t::v3 in HailoRT 4.21-4.23.
      const ccwsSize = u64(view, 20)
      const paddingSize = view.getUint32(28, false)
      const additionalInfoSize = u64(view, 32)
      if (paddingSize > ccwsSize) {
        throw new HefFormatError(
          path,
          'size-mismatch',
          `${path} declares ${paddingSize} bytes of padding inside a code section of only ${ccwsSize} bytes; the header is corrupt.`,
          { offset: 28 },
        )
      }
      header = {
        ...common,
        ccwsSize,
        paddingSize,
        additionalInfoSize,
        checksum: { kind: 'xxh3', expected: view.getBigUint64(12, false) },
      }
      declared = protoSize + ccwsSize + additionalInfoSize
      break
    }
  }
  const residue = size - headerSize
  if (declared !== residue) {
    const what =
      v === 0 ? `a ${protoSize}-byte body` : `a ${protoSize}-byte body and ${declared - protoSize} more bytes of code`
    throw new HefFormatError(
      path,
      declared > residue ? 'truncated' : 'size-mismatch',
      `${path}: its version ${v} header declares ${what} (${headerSize + declared} bytes in all) but the file is ${size} bytes. ${declared > residue ? 'The file is truncated' : 'The file has extra or missing bytes'}; compile or copy it again.`,
      { offset: size },
    )
  }
  return header
}
