/**
 * `readHef`: everything a HEF says about itself, in pure TypeScript, with no HailoRT and no device.
 * @packageDocumentation
 */
import { HefFormatError, ModelFileError } from '../errors.js'
import { readUserFile } from '../files/read-user-file.js'
import { invalidParameter } from '../validate.js'
import { decodeHefBody } from './body.js'
import { verifyHefChecksum } from './checksum.js'
import { hefExtensions, hefFeatures, hefTarget } from './features.js'
import { parseHefHeader } from './header.js'
import type { PEdgeLayerMux, PHef } from './proto-types.js'
import { int64 } from './proto-types.js'
import type { HefInfo } from './types.js'
import { describeNetworkGroups } from './vstreams.js'

/** Largest HEF the reader opens (real ones are a few MiB to a few hundred MiB). */
export const MAX_HEF_BYTES = 2 ** 31 - 1

function muxHasHostArgmax(mux: PEdgeLayerMux | null, depth: number): boolean {
  if (mux === null || depth > 16) return false
  if (mux.edgeLayerBase?.hostArgmax) return true
  return mux.predecessors.some(
    (p) => p.layerInfo?.edgeLayerBase?.hostArgmax === true || muxHasHostArgmax(p.layerMux, depth + 1),
  )
}

/** Whether any edge layer asks for the legacy host-side argmax, which HailoRT 4.23 refuses. */
function hasHostArgmax(message: PHef): boolean {
  const groups = message.networkGroups.flatMap((g) => [
    g,
    ...g.partialNetworkGroups.flatMap((p) => (p.networkGroup ? [p.networkGroup] : [])),
  ])
  const cores = groups.flatMap((g) => [
    g,
    ...g.ops.flatMap((o) =>
      o.coreOp ? [o.coreOp, ...o.coreOp.partialCoreOps.flatMap((p) => (p.coreOp ? [p.coreOp] : []))] : [],
    ),
  ])
  return cores.some((c) =>
    c.contexts.some((ctx) =>
      (ctx.metadata?.edgeLayers ?? []).some(
        (l) => l.layerInfo?.edgeLayerBase?.hostArgmax === true || muxHasHostArgmax(l.layerMux, 0),
      ),
    ),
  )
}

/**
 * Read a HEF held in memory. `path` only names it in errors and in the result.
 *
 * @throws {@link HefFormatError} for anything truncated, corrupt or contradictory.
 * @example
 * ```ts
 * const info = parseHef(new Uint8Array(await readFile('model.hef')), 'model.hef')
 * info.networkGroups[0].inputs[0].shape // { height: 112, width: 112, features: 3 }
 * ```
 */
export function parseHef(bytes: Uint8Array, path = '<bytes>'): HefInfo {
  if (!(bytes instanceof Uint8Array)) throw invalidParameter('bytes', 'a Uint8Array holding a HEF', bytes)
  const header = parseHefHeader(bytes, path)
  verifyHefChecksum(bytes, header, path)
  const message = decodeHefBody(
    bytes.subarray(header.protoOffset, header.protoOffset + header.protoSize),
    path,
    header.protoOffset,
  )
  if (message.header === null) {
    throw new HefFormatError(
      path,
      'corrupt-metadata',
      `${path}: the HEF's metadata has no header (no target, no compiler version). The file is not a compiled HEF; compile it again.`,
      { offset: header.protoOffset },
    )
  }
  const features = hefFeatures(message, hasHostArgmax(message))
  const notes: string[] = []
  const networkGroups = describeNetworkGroups(message, features, path, notes)
  const { target, architecture } = hefTarget(message.header.hwArch)
  const timestamp = int64(message.header.timestamp)
  const checksum = header.checksum
  return {
    path,
    fileSize: bytes.byteLength,
    headerVersion: header.version,
    checksum: {
      kind: checksum.kind,
      value:
        typeof checksum.expected === 'string'
          ? checksum.expected
          : `0x${checksum.expected.toString(16).padStart(checksum.kind === 'crc32' ? 8 : 16, '0')}`,
    },
    sdkVersion: message.header.sdkVersion,
    architecture,
    target,
    ...compiledAt(timestamp, path, header.protoOffset),
    formatVersion: int64(message.header.version),
    ...hefExtensions(message),
    features,
    networkGroups,
    notes,
  }
}

/** The compile date; a timestamp no date can hold (past year 275760) is corrupt metadata, not a crash. */
function compiledAt(timestamp: number, path: string, offset: number): { compiledAt?: string } {
  if (!(timestamp > 0)) return {}
  // Seconds or milliseconds since 1970, depending on the compiler; both give a plausible date only one way.
  const date = new Date(timestamp > 1e11 ? timestamp : timestamp * 1000)
  if (Number.isNaN(date.getTime())) {
    throw new HefFormatError(
      path,
      'corrupt-metadata',
      `${path}: the HEF's compile timestamp ${timestamp} is past the last date JavaScript can hold (year 275760), so no compiler wrote it: ` +
        'the metadata is corrupt. Compile the model again, or copy the file again if it was damaged on the way.',
      { offset },
    )
  }
  return { compiledAt: date.toISOString() }
}

/**
 * Read a HEF file.
 *
 * @throws {@link ModelFileError} when the file is missing or unreadable; {@link HefFormatError} when it is not a valid
 * HEF.
 * @example
 * ```ts
 * const info = await readHef('build/model.hef')
 * console.log(info.sdkVersion, info.architecture, info.networkGroups[0].outputs.map((o) => o.name))
 * ```
 */
export async function readHef(path: string): Promise<HefInfo> {
  if (typeof path !== 'string' || path.length === 0) throw invalidParameter('path', 'a path to a .hef file', path)
  const bytes = await readUserFile(path, {
    maxBytes: MAX_HEF_BYTES,
    fail: (reason, cause) => {
      const missing = (cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
      return new ModelFileError(
        path,
        `The HEF ${path} ${missing ? 'does not exist' : `cannot be read: ${reason}`}. Check the path (relative paths start at ${process.cwd()}).`,
        { cause },
      )
    },
  })
  return parseHef(bytes, path)
}
