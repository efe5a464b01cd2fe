/**
 * Test support: build HEF files with any header version around any protobuf body, with correct (or chosen)
 * checksums and sizes, so tests reach every check of the reader. Not shipped.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { hefType } from '../schema.js'
import { xxh3_64 } from '../xxh3.js'

export const TESTDATA = new URL('../testdata/', import.meta.url).pathname
export const ARCFACE = `${TESTDATA}arcface_mobilefacenet.hef`
export const MNIST = `${TESTDATA}mnist.hef`

export interface WrapOptions {
  /** Code bytes after the body (ignored for version 0). */
  readonly ccws?: Uint8Array
  /** Version 3: padding bytes between body and code (counted inside the code size), and trailing info. */
  readonly padding?: number
  readonly additionalInfo?: Uint8Array
}

/** Wrap `body` in a valid HEF of header `version` (0–3) with a correct checksum. */
export function wrapHef(version: 0 | 1 | 2 | 3, body: Uint8Array, options: WrapOptions = {}): Uint8Array {
  const ccws = version === 0 ? new Uint8Array(0) : (options.ccws ?? new Uint8Array(0))
  const padding = version === 3 ? (options.padding ?? 0) : 0
  const info = version === 3 ? (options.additionalInfo ?? new Uint8Array(0)) : new Uint8Array(0)
  const headerSize = { 0: 32, 1: 28, 2: 44, 3: 56 }[version]
  const out = new Uint8Array(headerSize + body.length + padding + ccws.length + info.length)
  out.set(body, headerSize)
  out.set(ccws, headerSize + body.length + padding)
  out.set(info, headerSize + body.length + padding + ccws.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x01484546)
  view.setUint32(4, version)
  view.setUint32(8, body.length)
  const covered = out.subarray(headerSize)
  switch (version) {
    case 0:
      out.set(createHash('md5').update(covered).digest(), 16)
      break
    case 1:
      view.setUint32(12, crc32(covered) >>> 0)
      view.setBigUint64(16, BigInt(ccws.length))
      break
    case 2:
      view.setBigUint64(12, xxh3_64(covered))
      view.setBigUint64(20, BigInt(ccws.length))
      break
    case 3:
      view.setBigUint64(12, xxh3_64(covered))
      view.setBigUint64(20, BigInt(ccws.length + padding))
      view.setUint32(28, padding)
      view.setBigUint64(32, BigInt(info.length))
      break
  }
  return out
}

/** Re-compute the checksum of an already built HEF in place (after a test mutated its body). */
export function rechecksum(hef: Uint8Array): Uint8Array {
  const view = new DataView(hef.buffer, hef.byteOffset, hef.byteLength)
  const version = view.getUint32(4)
  const covered = hef.subarray({ 0: 32, 1: 28, 2: 44, 3: 56 }[version as 0 | 1 | 2 | 3])
  if (version === 0) hef.set(createHash('md5').update(covered).digest(), 16)
  if (version === 1) view.setUint32(12, crc32(covered) >>> 0)
  if (version === 2 || version === 3) view.setBigUint64(12, xxh3_64(covered))
  return hef
}

/** Encode a plain object with the reader's own schema subset (unknown keys are refused by protobufjs' verify). */
export function encodeBody(message: Record<string, unknown>): Uint8Array {
  const type = hefType('Hef')
  const problem = type.verify(message)
  if (problem !== null) throw new Error(`bad test message: ${problem}`)
  return type.encode(type.fromObject(message)).finish()
}

/** The body of a real HEF file (version 0 or 1), as in the file. */
export function realBody(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path))
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerSize = view.getUint32(4) === 0 ? 32 : 28
  return bytes.subarray(headerSize, headerSize + view.getUint32(8))
}

/** The arcface body reduced to the subset the reader declares: small enough to fuzz quickly, same answers. */
export function smallArcfaceBody(): Uint8Array {
  const type = hefType('Hef')
  return type.encode(type.decode(realBody(ARCFACE))).finish()
}

/** A minimal one-input, one-output HEF message, for tests to modify. */
export function minimalMessage(
  overrides: {
    input?: Record<string, unknown>
    output?: Record<string, unknown>
    extensions?: number[]
    hwArch?: number
  } = {},
): Record<string, unknown> {
  const layer = (name: string, direction: number, extra: Record<string, unknown> = {}) => ({
    direction,
    edgeLayerType: 0,
    layerInfo: {
      name,
      edgeLayerBase: { height: 4, width: 6, features: 3, format: 0, dataBytes: 1, ...((extra.base as object) ?? {}) },
      numericInfo: { qpZp: 3, qpScale: 0.5, limvalsMin: -1.5, limvalsMax: 126, ...((extra.numeric as object) ?? {}) },
      transposed: extra.transposed === true,
    },
    contextSwitchInfo: { edgeConnectionType: 0 },
    networkIndex: 0,
  })
  return {
    header: { hwArch: overrides.hwArch ?? 0, timestamp: 1_700_000_000_000, sdkVersion: '3.33.0', version: 5 },
    extensions: (overrides.extensions ?? [26]).map((typeIndex) => ({ typeIndex, name: '' })),
    networkGroups: [
      {
        networkGroupMetadata: { networkGroupName: 'net' },
        sortedOutputsOrder: ['net/out'],
        contexts: [
          { metadata: { edgeLayers: [layer('net/in', 0, overrides.input), layer('net/out', 1, overrides.output)] } },
        ],
      },
    ],
  }
}
