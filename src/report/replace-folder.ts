/**
 * Replacing a folder with a complete new one, so a reader only ever sees one writer's whole set:
 * the new contents are written into a fresh hidden folder beside the target and renamed into
 * place. The previous set is moved aside only once the new one is complete, and deleted last.
 *
 * A process killed while writing (SIGTERM, SIGKILL, a crash) leaves the previous set where it was,
 * plus a hidden `.name.writing-<pid>-…` folder that a later write removes once that process is gone.
 * Concurrent writers race only on the final rename: each retries until its own folder is in place,
 * so the last one to finish wins and no folder ever mixes two writers' files.
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** How often a writer retries the final rename when other writers keep replacing the folder. */
const MAX_SWAPS = 50

/** Hidden sibling names: `.<name>.writing-<pid>-<hex>` (being filled), `.<name>.replaced-<pid>-<hex>` (old set). */
const SIBLING = /^\.(.+)\.(writing|replaced)-(\d+)-[0-9a-f]+$/

/**
 * Fill a fresh folder with `fill` and rename it to `target`, replacing what was there. The parent
 * of `target` must exist. Returns `target`.
 *
 * @example
 * ```ts
 * await replaceFolder('/tmp/artifacts/a.test.ts/flaky', async (dir) => {
 *   await writeFile(join(dir, 'summary.json'), '{}')
 * })
 * ```
 */
export async function replaceFolder(target: string, fill: (folder: string) => Promise<void>): Promise<string> {
  const parent = dirname(target)
  const name = basename(target)
  await removeAbandonedSiblings(parent, name)
  const fresh = join(parent, siblingName(name, 'writing'))
  await mkdir(fresh)
  try {
    await fill(fresh)
    await swapIn(fresh, target)
  } finally {
    await rm(fresh, { recursive: true, force: true })
  }
  return target
}

function siblingName(name: string, kind: 'writing' | 'replaced'): string {
  return `.${name}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`
}

/** Move the old set aside, rename the new one in, delete the old one; retry while others race. */
async function swapIn(fresh: string, target: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_SWAPS; attempt++) {
    const aside = join(dirname(target), siblingName(basename(target), 'replaced'))
    let moved = true
    try {
      await rename(target, aside) // a symbolic link is moved as a link, never followed
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error
      moved = false
    }
    try {
      await rename(fresh, target)
    } catch (error) {
      // Another writer put its complete set in between our two renames: move that one aside and retry.
      if (code(error) !== 'ENOTEMPTY' && code(error) !== 'EEXIST') throw error
      if (moved) await rm(aside, { recursive: true, force: true })
      continue
    }
    if (moved) await rm(aside, { recursive: true, force: true })
    return
  }
  throw new Error(
    `Could not put ${fresh} in place of ${target}: other processes replaced it ${MAX_SWAPS} times in a row.`,
  )
}

/** Remove `.writing-` / `.replaced-` siblings of `name` left by processes that no longer run. */
async function removeAbandonedSiblings(parent: string, name: string): Promise<void> {
  let entries: string[]
  try {
    entries = await readdir(parent)
  } catch {
    return
  }
  for (const entry of entries) {
    const match = SIBLING.exec(entry)
    if (match === null || match[1] !== name) continue
    const pid = Number(match[3])
    if (pid !== process.pid && !isRunning(pid)) await rm(join(parent, entry), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return code(error) === 'EPERM' // alive, owned by another user
  }
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
