/**
 * The cross-process chip lock: one lock file per chip, held with `flock(2)` for as long as a
 * device is open, so Vitest workers and other test processes take turns on one physical chip. The
 * kernel releases it when the holder dies, SIGKILL included. The holder writes who it is (PID,
 * command, since when) into the file, so a waiting process can name it; after the configured wait
 * it fails with {@link DeviceBusyError} naming the holder.
 *
 * The wait counts against the caller's own timeout (the `device` fixture's hook timeout, or the
 * test's): keep `lockTimeoutMs` below it so the lock, not Vitest, reports who holds the chip.
 * @packageDocumentation
 */
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AbortedError, DeviceBusyError } from '../../../../errors.js'
import { tryLockExclusive } from './flock.js'

/** Folder of the lock files; default `<tmpdir>/vitest-hailo`. */
export const LOCK_DIR_ENV = 'VITEST_HAILO_LOCK_DIR'
/** Default wait for a held chip before failing. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000

/** Who holds the chip, as the holder wrote it. */
export interface LockHolder {
  readonly pid: number
  readonly command: string
  /** ISO time the lock was taken. */
  readonly since: string
}

/** A held chip lock. Release it once (closing the descriptor releases the kernel lock). */
export interface ChipLock {
  readonly path: string
  readonly holder: LockHolder
  /** How long the caller waited for it, in ms. */
  readonly waitedMs: number
  release(): void
}

/** Options of {@link acquireChipLock}. */
export interface AcquireOptions {
  /** Identifies the chip: a PCIe BDF, or `default` for "the chip HailoRT picks". */
  readonly chipId: string
  /** @defaultValue 30 000 */
  readonly timeoutMs?: number
  /** @defaultValue `VITEST_HAILO_LOCK_DIR` or `<tmpdir>/vitest-hailo` */
  readonly dir?: string
  readonly signal?: AbortSignal
  /** Poll interval while waiting. @defaultValue 50 */
  readonly pollMs?: number
}

/** The lock file of a chip. */
export function lockPath(chipId: string, dir = process.env[LOCK_DIR_ENV] || join(tmpdir(), 'vitest-hailo')): string {
  return join(dir, `hailo-${chipId.replace(/[^A-Za-z0-9._-]/g, '_')}.lock`)
}

/** Read who holds a lock file, if it says; `alive` tells whether that PID still runs. */
export function readHolder(path: string): (LockHolder & { alive: boolean }) | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>
    if (typeof parsed.pid !== 'number') return undefined
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? '?'),
      since: String(parsed.since ?? '?'),
      alive: isAlive(parsed.pid),
    }
  } catch {
    return undefined
  }
}

/**
 * Take the chip's lock, waiting up to `timeoutMs` while another process holds it.
 * @example
 * ```ts
 * const lock = await acquireChipLock({ chipId: 'default', timeoutMs: 10_000 })
 * try { ... } finally { lock.release() }
 * ```
 */
export async function acquireChipLock(options: AcquireOptions): Promise<ChipLock> {
  const dir = options.dir ?? (process.env[LOCK_DIR_ENV] || join(tmpdir(), 'vitest-hailo'))
  const path = lockPath(options.chipId, dir)
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS
  const pollMs = options.pollMs ?? 50
  mkdirSync(dir, { recursive: true, mode: 0o777 })
  const fd = openLockFile(path)
  const start = Date.now()
  try {
    while (!tryLockExclusive(fd)) {
      if (options.signal?.aborted) throw new AbortedError(`Waiting for the Hailo chip lock ${path} was aborted.`)
      const waited = Date.now() - start
      if (waited >= timeoutMs) throw busyError(path, waited)
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, timeoutMs - waited)))
    }
  } catch (error) {
    closeSync(fd)
    throw error
  }
  const holder: LockHolder = { pid: process.pid, command: commandLine(), since: new Date().toISOString() }
  try {
    ftruncateSync(fd, 0)
    writeSync(fd, JSON.stringify(holder), 0)
  } catch {
    // A read-only lock file (made by another user) still locks; it just cannot name us.
  }
  let released = false
  return {
    path,
    holder,
    waitedMs: Date.now() - start,
    release() {
      if (released) return
      released = true
      try {
        ftruncateSync(fd, 0)
      } catch {
        // read-only: nothing to clear
      }
      closeSync(fd) // drops the flock
    },
  }
}

function openLockFile(path: string): number {
  try {
    return openSync(path, 'a+', 0o666)
  } catch {
    return openSync(path, 'r')
  }
}

function busyError(path: string, waitedMs: number): DeviceBusyError {
  const holder = readHolder(path)
  const who = holder
    ? `process ${holder.pid} (${holder.command}), holding it since ${holder.since}${holder.alive ? '' : ' — that PID no longer runs; its lock should clear at once, try again'}`
    : 'a process that did not record itself (an older vitest-hailo, or a run outside it)'
  return new DeviceBusyError(
    [
      `The Hailo chip is held by ${who}.`,
      `Waited ${waitedMs} ms for the lock ${path} (lockTimeoutMs).`,
      'What to do: let that run finish or stop it; run chip tests with one worker (the vitest-hailo plugin turns file parallelism off for a physical chip); or raise lockTimeoutMs, keeping it below the hook timeout.',
    ].join('\n'),
  )
}

function commandLine(): string {
  const text = process.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')
  return text.length > 200 ? `${text.slice(0, 197)}...` : text
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
