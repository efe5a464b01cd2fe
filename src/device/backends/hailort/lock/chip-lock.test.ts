import { afterEach, describe, expect, it } from 'vitest'
import { AbortedError, DeviceBusyError } from '../../../../errors.js'
import { startHelper, type Helper } from '../test-support/child.js'
import { scratchDir } from '../test-support/double.js'
import { acquireChipLock, lockPath, readHolder } from './chip-lock.js'

const helpers: Helper[] = []
afterEach(async () => {
  for (const h of helpers.splice(0)) await h.kill()
})

describe('the cross-process chip lock', () => {
  it('is taken, records its holder, and is seen as held from another process', async () => {
    const dir = scratchDir()
    const lock = await acquireChipLock({ chipId: 'default', dir })
    try {
      expect(lock.path).toBe(lockPath('default', dir))
      expect(lock.holder.pid).toBe(process.pid)
      const probe = await startHelper('probe-lock.mjs', [lock.path])
      const seen = JSON.parse(probe.firstLine) as { busy: boolean; content: string }
      expect(seen.busy).toBe(true)
      expect(JSON.parse(seen.content)).toMatchObject({ pid: process.pid, since: lock.holder.since })
    } finally {
      lock.release()
    }
    const probe = await startHelper('probe-lock.mjs', [lockPath('default', dir)])
    expect(JSON.parse(probe.firstLine)).toEqual({ busy: false, content: '' })
  })

  it('waits for a holder in another process, then fails naming it (PID, command, since)', async () => {
    const dir = scratchDir()
    const holder = await startHelper('hold-lock.mjs', [lockPath('0000:01:00.0', dir)])
    helpers.push(holder)
    expect(holder.firstLine).toBe('locked')
    const started = Date.now()
    const error = await acquireChipLock({ chipId: '0000:01:00.0', dir, timeoutMs: 200 }).catch((e: unknown) => e)
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(error).toBeInstanceOf(DeviceBusyError)
    expect((error as Error).message).toMatch(
      new RegExp(`process ${holder.child.pid} \\(hold-lock\\.mjs \\(test holder\\)\\), holding it since \\d{4}-`),
    )
    expect((error as Error).message).toMatch(/Waited \d+ ms[\s\S]*lockTimeoutMs/)
  })

  it('is released by the kernel when its holder is killed with SIGKILL', async () => {
    const dir = scratchDir()
    const holder = await startHelper('hold-lock.mjs', [lockPath('default', dir)])
    const waiting = acquireChipLock({ chipId: 'default', dir, timeoutMs: 5000 })
    await new Promise((r) => setTimeout(r, 100))
    await holder.kill()
    const lock = await waiting
    expect(lock.holder.pid).toBe(process.pid)
    expect(readHolder(lock.path)).toMatchObject({ pid: process.pid, alive: true })
    lock.release()
  })

  it('hands the chip over inside one process as soon as it is released', async () => {
    const dir = scratchDir()
    const first = await acquireChipLock({ chipId: 'default', dir })
    setTimeout(() => first.release(), 80)
    const second = await acquireChipLock({ chipId: 'default', dir, timeoutMs: 3000 })
    expect(second.waitedMs).toBeGreaterThanOrEqual(50)
    second.release()
    second.release() // idempotent
  })

  it('stops waiting when the signal aborts', async () => {
    const dir = scratchDir()
    const first = await acquireChipLock({ chipId: 'default', dir })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    await expect(
      acquireChipLock({ chipId: 'default', dir, timeoutMs: 5000, signal: controller.signal }),
    ).rejects.toThrow(AbortedError)
    first.release()
  })

  it('names the lock file after the chip, with nothing a path could escape through', () => {
    expect(lockPath('0001:01:00.0', '/x')).toBe('/x/hailo-0001_01_00.0.lock')
    expect(lockPath('../../etc', '/x')).toBe('/x/hailo-.._.._etc.lock')
  })
})
