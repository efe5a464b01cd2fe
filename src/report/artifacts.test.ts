import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, symlink, lstat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, isAbsolute, resolve } from 'node:path'
import { parse } from 'npyjs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { artifactFileNames, artifactFolder, SUMMARY_FILE, toJson, writeArtifacts } from './artifacts.js'
import { sanitizeSegment, sanitizeRelativePath } from './sanitize.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vh-artifacts-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

function strictlyInside(base: string, path: string): boolean {
  const rel = relative(base, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

describe('sanitizeSegment', () => {
  test('keeps plain names as they are', () => {
    expect(sanitizeSegment('logits')).toBe('logits')
    expect(sanitizeSegment('model.test.ts')).toBe('model.test.ts')
  })
  test('turns model output names with slashes into one segment, hashed so it cannot collide', () => {
    const a = sanitizeSegment('model/softmax1')
    expect(a).toMatch(/^model_softmax1-[0-9a-f]{8}$/)
    expect(a).not.toBe(sanitizeSegment('model_softmax1'))
  })
  test.each(['..', '.', '', '\0', '../../etc', '/abs/path', 'C:\\Windows', 'a\0b', '.hidden'])(
    'never yields a path that climbs out: %j',
    (name) => {
      const s = sanitizeSegment(name)
      expect(s).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/)
      expect(s).not.toContain('/')
      expect(s).not.toBe('..')
    },
  )
  test('cuts very long names and keeps them distinct with a hash', () => {
    const a = sanitizeSegment('x'.repeat(10_000))
    const b = sanitizeSegment('x'.repeat(10_001))
    expect(a.length).toBeLessThanOrEqual(80)
    expect(a).not.toBe(b)
  })
})

describe('sanitizeRelativePath', () => {
  test('drops every way up', () => {
    expect(sanitizeRelativePath('../../etc/passwd')).toBe('etc/passwd')
    expect(sanitizeRelativePath('..\\..\\x')).toBe('x')
    expect(sanitizeRelativePath('')).toBe('_')
  })
})

describe('artifactFolder', () => {
  test('is <root>/<test file>/<test name>, predictable from the names', () => {
    const folder = artifactFolder(root, 'test/model.test.ts', 'classifier')
    expect(folder).toBe(join(root, 'test', 'model.test.ts', 'classifier'))
  })
  test('uses the test file relative to the working directory when given an absolute path', () => {
    const folder = artifactFolder(root, resolve('test/model.test.ts'), 'classifier')
    expect(folder).toBe(join(root, 'test', 'model.test.ts', 'classifier'))
  })
  test.each([
    ['../../../etc', '../../passwd'],
    ['/etc/passwd', '/'],
    ['..', '..'],
    ['', ''],
    ['a\0b', 'c\0d'],
    ['x'.repeat(5000), 'y/'.repeat(5000)],
    ['C:\\Windows\\System32', 'name with spaces > and / slashes'],
  ])('stays strictly inside the root for hostile names (%j, %j)', (file, name) => {
    expect(strictlyInside(root, artifactFolder(root, file, name))).toBe(true)
  })
  test('refuses a missing root or a non-string name', () => {
    expect(() => artifactFolder('', 'a', 'b')).toThrow(InvalidArgumentError)
    expect(() => artifactFolder(root, 'a', 42 as unknown as string)).toThrow(
      /Expected a string for testName but received 42 of type number/,
    )
  })
})

describe('writeArtifacts', () => {
  const input = { data: new Float32Array([0.5, -1, 2, 3]), shape: [1, 4], dtype: 'float32' as const }
  const output = { data: new Uint8Array([1, 2, 3]), shape: [3], dtype: 'uint8' as const }

  test('writes each tensor as .npy numpy can read, plus summary.json, and returns the folder', async () => {
    const folder = await writeArtifacts({
      root,
      testFile: 'test/a.test.ts',
      testName: 'is deterministic',
      tensors: { 'input.x': input, 'output.group1.model/softmax1': output },
      summary: { seed: 42, maxAbs: Number.NaN, big: 2n ** 70n },
    })
    expect(strictlyInside(root, folder)).toBe(true)
    const files = (await readdir(folder)).sort()
    expect(files).toHaveLength(3)
    expect(files).toContain('input.x.npy')
    expect(files).toContain(SUMMARY_FILE)
    const npy = parse((await readFile(join(folder, 'input.x.npy'))).buffer.slice(0) as ArrayBuffer)
    expect(Array.from(npy.data as Float32Array)).toEqual([0.5, -1, 2, 3])
    expect(npy.shape).toEqual([1, 4])
    const summary = JSON.parse(await readFile(join(folder, SUMMARY_FILE), 'utf8'))
    expect(summary).toMatchObject({
      seed: 42,
      maxAbs: 'NaN',
      big: '1180591620717411303424',
      testName: 'is deterministic',
    })
    expect(summary.files['output.group1.model/softmax1']).toMatch(/^output\.group1\.model_softmax1-[0-9a-f]{8}\.npy$/)
  })

  test('removes stale files of an earlier failure first', async () => {
    const folder = artifactFolder(root, 'test/a.test.ts', 'flaky')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'output.group7.y.npy'), 'stale')
    await writeArtifacts({
      root,
      testFile: 'test/a.test.ts',
      testName: 'flaky',
      tensors: { 'input.x': input },
      summary: {},
    })
    expect((await readdir(folder)).sort()).toEqual(['input.x.npy', SUMMARY_FILE])
  })

  test("leaves sibling tests' folders alone", async () => {
    const other = await writeArtifacts({
      root,
      testFile: 'test/a.test.ts',
      testName: 'other',
      tensors: { 'input.x': input },
      summary: {},
    })
    await writeArtifacts({ root, testFile: 'test/a.test.ts', testName: 'flaky', tensors: {}, summary: {} })
    expect(await readdir(other)).toContain('input.x.npy')
  })

  test('keeps near-identical tensor names in distinct files', async () => {
    const folder = await writeArtifacts({
      root,
      testFile: 'a',
      testName: 'b',
      tensors: { 'out/y': input, out_y: input, 'out y': input },
      summary: {},
    })
    expect(await readdir(folder)).toHaveLength(4)
  })

  test('refuses to write or wipe through a symlink that leaves the root', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'vh-outside-'))
    try {
      const victim = join(outside, 'a.test.ts', 'flaky')
      await mkdir(victim, { recursive: true })
      await writeFile(join(victim, 'precious.txt'), 'keep me')
      await symlink(outside, join(root, 'test'), 'dir')
      await expect(
        writeArtifacts({
          root,
          testFile: 'test/a.test.ts',
          testName: 'flaky',
          tensors: { 'input.x': input },
          summary: {},
        }),
      ).rejects.toThrow(InvalidArgumentError)
      await expect(
        writeArtifacts({
          root,
          testFile: 'test/a.test.ts',
          testName: 'new',
          tensors: { 'input.x': input },
          summary: {},
        }),
      ).rejects.toThrow(/outside the artifacts root.*symbolic link/)
      expect(await readdir(victim)).toEqual(['precious.txt'])
      expect((await readdir(join(outside, 'a.test.ts'))).sort()).toEqual(['flaky'])
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  test('refuses a test folder that is a symlink out of the root, and leaves its target alone', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'vh-outside-'))
    try {
      await writeFile(join(outside, 'precious.txt'), 'keep me')
      const folder = artifactFolder(root, 'test/a.test.ts', 'flaky')
      await mkdir(join(folder, '..'), { recursive: true })
      await symlink(outside, folder, 'dir')
      await expect(
        writeArtifacts({
          root,
          testFile: 'test/a.test.ts',
          testName: 'flaky',
          tensors: { 'input.x': input },
          summary: {},
        }),
      ).rejects.toThrow(InvalidArgumentError)
      expect(await readdir(outside)).toEqual(['precious.txt'])
      expect((await lstat(folder)).isSymbolicLink()).toBe(true)
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })

  test('keeps test files outside the working directory in distinct folders', async () => {
    const a = resolve('..', 'x', 'a.test.ts')
    const b = resolve('..', '..', 'x', 'a.test.ts')
    expect(artifactFolder(root, a, 't')).not.toBe(artifactFolder(root, b, 't'))
    expect(artifactFolder(root, '../x/a.test.ts', 't')).not.toBe(artifactFolder(root, '../../x/a.test.ts', 't'))
    const first = await writeArtifacts({ root, testFile: a, testName: 't', tensors: { 'input.x': input }, summary: {} })
    await writeArtifacts({ root, testFile: b, testName: 't', tensors: {}, summary: {} })
    expect(await readdir(first)).toContain('input.x.npy')
    expect(strictlyInside(root, first)).toBe(true)
  })

  test('keeps tensor names that differ only in case in distinct files (one file on macOS and Windows otherwise)', async () => {
    const other = { data: new Float32Array([9]), shape: [1], dtype: 'float32' as const }
    const folder = await writeArtifacts({
      root,
      testFile: 'a',
      testName: 'b',
      tensors: { 'output.group1.Y': input, 'output.group1.y': other, 'input.x': input },
      summary: {},
    })
    const summary = JSON.parse(await readFile(join(folder, SUMMARY_FILE), 'utf8'))
    const upper = summary.files['output.group1.Y'] as string
    const lower = summary.files['output.group1.y'] as string
    expect(upper).toMatch(/^output\.group1\.Y-[0-9a-f]{8}\.npy$/)
    expect(lower).toMatch(/^output\.group1\.y-[0-9a-f]{8}\.npy$/)
    expect(upper.toLowerCase()).not.toBe(lower.toLowerCase())
    expect(summary.files['input.x']).toBe('input.x.npy')
    const read = async (file: string) =>
      Array.from(parse((await readFile(join(folder, file))).buffer.slice(0) as ArrayBuffer).data as Float32Array)
    expect(await read(upper)).toEqual([0.5, -1, 2, 3])
    expect(await read(lower)).toEqual([9])
  })

  test('gives every name of a case clash the same file on every run', () => {
    expect(artifactFileNames(['Logits', 'logits'])).toEqual(artifactFileNames(['Logits', 'logits']))
    expect(artifactFileNames(['Logits', 'other'])).toEqual({ Logits: 'Logits.npy', other: 'other.npy' })
  })

  test('refuses a request that is not an object', async () => {
    await expect(writeArtifacts(null as never)).rejects.toThrow(InvalidArgumentError)
  })
})

describe('toJson', () => {
  test('stringifies what JSON cannot hold', () => {
    expect(JSON.parse(toJson({ a: Infinity, b: -Infinity, c: 1n, d: new Uint8Array([1, 2]) }))).toEqual({
      a: 'Infinity',
      b: '-Infinity',
      c: '1',
      d: [1, 2],
    })
  })
})
