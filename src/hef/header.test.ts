import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { HefFormatError } from '../errors.js'
import { verifyHefChecksum } from './checksum.js'
import { parseHefHeader } from './header.js'
import { parseHef } from './read.js'
import { ARCFACE, MNIST, smallArcfaceBody, wrapHef } from './test-support/make-hef.js'

const problemOf = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (error) {
    if (error instanceof HefFormatError) return error.problem
    throw error
  }
  return undefined
}

describe('parseHefHeader', () => {
  test('reads the real version 1 header: body size, code size, CRC', () => {
    const header = parseHefHeader(new Uint8Array(readFileSync(ARCFACE)), 'a.hef')
    expect(header).toMatchObject({ version: 1, headerSize: 28, protoOffset: 28, protoSize: 997288, ccwsSize: 2506040 })
    expect(header.checksum).toEqual({ kind: 'crc32', expected: 0xa7bc7593 })
  })

  test('reads the real version 0 header: body size and MD5', () => {
    const header = parseHefHeader(new Uint8Array(readFileSync(MNIST)), 'm.hef')
    expect(header).toMatchObject({ version: 0, headerSize: 32, protoSize: 1055765, ccwsSize: 0 })
    expect(header.checksum).toEqual({ kind: 'md5', expected: 'e474da9aa82717a0efb64290e7be983a' })
  })

  // Versions 2 and 3 have no public sample: these files are built from the layout in the HailoRT sources.
  test('reads a version 2 header (44 bytes, XXH3) built from the sources', () => {
    const hef = wrapHef(2, smallArcfaceBody(), { ccws: new Uint8Array(100).fill(7) })
    const header = parseHefHeader(hef, 'v2.hef')
    expect(header).toMatchObject({ version: 2, headerSize: 44, ccwsSize: 100 })
    expect(header.checksum.kind).toBe('xxh3')
    expect(() => verifyHefChecksum(hef, header, 'v2.hef')).not.toThrow()
  })

  test('reads a version 3 header (56 bytes, XXH3, padding and additional info) built from the sources', () => {
    const hef = wrapHef(3, smallArcfaceBody(), {
      ccws: new Uint8Array(64).fill(1),
      padding: 16,
      additionalInfo: new Uint8Array(8),
    })
    const header = parseHefHeader(hef, 'v3.hef')
    expect(header).toMatchObject({ version: 3, headerSize: 56, ccwsSize: 80, paddingSize: 16, additionalInfoSize: 8 })
    expect(parseHef(hef, 'v3.hef').networkGroups[0]!.inputs[0]!.name).toBe('arcface_mobilefacenet/input_layer1')
  })

  test.each([0, 1, 2, 3] as const)('a version %i file describes the same model as the real file', (version) => {
    const info = parseHef(wrapHef(version, smallArcfaceBody()), 'x.hef')
    expect(info.headerVersion).toBe(version)
    expect(info.networkGroups).toEqual(parseHef(new Uint8Array(readFileSync(ARCFACE)), 'x.hef').networkGroups)
  })

  test.each([0, 5, 11, 27, 31])('refuses a file of %i bytes as truncated', (size) => {
    const hef = new Uint8Array(readFileSync(ARCFACE)).subarray(0, size)
    expect(problemOf(() => parseHefHeader(hef, 't.hef'))).toBe('truncated')
  })

  test('refuses a file whose magic is wrong, saying what it found', () => {
    const hef = wrapHef(1, smallArcfaceBody())
    hef[0] = 0x7f
    expect(() => parseHefHeader(hef, 'x.hef')).toThrow(/expected the magic 0x01484546 .* found 0x7f484546/)
  })

  test('refuses header version 4 and above', () => {
    const hef = wrapHef(1, smallArcfaceBody())
    new DataView(hef.buffer).setUint32(4, 4)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('unsupported-header-version')
  })

  test('refuses a body size that claims more than the file holds (truncated) or less (size-mismatch)', () => {
    const hef = wrapHef(1, smallArcfaceBody())
    const view = new DataView(hef.buffer)
    const real = view.getUint32(8)
    view.setUint32(8, real + 1)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('truncated')
    view.setUint32(8, real - 1)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('size-mismatch')
    view.setUint32(8, 0xffffffff)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('truncated')
  })

  test('refuses a 64-bit code size beyond any real file without overflowing', () => {
    const hef = wrapHef(2, smallArcfaceBody())
    new DataView(hef.buffer).setBigUint64(20, 0xffffffffffffffffn)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('truncated')
  })

  test('refuses a version 3 padding larger than its code section', () => {
    const hef = wrapHef(3, smallArcfaceBody(), { ccws: new Uint8Array(8), padding: 8 })
    new DataView(hef.buffer).setUint32(28, 17)
    expect(problemOf(() => parseHefHeader(hef, 'x.hef'))).toBe('size-mismatch')
  })
})

describe('verifyHefChecksum', () => {
  test.each([0, 1, 2, 3] as const)('refuses a version %i file with one flipped bit in its body', (version) => {
    const hef = wrapHef(version, smallArcfaceBody(), { ccws: new Uint8Array(32) })
    hef[hef.length - 40]! ^= 1
    expect(problemOf(() => parseHef(hef, 'x.hef'))).toBe('checksum-mismatch')
  })

  test('refuses a version 1 file whose code (after the body) was damaged', () => {
    const hef = new Uint8Array(readFileSync(ARCFACE))
    hef[hef.length - 1]! ^= 0x80
    expect(() => parseHef(hef, 'a.hef')).toThrow(
      /CRC32 its version 1 header declares is 0xa7bc7593 but the file's bytes give 0x/,
    )
  })
})
