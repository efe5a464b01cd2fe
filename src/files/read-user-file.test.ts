// Files that are not regular files, given wherever a user names a file: each reader refuses them
// before reading, instead of blocking on a FIFO for ever or filling memory from /dev/zero.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeModel } from '../describe.js'
import { readModelSource } from '../device/model-source.js'
import { FileError, InputFileError, ModelFileError } from '../errors.js'
import { readHef } from '../hef/read.js'
import { loadImage } from '../inputs/image.js'
import { readNpy } from '../inputs/npy.js'
import { readAllsNormalization } from '../parity/alls.js'
import { readUserFile, readUserText } from './read-user-file.js'
import { expectError } from '../../test/support/expect-error.js'

let dir: string
const paths: Record<string, string> = {}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vh-hostile-'))
  paths.fifo = join(dir, 'model.fifo')
  expect(spawnSync('mkfifo', [paths.fifo]).status).toBe(0)
  paths['/dev/zero'] = '/dev/zero'
  paths['link to /dev/zero'] = join(dir, 'zero.npy')
  await symlink('/dev/zero', paths['link to /dev/zero'])
  paths['link to a FIFO'] = join(dir, 'pipe.onnx')
  await symlink(paths.fifo, paths['link to a FIFO'])
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const HOSTILE = ['fifo', '/dev/zero', 'link to /dev/zero', 'link to a FIFO'] as const
const IMAGE_INFO = { name: 'x', shape: [1, 4, 4, 3], dtype: 'uint8', layout: 'NHWC' } as const

// Every reader of a user-named file, with the named error it must throw.
const READERS: readonly [string, (path: string) => Promise<unknown>, new (...args: never[]) => Error][] = [
  ['a model (device.load)', (p) => readModelSource(p), ModelFileError],
  ['a model (describeModel)', (p) => describeModel(p), ModelFileError],
  ['a HEF', (p) => readHef(p), ModelFileError],
  ['a .npy input', (p) => readNpy(p), InputFileError],
  ['an image input', (p) => loadImage(p, IMAGE_INFO), InputFileError],
  ['an .alls script', (p) => readAllsNormalization(p), FileError],
]

describe.each(READERS)('%s', (_what, read, errorClass) => {
  test.each(HOSTILE)('is refused at once when it is %s', { timeout: 10_000 }, async (kind) => {
    const error = await expectError(read(paths[kind]!), errorClass)
    expect(error.message).toMatch(/not a regular file/)
    expect(error.message).toMatch(kind === 'fifo' || kind === 'link to a FIFO' ? /FIFO/ : /character device/)
  })
})

describe('readUserFile', () => {
  const fail = (reason: string): Error => new Error(reason)

  test("reads a regular file's exact bytes, also through a symbolic link", async () => {
    const file = join(dir, 'bytes.bin')
    await writeFile(file, Uint8Array.from([1, 2, 3, 250]))
    await symlink(file, join(dir, 'bytes-link.bin'))
    expect(Array.from(await readUserFile(file, { fail }))).toEqual([1, 2, 3, 250])
    expect(Array.from(await readUserFile(join(dir, 'bytes-link.bin'), { fail }))).toEqual([1, 2, 3, 250])
  })

  test("names the link's target when a symbolic link leads to a device", async () => {
    await expect(readUserFile(paths['link to /dev/zero']!, { fail })).rejects.toThrow(
      /a symbolic link to "\/dev\/zero"/,
    )
  })

  test('refuses a file larger than maxBytes before reading it', async () => {
    const file = join(dir, 'big.txt')
    await writeFile(file, 'x'.repeat(100))
    await expect(readUserFile(file, { fail, maxBytes: 99 })).rejects.toThrow(/100 bytes, larger than the 99 bytes/)
    expect(await readUserText(file, { fail, maxBytes: 100 })).toBe('x'.repeat(100))
  })

  test('says what is wrong with a missing path or a directory', async () => {
    await expect(readUserFile(join(dir, 'nope'), { fail })).rejects.toThrow(/no such file \(resolved to .*nope\)/)
    await expect(readUserFile(dir, { fail })).rejects.toThrow(/it is a directory/)
  })

  test('hands the caller the system error as the cause', async () => {
    const error = await readUserFile(join(dir, 'nope'), {
      fail: (reason, cause) => new Error(reason, { cause }),
    }).catch((e: unknown) => e)
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT')
  })
})
