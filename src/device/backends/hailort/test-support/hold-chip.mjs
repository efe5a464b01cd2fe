// Child process for the cross-process device tests: opens a vdevice on the libhailort double given
// as argv[2] (its chip file comes from HAILORT_DOUBLE_CHIP) without any vitest-hailo lock — like a
// demo app holding /dev/hailo0 — prints "held <status>", then waits to be killed.
import koffi from 'koffi'

const lib = koffi.load(process.argv[2])
koffi.opaque('_vd')
const create = lib.func('int hailo_create_vdevice(void *params, _Out_ _vd **vdevice)')
const out = [null]
const status = create(null, out)
process.stdout.write(`held ${status}\n`)
if (status !== 0) process.exit(3)
setInterval(() => {}, 1000)
