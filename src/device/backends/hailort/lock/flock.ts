/**
 * `flock(2)` through koffi: an advisory lock the kernel drops when the last descriptor of the open
 * file closes, including when the process dies (SIGKILL too). That is why the chip lock uses it
 * rather than a PID file, which a killed process leaves behind.
 * @packageDocumentation
 */
import koffi from 'koffi'
import { configureKoffiStacks } from '../ffi/koffi-stacks.js'

const LOCK_EX = 2
const LOCK_NB = 4
const LOCK_UN = 8

type Flock = (fd: number, operation: number) => number
let flockFn: Flock | undefined

function libcFlock(): Flock {
  if (!flockFn) {
    // glibc (Debian, Raspberry Pi OS); musl names its libc differently.
    const names = ['libc.so.6', 'libc.so', 'libc.musl-aarch64.so.1', 'libc.musl-x86_64.so.1']
    let lastError: unknown
    configureKoffiStacks()
    for (const name of names) {
      try {
        flockFn = koffi.load(name).func('int flock(int fd, int operation)') as unknown as Flock
        break
      } catch (error) {
        lastError = error
      }
    }
    if (!flockFn) throw new Error(`cannot load the C library to call flock(2): ${String(lastError)}`)
  }
  return flockFn
}

/** Try to take an exclusive lock on `fd` without waiting: true when taken, false when someone holds it. */
export function tryLockExclusive(fd: number): boolean {
  if (libcFlock()(fd, LOCK_EX | LOCK_NB) === 0) return true
  const errno = koffi.errno()
  if (errno === koffi.os.errno.EWOULDBLOCK || errno === koffi.os.errno.EAGAIN || errno === koffi.os.errno.EINTR)
    return false
  throw new Error(`flock(LOCK_EX) failed with errno ${errno}`)
}

/** Drop the lock early (closing the descriptor drops it too). */
export function unlock(fd: number): void {
  libcFlock()(fd, LOCK_UN)
}
