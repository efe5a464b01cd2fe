// Child process for the chip-lock tests: tries flock(LOCK_EX | LOCK_NB) on argv[2] and prints
// { busy, content } as JSON, so a test can see the lock and the holder record from outside.
import { closeSync, openSync, readFileSync } from 'node:fs'
import koffi from 'koffi'

const flock = koffi.load('libc.so.6').func('int flock(int fd, int operation)')
const fd = openSync(process.argv[2], 'a+')
const busy = flock(fd, 2 | 4) !== 0
process.stdout.write(JSON.stringify({ busy, content: readFileSync(process.argv[2], 'utf8') }) + '\n')
closeSync(fd)
