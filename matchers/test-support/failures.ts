/**
 * Test support for the matchers' tests: a failure's message as plain text, the files a check left,
 * and a private artifacts folder per test file.
 * @packageDocumentation
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { DEFAULT_CONFIG, getConfig, setConfig } from '../../src/config.js'

/** `text` without its ANSI colours. */
// eslint-disable-next-line no-control-regex
export const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '')

/**
 * The plain message of a matcher call that must fail; throws when it passed.
 * @example
 * ```ts
 * const message = await failureOf(expect(model).toBeDeterministicAcross(3))
 * ```
 */
export async function failureOf(run: Promise<void>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof Error)) throw new Error('expected the matcher to fail')
  return plain(error.message)
}

/** Every file below `dir` (relative paths), or none when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true })).map(String)
  } catch {
    return []
  }
}

/**
 * For the whole test file, write artifacts under a fresh temporary folder (removed afterwards, the
 * previous setting restored). Returns a function that gives the folder once `beforeAll` has run.
 * @example
 * ```ts
 * const artifactsRoot = useArtifactsRoot('vh-matcher-')
 * test('…', async () => { expect(await filesUnder(artifactsRoot())).toEqual([]) })
 * ```
 */
export function useArtifactsRoot(prefix: string): () => string {
  let root: string | undefined
  const previous = getConfig().artifactsDir
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), prefix))
    setConfig({ artifactsDir: root })
  })
  afterAll(async () => {
    setConfig({ artifactsDir: previous ?? DEFAULT_CONFIG.artifactsDir })
    if (root !== undefined) await rm(root, { recursive: true, force: true })
  })
  return () => {
    if (root === undefined) throw new Error('useArtifactsRoot: the folder exists only once beforeAll has run')
    return root
  }
}
