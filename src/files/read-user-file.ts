/**
 * The one way vitest-hailo reads a file a user named (model, HEF, `.npy`, image, `.alls`): only a
 * regular file, symbolic links followed, and never more bytes than the file's size. A FIFO would
 * block a plain `readFile` for ever and `/dev/zero` would fill memory; both are refused before a
 * byte is read. The file is opened non-blocking and checked again on the open descriptor, so a path
 * swapped for a FIFO between the two checks is refused too.
 * @packageDocumentation
 */
import { constants as bufferConstants } from 'node:buffer'
import { constants, type Stats } from 'node:fs'
import { open, realpath, stat, type FileHandle } from 'node:fs/promises'
import { resolve } from 'node:path'

/** How {@link readUserFile} reads and reports. */
export interface ReadUserFileOptions {
  /**
   * Largest size accepted, in bytes.
   * @defaultValue the largest Buffer Node can allocate
   */
  readonly maxBytes?: number
  /** Builds the caller's named error from the reason ("no such file (resolved to …)", "it is a FIFO …"). */
  readonly fail: (reason: string, cause?: unknown) => Error
}

/**
 * Read a regular file the user named, bounded by its size.
 *
 * @throws whatever `options.fail` builds, with a reason that completes "Cannot read <path>: …", when the
 *   path is missing, unreadable, a directory, not a regular file (FIFO, device, socket) or too large.
 * @example
 * ```ts
 * const bytes = await readUserFile('model.onnx', { fail: (reason, cause) => new ModelFileError('model.onnx', reason, {
 * cause }) })
 * ```
 */
export async function readUserFile(path: string, options: ReadUserFileOptions): Promise<Uint8Array> {
  const maxBytes = Math.min(options.maxBytes ?? bufferConstants.MAX_LENGTH, bufferConstants.MAX_LENGTH)
  const wrap = (error: unknown): never => {
    throw options.fail(errnoReason(error, path), error)
  }
  await refuseUnlessRegular(await stat(path).catch(wrap), path, maxBytes, options.fail)
  // O_NONBLOCK: opening a FIFO that was swapped in after the stat returns at once instead of waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(wrap)
  try {
    const opened = await handle.stat().catch(wrap)
    await refuseUnlessRegular(opened, path, maxBytes, options.fail)
    return await readAtMost(handle, opened.size).catch(wrap)
  } finally {
    await handle.close()
  }
}

/** Read up to `size` bytes from the start: never more, whatever the file does meanwhile. */
async function readAtMost(handle: FileHandle, size: number): Promise<Uint8Array> {
  const bytes = Buffer.allocUnsafe(size)
  let filled = 0
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled)
    if (bytesRead === 0) break // the file shrank while it was read
    filled += bytesRead
  }
  return bytes.subarray(0, filled)
}

/**
 * Read a regular file the user named as UTF-8 text (see {@link readUserFile}).
 * @example
 * ```ts
 * const script = await readUserText('model.alls', { fail: (reason) => new Error(reason) })
 * ```
 */
export async function readUserText(path: string, options: ReadUserFileOptions): Promise<string> {
  return new TextDecoder('utf-8').decode(await readUserFile(path, options))
}

async function refuseUnlessRegular(
  info: Stats,
  path: string,
  maxBytes: number,
  fail: ReadUserFileOptions['fail'],
): Promise<void> {
  if (info.isDirectory()) throw fail('it is a directory')
  if (!info.isFile()) {
    const target = await realpath(path).catch(() => path)
    const via = resolve(target) === resolve(path) ? '' : ` (a symbolic link to ${JSON.stringify(target)})`
    throw fail(
      `it is ${kindOf(info)}${via}, not a regular file; reading it could block for ever or never end. Pass a regular file`,
    )
  }
  if (info.size > maxBytes)
    throw fail(`it is ${info.size} bytes, larger than the ${maxBytes} bytes this reader accepts`)
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Words for a failed stat / open / read, completing "Cannot read <path>: …". */
function errnoReason(error: unknown, path: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') return `no such file (resolved to ${resolve(path)})`
  if (code === 'EISDIR') return 'it is a directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ELOOP') return 'it is a loop of symbolic links'
  return `the file could not be read (${code ?? String(error)})`
}
