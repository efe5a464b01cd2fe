// The artifact folder under real processes: concurrent runs of one test and a kill mid-write must
// leave one writer's whole set, never a mix, a truncated .npy, or nothing where a set was.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'npyjs'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { artifactFolder, SUMMARY_FILE, writeArtifacts } from './artifacts.js'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vh-atomic-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const folder = (): string => artifactFolder(root, 'test/race.test.ts', 'flaky')

const script = fileURLToPath(new URL('./test-support/write-artifacts.ts', import.meta.url))
const loader = fileURLToPath(new URL('../device/backends/hailort/test-support/ts-loader.mjs', import.meta.url))

/** Start a writer process (the project's TypeScript through ts-loader) and wait until it is loaded. */
async function writer(id: number, elements: number, tensors: number, repeats: number, go = '-'): Promise<ChildProcess> {
  const args = [root, id, elements, tensors, repeats, go].map(String)
  const child = spawn(process.execPath, ['--import', loader, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
  // Loading TypeScript takes seconds on a busy 2-core machine: wait for the line, not a clock.
  while (!out.includes('ready\n')) {
    if (child.exitCode !== null) throw new Error(`writer ${id} exited ${child.exitCode} before it was ready`)
    await new Promise((r) => setTimeout(r, 20))
  }
  return child
}

async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit')
  return child.exitCode
}

/** The folder holds exactly the files its summary.json lists, each a whole .npy of its writer's value. */
async function expectOneWholeSet(path: string, elements: number, tensors: number): Promise<number> {
  const summary = JSON.parse(await readFile(join(path, SUMMARY_FILE), 'utf8')) as {
    writer: number
    files: Record<string, string>
  }
  expect(Object.keys(summary.files)).toHaveLength(tensors)
  expect((await readdir(path)).sort()).toEqual([...Object.values(summary.files), SUMMARY_FILE].sort())
  for (const file of Object.values(summary.files)) {
    const data = parse((await readFile(join(path, file))).buffer.slice(0) as ArrayBuffer).data as Float32Array
    expect(data.length, file).toBe(elements)
    expect(
      data.every((x) => x === summary.writer),
      `${file} holds only writer ${summary.writer}'s values`,
    ).toBe(true)
  }
  return summary.writer
}

/** Everything under the test file's folder, for noticing that a writer has started. */
async function listing(): Promise<string> {
  const entries = await readdir(dirname(folder()), { recursive: true }).catch(() => [] as string[])
  return entries.sort().join('\n')
}

describe('writeArtifacts across processes', () => {
  test(
    "several processes failing the same test at once leave one of them's whole set, and all succeed",
    { timeout: 180_000 },
    async () => {
      const go = join(root, 'go')
      const writers = await Promise.all([1, 2, 3, 4].map((id) => writer(id, 20_000, 4, 8, go)))
      await writeFile(go, '')
      const codes = await Promise.all(writers.map(exited))
      expect(codes).toEqual([0, 0, 0, 0])
      expect([1, 2, 3, 4]).toContain(await expectOneWholeSet(folder(), 20_000, 4))
      // No half-written or set-aside folders are left beside it.
      expect(await readdir(dirname(folder()))).toEqual(['flaky'])
    },
  )

  test.each(['SIGKILL', 'SIGTERM'] as const)(
    'a %s mid-write leaves the previous set whole (or the new one), never a truncated .npy',
    { timeout: 180_000 },
    async (signal) => {
      const elements = 4_000_000 // 16 MB per tensor: long enough to be caught mid-write
      await writeArtifacts({
        root,
        testFile: 'test/race.test.ts',
        testName: 'flaky',
        tensors: Object.fromEntries(
          [0, 1, 2, 3].map((k) => [
            `output.group${k}.y`,
            { data: new Float32Array(elements).fill(7), shape: [elements], dtype: 'float32' as const },
          ]),
        ),
        summary: { writer: 7 },
      })
      const before = await listing()
      const child = await writer(8, elements, 4, 1)
      // Kill it as soon as it touches anything: mid-write.
      while ((await listing()) === before && child.exitCode === null) await new Promise((r) => setTimeout(r, 1))
      child.kill(signal)
      await exited(child)
      expect([7, 8]).toContain(await expectOneWholeSet(folder(), elements, 4))
      // The next failure cleans up what the killed writer left beside the folder.
      await writeArtifacts({
        root,
        testFile: 'test/race.test.ts',
        testName: 'flaky',
        tensors: {},
        summary: { writer: 9 },
      })
      expect(await readdir(dirname(folder()))).toEqual(['flaky'])
    },
  )
})
