// Bench row (owner: HAILORT): per-inference overhead of the koffi path against the same loop
// written in C, both against the libhailort double, 224×224×3 uint8 frame, the thread hand-off that
// keeps a stuck chip from freezing the worker included. Target (issue 3): ≤ 20 µs per inference.
// Needs `npm run build` (dist/) and `cc`.
//
// Method: the machine is shared, so the C loop and every JavaScript variant run in alternation,
// `rounds` times `runs` inferences each; the overhead of a variant is the median over rounds of
// (variant − C loop of the same round), in wall time and in CPU time (every thread of the process:
// it moves much less than wall time with the load of other processes).
// Run alone: node bench/koffi-overhead.mjs [runs] [rounds]; or import { run } for the bench table.
import { execFileSync } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { loadavg, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildBenchLoop, buildDouble } from '../native/build.mjs'

const root = new URL('..', import.meta.url)
const dist = (p) => import(new URL(`dist/src/${p}`, root).href)

const MODEL = [
  'HAILORT-DOUBLE-HEF 1',
  'network_group bench 0',
  'vstream in bench/input uint8 NHWC 224 224 3 0 1 0 255',
  'vstream out bench/logits uint8 NC 1 1 1000 128 0.05 -6.4 6.35',
  '',
].join('\n')

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Time `runs` calls of an async function: µs per call, wall and CPU. */
async function timed(runs, fn) {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < runs; i++) await fn()
  const wall = ((performance.now() - t0) * 1000) / runs
  const cpu = process.cpuUsage(c0)
  return { wall, cpu: (cpu.user + cpu.system) / runs }
}

/** Measure; returns the rows of the bench table. */
export async function run({ runs = 300, rounds = 15 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'koffi-overhead-'))
  const model = join(dir, 'bench.hef')
  writeFileSync(model, MODEL)
  const libPath = buildDouble({ version: '4.23.0' })
  Object.assign(process.env, {
    HAILORT_LIB: libPath,
    VITEST_HAILO_LOCK_DIR: join(dir, 'locks'),
    HAILORT_LOGGER_PATH: dir,
  })
  // Each holder of a vdevice gets its own "chip" file: they run side by side, in alternation.
  const chip = (name) => {
    process.env.HAILORT_DOUBLE_CHIP = join(dir, name)
  }
  const loop = buildBenchLoop()
  const cLoop = () => {
    const out = execFileSync(loop, [libPath, model, String(runs)], {
      env: { ...process.env, HAILORT_DOUBLE_CHIP: join(dir, 'c-chip') },
    }).toString()
    const { usPerInference, cpuUsPerInference } = JSON.parse(out)
    return { wall: usPerInference, cpu: cpuUsPerInference }
  }

  const { loadHailort } = await dist('device/backends/hailort/ffi/library.js')
  const { setupNetwork } = await dist('device/backends/hailort/network-setup.js')
  const { ReleaseStack } = await dist('device/backends/hailort/release-stack.js')
  const { ReaderThread } = await dist('device/backends/hailort/reader-thread.js')
  const lib = loadHailort()
  const frame = new Uint8Array(224 * 224 * 3).map((_, i) => (i * 31) & 255)

  // The binding alone, on a vdevice of its own.
  chip('binding-chip')
  const out = [null]
  if ((await lib.callAsync('hailo_create_vdevice', null, out)) !== 0) throw new Error('cannot open the double')
  const vdevice = out[0]
  const stack = new ReleaseStack()
  const net = await setupNetwork(
    lib,
    vdevice,
    { bytes: new Uint8Array(0), path: model, source: model, format: 'raw' },
    stack,
  )
  const input = net.inputs.handles[0]
  const output = net.outputs.handles[0]
  const result = new Uint8Array(net.outputs.frameBytes[0])
  const shared = new SharedArrayBuffer(net.outputs.frameBytes[0])
  const reader = ReaderThread.start(lib.path)
  await reader.bind([{ handle: output, buffer: shared }])
  const sharedView = new Uint8Array(shared)
  const echo = startEcho()

  // The whole public path, on a device of its own.
  chip('device-chip')
  const { openDevice } = await dist('index.js')
  const device = await openDevice('hailo')
  const loaded = await device.load(model, { format: 'raw' })
  const tensor = { data: frame, shape: [1, 224, 224, 3], dtype: 'uint8' }

  const variants = {
    // What HailoModel does: synchronous write (one frame in flight), reader-thread read, copy out.
    path: async () => {
      if (lib.call('hailo_vstream_write_raw_buffer', input, frame, frame.byteLength) !== 0)
        throw new Error('write failed')
      const { status } = await reader.read()
      if (status !== 0) throw new Error(`read failed: ${status}`)
      return sharedView.slice()
    },
    infer: () => loaded.infer(tensor),
    // The decomposition. Both reads on the JavaScript thread (not allowed in the product: a stuck
    // chip would freeze the worker): what koffi itself costs over C.
    syncCalls: () => {
      if (lib.call('hailo_vstream_write_raw_buffer', input, frame, frame.byteLength) !== 0)
        throw new Error('write failed')
      if (lib.call('hailo_vstream_read_raw_buffer', output, result, result.byteLength) !== 0)
        throw new Error('read failed')
      return result.slice()
    },
    // The same, plus one bare round trip to a thread that does nothing (no koffi, no HailoRT): the
    // floor of any design that keeps the blocking read off the JavaScript thread, on this machine.
    handoff: () => {
      if (lib.call('hailo_vstream_write_raw_buffer', input, frame, frame.byteLength) !== 0)
        throw new Error('write failed')
      if (lib.call('hailo_vstream_read_raw_buffer', output, result, result.byteLength) !== 0)
        throw new Error('read failed')
      echo.roundTrip()
      return result.slice()
    },
    // An alternative to measure against the reader thread: the write synchronous, the read one koffi async call
    // (libuv's thread pool instead of a thread of our own; the stuck-chip timeout would then rest on HailoRT's).
    syncWriteAsyncRead: async () => {
      if (lib.call('hailo_vstream_write_raw_buffer', input, frame, frame.byteLength) !== 0)
        throw new Error('write failed')
      if ((await lib.callAsync('hailo_vstream_read_raw_buffer', output, result, result.byteLength)) !== 0)
        throw new Error('read failed')
      return result.slice()
    },
    // For comparison: the previous path, one koffi async call for the write and one per output.
    asyncCalls: async () => {
      await lib.callAsync('hailo_vstream_write_raw_buffer', input, frame, frame.byteLength)
      await lib.callAsync('hailo_vstream_read_raw_buffer', output, result, result.byteLength)
    },
    noop: () => lib.callAsync('hailo_flush_input_vstream', input),
  }
  for (const fn of Object.values(variants)) await timed(Math.max(50, runs >> 2), fn)
  cLoop()

  const samples = { c: [], ...Object.fromEntries(Object.keys(variants).map((k) => [k, []])) }
  for (let r = 0; r < rounds; r++) {
    samples.c.push(cLoop())
    for (const [name, fn] of Object.entries(variants)) samples[name].push(await timed(runs, fn))
  }
  await device.dispose()
  await echo.close()
  await reader.close()
  await stack.releaseAll()
  await lib.callAsync('hailo_release_vdevice', vdevice)

  const stat = (name, key) => median(samples[name].map((s) => s[key]))
  const over = (name, key) => median(samples[name].map((s, r) => s[key] - samples.c[r][key]))
  const row = (name, label, target) => ({
    name: label,
    usPerInference: stat(name, 'wall'),
    cpuUsPerInference: stat(name, 'cpu'),
    ...(name === 'c' || name === 'noop' ? {} : { overheadUs: over(name, 'wall'), cpuOverheadUs: over(name, 'cpu') }),
    ...(target ? { targetUs: target, pass: over(name, 'wall') <= target } : {}),
  })
  return [
    row('c', 'C loop against the double (write + read)'),
    row('path', 'koffi path: sync write + reader thread', 20),
    row('infer', 'model.infer() (validation, checks, timing)'),
    row('syncCalls', 'koffi sync write + sync read (no thread)'),
    row('handoff', 'same + bare round trip to an idle thread'),
    row('syncWriteAsyncRead', 'alternative: sync write + koffi async read'),
    row('asyncCalls', 'before: koffi async write + async read'),
    row('noop', 'one koffi async call that does no work'),
  ]
}

