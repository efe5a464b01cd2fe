/**
 * Failure-only artifacts (jest-image-snapshot style): one folder per failing test at a path a person
 * can guess, stale contents removed first, every tensor as a `.npy` numpy opens, plus `summary.json`
 * with the numbers, the seed and the environment fingerprint.
 *
 * Layout: `<root>/<test file, relative to the working directory>/<test name>/` with every segment
 * sanitized ({@link sanitizeSegment}), so no name — `..`, absolute paths, NUL, `/` in output names,
 * 10 000-character test names — can place a file outside `root`.
 * @packageDocumentation
 */
import { lstat, mkdir, realpath, rm, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { writeNpy } from '../inputs/npy.js'
import type { Tensor } from '../tensor/types.js'
import { InvalidArgumentError } from '../errors.js'
import { invalidParameter } from '../validate.js'
import { sanitizeRelativePath, sanitizeSegment, shortHash } from './sanitize.js'

/** What {@link writeArtifacts} writes. */
export interface ArtifactRequest {
  /** Root folder of all artifacts (the plugin's `artifactsDir`), absolute or relative to the working directory. */
  readonly root: string
  /** The test file (absolute, or relative to the working directory). */
  readonly testFile: string
  /** The test's full name (`describe > test`). */
  readonly testName: string
  /** Tensors to save, keyed by a descriptive name such as `input.image` or `output.group2.model/softmax1`. */
  readonly tensors: Readonly<Record<string, Tensor>>
  /** Numbers, seed and environment to put in `summary.json`; must be JSON-like (bigint and NaN are stringified). */
  readonly summary: Readonly<Record<string, unknown>>
}

/** Name of the summary file in every artifact folder. */
export const SUMMARY_FILE = 'summary.json'

/**
 * The folder where a test's artifacts go: `<root>/<sanitized test file>/<sanitized test name>`.
 * Always strictly inside `root`.
 *
 * @example
 * ```ts
 * artifactFolder('.vitest-hailo/artifacts', 'test/model.test.ts', 'model > is deterministic')
 * // → '<cwd>/.vitest-hailo/artifacts/test/model.test.ts/model_is_deterministic-…'
 * ```
 */
export function artifactFolder(root: string, testFile: string, testName: string): string {
  if (typeof root !== 'string' || root === '' || root.includes('\0')) throw invalidParameter('root', 'a folder path', root)
  if (typeof testFile !== 'string') throw invalidParameter('testFile', 'a string', testFile)
  if (typeof testName !== 'string') throw invalidParameter('testName', 'a string', testName)
  const absoluteRoot = resolve(root)
  const folder = join(absoluteRoot, testFileSegments(testFile), sanitizeSegment(testName === '' ? '(unnamed test)' : testName))
  assertInside(absoluteRoot, folder)
  return folder
}

/**
 * The test file as relative folders under the root. A file outside the working directory (its relative
 * path climbs with `..`, or is on another drive) gets a hash of its absolute path as first segment:
 * dropping the `..` alone would map `../a/x.test.ts` and `../../a/x.test.ts` to one folder, and the
 * stale-file wipe of one test would delete the other's artifacts.
 */
function testFileSegments(testFile: string): string {
  const fileRelative = isAbsolute(testFile) ? relative(process.cwd(), testFile) : testFile
  const climbs = isAbsolute(fileRelative) || fileRelative.split(/[\\/]+/).includes('..')
  if (!climbs) return sanitizeRelativePath(fileRelative)
  return join(`outside-${shortHash(resolve(testFile))}`, sanitizeRelativePath(fileRelative))
}

/**
 * Write a failing test's artifacts and return the folder. The folder is emptied first, so what is
 * there always belongs to the latest failure. Call it only when a matcher fails.
 *
 * @example
 * ```ts
 * const folder = await writeArtifacts({
 *   root: getConfig().artifactsDir, testFile, testName,
 *   tensors: { 'input.x': input, 'output.group1.y': y },
 *   summary: { seed, distinctOutputs: 3 },
 * })
 * ```
 */
export async function writeArtifacts(request: ArtifactRequest): Promise<string> {
  if (request === null || typeof request !== 'object') throw invalidParameter('writeArtifacts request', 'an object', request)
  const folder = artifactFolder(request.root, request.testFile, request.testName)
  const files: Record<string, string> = {}
  const used = new Set<string>([SUMMARY_FILE])
  for (const key of Object.keys(request.tensors)) {
    const file = `${sanitizeSegment(key)}.npy`
    // Lowercased: on case-insensitive file systems (macOS, Windows) `Logits` and `logits` are one file.
    if (used.has(file.toLowerCase())) throw new InvalidArgumentError(`Two artifact tensors map to the same file "${file}"; give them distinct names.`)
    used.add(file.toLowerCase())
    files[key] = file
  }
  const root = resolve(request.root)
  await mkdir(root, { recursive: true })
  const realRoot = await realpath(root)
  // A symlink on the way (root/test → /tmp/elsewhere) would make the wipe and the writes land outside.
  await assertReallyInside(realRoot, folder, request.root)
  if (await isSymlink(folder)) await rm(folder) // removes the link itself, never what it points to
  else await rm(folder, { recursive: true, force: true })
  await mkdir(folder, { recursive: true })
  await assertReallyInside(realRoot, folder, request.root)
  for (const [key, file] of Object.entries(files)) {
    await writeNpy(join(folder, file), request.tensors[key]!)
  }
  const summary = {
    testFile: request.testFile,
    testName: request.testName,
    writtenAt: new Date().toISOString(),
    files,
    ...request.summary,
  }
  await writeFile(join(folder, SUMMARY_FILE), toJson(summary) + '\n', 'utf8')
  return folder
}

/** JSON that survives what reports hold: bigint → string, NaN/±Infinity → string, typed arrays → arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString()
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? x.toString() : x))
      return v
    },
    2,
  )
}

function assertInside(root: string, folder: string): void {
  const rel = relative(root, folder)
  // Defence in depth: sanitizing already guarantees this, but a bug here would delete user files.
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !folder.startsWith(root + sep)) {
    throw new InvalidArgumentError(`Artifact folder "${folder}" would not be inside "${root}"; this is a bug in vitest-hailo.`)
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink()
  } catch {
    return false
  }
}

/** The real path of `path`'s nearest existing ancestor (or itself) must be inside the real root. */
async function assertReallyInside(realRoot: string, folder: string, givenRoot: string): Promise<void> {
  let existing = folder
  for (;;) {
    try {
      const real = await realpath(existing)
      const rel = relative(realRoot, real)
      if (rel.startsWith('..') || isAbsolute(rel)) {
        throw new InvalidArgumentError(
          `Artifact folder "${folder}" would be written outside the artifacts root "${givenRoot}" (real path "${realRoot}"): ` +
            `"${existing}" resolves to "${real}" through a symbolic link. Remove the link, or point artifactsDir at a folder without links inside it.`,
        )
      }
      return
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error
      const parent = dirname(existing)
      if (parent === existing) throw error
      existing = parent
    }
  }
}
