/**
 * Failure-only artifacts (jest-image-snapshot style): one folder per failing test at a path a person
 * can guess, replaced whole by each new failure ({@link replaceFolder}), every tensor as a `.npy`
 * numpy opens, plus `summary.json` with the numbers, the seed and the environment fingerprint.
 *
 * Layout: `<root>/<test file, relative to the working directory>/<test name>/` with every segment
 * sanitized ({@link sanitizeSegment}), so no name — `..`, absolute paths, NUL, `/` in output names,
 * 10 000-character test names — can place a file outside `root`.
 * @packageDocumentation
 */
import { mkdir, realpath, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { writeNpy } from '../inputs/npy.js'
import type { Tensor } from '../tensor/types.js'
import { InvalidArgumentError } from '../errors.js'
import { invalidParameter } from '../validate.js'
import { replaceFolder } from './replace-folder.js'
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
  if (typeof root !== 'string' || root === '' || root.includes('\0'))
    throw invalidParameter('root', 'a folder path', root)
  if (typeof testFile !== 'string') throw invalidParameter('testFile', 'a string', testFile)
  if (typeof testName !== 'string') throw invalidParameter('testName', 'a string', testName)
  const absoluteRoot = resolve(root)
  const folder = join(
    absoluteRoot,
    testFileSegments(testFile),
    sanitizeSegment(testName === '' ? '(unnamed test)' : testName),
  )
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
 * Write a failing test's artifacts and return the folder. The new set is written beside the folder
 * and renamed into place whole, so the folder always holds exactly one failure's files (the latest
 * to finish), even under concurrent runs or a kill mid-write. Call it only when a matcher fails.
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
  if (request === null || typeof request !== 'object')
    throw invalidParameter('writeArtifacts request', 'an object', request)
  const folder = artifactFolder(request.root, request.testFile, request.testName)
  const files = artifactFileNames(Object.keys(request.tensors))
  const root = resolve(request.root)
  await mkdir(root, { recursive: true })
  const realRoot = await realpath(root)
  // A symlink on the way (root/test → /tmp/elsewhere) would make the swap and the writes land outside.
  await assertReallyInside(realRoot, folder, request.root)
  await mkdir(dirname(folder), { recursive: true })
  await assertReallyInside(realRoot, dirname(folder), request.root)
  const summary = {
    testFile: request.testFile,
    testName: request.testName,
    writtenAt: new Date().toISOString(),
    pid: process.pid,
    files,
    ...request.summary,
  }
  // Written aside and renamed in whole: a kill mid-write or a concurrent run never leaves a mixed or truncated set.
  return replaceFolder(folder, async (fresh) => {
    for (const [key, file] of Object.entries(files)) await writeNpy(join(fresh, file), request.tensors[key]!)
    await writeFile(join(fresh, SUMMARY_FILE), toJson(summary) + '\n', 'utf8')
  })
}

/**
 * One `.npy` file name per tensor key. Names that would share a file on a case-insensitive file
 * system (`Y` / `y`, or `a/b` / `A/b`) all get a hash of their key appended, on every system, so
 * the same failure has the same file names everywhere; `summary.json`'s `files` maps keys to files.
 *
 * @example
 * ```ts
 * artifactFileNames(['output.group1.Y', 'output.group1.y'])
 * // → { 'output.group1.Y': 'output.group1.Y-…(hash).npy', 'output.group1.y': 'output.group1.y-…(hash).npy' }
 * ```
 */
export function artifactFileNames(keys: readonly string[]): Record<string, string> {
  const stems = keys.map((key) => sanitizeSegment(key))
  const count = new Map<string, number>()
  for (const stem of stems) count.set(stem.toLowerCase(), (count.get(stem.toLowerCase()) ?? 0) + 1)
  const files: Record<string, string> = {}
  const used = new Set<string>([SUMMARY_FILE])
  keys.forEach((key, k) => {
    const stem = stems[k]!
    let file = (count.get(stem.toLowerCase())! > 1 ? `${stem}-${shortHash(key)}` : stem) + '.npy'
    // A hash suffix that happens to equal another stem: number it (never in practice, but never a lost file).
    for (let n = 2; used.has(file.toLowerCase()); n++) file = `${stem}-${shortHash(key)}-${n}.npy`
    used.add(file.toLowerCase())
    files[key] = file
  })
  return files
}

/** JSON that survives what reports hold: bigint → string, NaN/±Infinity → string, typed arrays → arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString()
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v)
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? x.toString() : x))
      return v
    },
    2,
  )
}

function assertInside(root: string, folder: string): void {
  const rel = relative(root, folder)
  // Defence in depth: sanitizing already guarantees this, but a bug here would delete user files.
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !folder.startsWith(root + sep)) {
    throw new InvalidArgumentError(
      `Artifact folder "${folder}" would not be inside "${root}"; this is a bug in vitest-hailo.`,
    )
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