/**
 * A thread that answers a shared counter and does nothing else: one round trip is two wake-ups
 * (JavaScript thread → thread → JavaScript thread), the blocking-wait pattern the reader uses.
 */
function startEcho() {
  const control = new Int32Array(new SharedArrayBuffer(8))
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads')
const c = new Int32Array(workerData)
for (let seen = 0; ; ) {
  Atomics.wait(c, 0, seen)
  seen = Atomics.load(c, 0)
  if (seen < 0) break
  Atomics.store(c, 1, seen)
  Atomics.notify(c, 1)
}`,
    { eval: true, workerData: control.buffer },
  )
  let sequence = 0
  return {
    roundTrip() {
      const request = ++sequence
      Atomics.store(control, 0, request)
      Atomics.notify(control, 0)
      while (Atomics.load(control, 1) !== request) Atomics.wait(control, 1, request - 1)
    },
    close() {
      Atomics.store(control, 0, -1)
      Atomics.notify(control, 0)
      return new Promise((resolve) => worker.once('exit', resolve))
    },
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = loadavg()
  const rows = await run({ runs: Number(process.argv[2] ?? 300), rounds: Number(process.argv[3] ?? 15) })
  const after = loadavg()
  console.log(
    `koffi overhead per inference, 224×224×3 uint8 frame, libhailort double (medians over alternating rounds; ` +
      `load ${before[0].toFixed(1)} → ${after[0].toFixed(1)} on ${cpus().length} cores):`,
  )
  for (const r of rows) {
    const extra =
      r.overheadUs === undefined
        ? ''
        : `  overhead ${r.overheadUs.toFixed(1)} µs (CPU ${r.cpuOverheadUs.toFixed(1)} µs)${r.targetUs ? ` (target ≤ ${r.targetUs} µs: ${r.pass ? 'ok' : 'OVER'})` : ''}`
    console.log(
      `  ${r.name.padEnd(46)} ${r.usPerInference.toFixed(1).padStart(8)} µs  CPU ${r.cpuUsPerInference.toFixed(1).padStart(7)} µs${extra}`,
    )
  }
}
