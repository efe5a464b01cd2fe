// Child process for the chip-lock tests: takes flock(LOCK_EX) on the lock file given as argv[2],
// records itself the way vitest-hailo does ({ pid, command, since }), prints "locked", then waits
// to be killed. Plain JavaScript so it runs without a TypeScript loader.
import { ftruncateSync, openSync, writeSync } from 'node:fs'
import koffi from 'koffi'

const flock = koffi.load('libc.so.6').func('int flock(int fd, int operation)')
const fd = openSync(process.argv[2], 'a+')
if (flock(fd, 2 | 4) !== 0) {
  process.stdout.write('busy\n')
  process.exit(3)
}
ftruncateSync(fd, 0)
writeSync(
  fd,
  JSON.stringify({ pid: process.pid, command: 'hold-lock.mjs (test holder)', since: new Date().toISOString() }),
  0,
)
process.stdout.write('locked\n')
setInterval(() => {}, 1000)
