/**
 * The checksum each HEF header version declares, checked as HailoRT 4.23 checks it (`Hef::Impl::validate_hef_header`):
 * MD5 of the body (v0), CRC-32 (zlib polynomial) of everything after the header (v1), XXH3-64 of everything
 * after the header (v2, v3; unverified against a real file).
 * @packageDocumentation
 */
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { HefFormatError } from '../errors.js'
import type { HefHeader } from './header.js'
import { xxh3_64 } from './xxh3.js'

/** The checksum computed over a file, in the same shape the header declares it. */
export function computeHefChecksum(bytes: Uint8Array, header: HefHeader): string | number | bigint {
  const covered = bytes.subarray(header.checksumStart)
  switch (header.checksum.kind) {
    case 'md5':
      return createHash('md5').update(covered).digest('hex')
    case 'crc32':
      return crc32(covered) >>> 0
    case 'xxh3':
      return xxh3_64(covered)
  }
}

const show = (value: string | number | bigint): string =>
  typeof value === 'string' ? value : `0x${value.toString(16)}`

/**
 * Throw unless the checksum the header declares matches the file's bytes.
 *
 * @throws {@link HefFormatError} with problem `checksum-mismatch`.
 * @example
 * ```ts
 * verifyHefChecksum(bytes, parseHefHeader(bytes, path), path)
 * ```
 */
export function verifyHefChecksum(bytes: Uint8Array, header: HefHeader, path: string): void {
  const actual = computeHefChecksum(bytes, header)
  if (actual !== header.checksum.expected) {
    throw new HefFormatError(
      path,
      'checksum-mismatch',
      `${path}: the ${header.checksum.kind.toUpperCase()} its version ${header.version} header declares is ${show(header.checksum.expected)} but the file's bytes give ${show(actual)}. The file was damaged after compilation (a partial copy, a text-mode transfer, Git LFS pointer…); copy or compile it again. HailoRT refuses it too (HAILO_HEF_FILE_CORRUPTED).`,
      { offset: header.checksumStart },
    )
  }
}
