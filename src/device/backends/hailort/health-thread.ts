/**
 * The thread that listens to the board: HailoRT's device notifications, chip temperature and
 * throttling, for one physical device.
 *
 * Why a thread of its own: HailoRT calls a notification callback on its own notification thread. A
 * koffi callback called from a foreign thread is queued to the JavaScript thread of the koffi
 * instance that registered it, and the calling thread waits until it has run (koffi 3.3,
 * `CallData::RelayAsync`; its docs: "Koffi will queue the call back to JS to run on the main
 * thread, as soon as the JS event loop has a chance to run"). Registered on the test's thread, a
 * notification would hold HailoRT's thread for as long as that thread is busy (a synchronous
 * comparison, a 2 ms `Atomics.wait` of the reader). Registered here, on a thread that does nothing
 * else, the callback runs at once: it copies the 28-byte `hailo_notification_t`, reads the device's
 * inference counter (shared memory, so the run index is the one running when the event arrived, not
 * when JavaScript got to it) and posts both to the device.
 *
 * Release order (every path): `hailo_remove_notification_callback` for each id (on this thread) →
 * the vdevice released by the device (HailoRT joins its notification thread there, so no callback
 * is in flight after) → `koffi.unregister` here, and the thread ends. At process exit without a
 * dispose, the device removes the callbacks synchronously from the main thread (`exit` handler),
 * before Node tears this thread's koffi instance down.
 * @packageDocumentation
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { DeviceError } from '../../../errors.js'

/** One temperature / throttling reading, with the inference counter when it was taken. */
export interface BoardSample {
  /** Mean of the two sensors, °C; undefined when the chip refused (see `unavailable`). */
  readonly temperatureC?: number
  readonly throttling?: boolean
  /** The device's inference counter at the reading. */
  readonly counter: number
  /** `performance.timeOrigin + performance.now()` of the reading. */
  readonly at: number
  readonly unavailable: readonly string[]
}

/** A notification as the thread copied it. */
export interface RawNotification {
  readonly bytes: Uint8Array
  readonly counter: number
  readonly at: number
}

/** The thread's program (CommonJS, evaluated, like the reader thread's). */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads')
const koffi = require(workerData.koffi)
const lib = koffi.load(workerData.library)
const proto = koffi.proto('void vitest_hailo_notification_cb(uint64_t device, const void *notification, void *opaque)')
const set = lib.func('int hailo_set_notification_callback(uint64_t device, vitest_hailo_notification_cb *cb, int id, void *opaque)')
const remove = lib.func('int hailo_remove_notification_callback(uint64_t device, int id)')
const temperature = lib.func('int hailo_get_chip_temperature(uint64_t device, void *info)')
const throttling = lib.func('int hailo_get_throttling_state(uint64_t device, void *active)')
const device = workerData.device
const counter = new Int32Array(workerData.counter)
const now = () => performance.timeOrigin + performance.now()
const bytes = koffi.array('uint8_t', ${28}, 'Typed')
let callback = koffi.register((_device, notification) => {
  const copy = koffi.decode(notification, bytes)
  parentPort.postMessage({ op: 'event', bytes: copy, counter: Atomics.load(counter, 0), at: now() })
}, koffi.pointer(proto))
const info = Buffer.alloc(12)
const flag = Buffer.alloc(1)
function sample() {
  const unavailable = []
  const out = { op: 'sample', counter: Atomics.load(counter, 0), at: now(), unavailable }
  const t = temperature(device, info)
  if (t === 0) out.temperatureC = Math.round(((info.readFloatLE(0) + info.readFloatLE(4)) / 2) * 10) / 10
  else unavailable.push('hailo_get_chip_temperature: status ' + t)
  const s = throttling(device, flag)
  if (s === 0) out.throttling = flag[0] !== 0
  else unavailable.push('hailo_get_throttling_state: status ' + s)
  return out
}
let timer
parentPort.on('message', (m) => {
  if (m.op === 'register') parentPort.postMessage({ op: 'registered', statuses: m.ids.map((id) => set(device, callback, id, null)) })
  else if (m.op === 'sample') parentPort.postMessage({ ...sample(), id: m.id })
  else if (m.op === 'watch') { clearInterval(timer); timer = setInterval(() => parentPort.postMessage(sample()), m.everyMs) }
  else if (m.op === 'unwatch') { clearInterval(timer); timer = undefined; parentPort.postMessage({ op: 'unwatched' }) }
  else if (m.op === 'remove') { clearInterval(timer); parentPort.postMessage({ op: 'removed', statuses: m.ids.map((id) => remove(device, id)) }) }
  else if (m.op === 'unregister') {
    if (callback !== undefined) koffi.unregister(callback)
    callback = undefined
    parentPort.postMessage({ op: 'unregistered' })
    parentPort.close()
  }
})
`

type Reply = { op: string; id?: number; statuses?: number[] } & Partial<BoardSample> & Partial<RawNotification>

/** The listening thread of one physical device. */
export class HealthThread {
  readonly #worker: Worker
  readonly #counter: Int32Array
  #nextId = 1
  readonly #waiting = new Map<string, (reply: Reply) => void>()
  #dead: Error | undefined
  #unregistered = false
  /** Called on the JavaScript thread for every notification and every unsolicited sample. */
  onNotification: (n: RawNotification) => void = () => {}
  onSample: (s: BoardSample) => void = () => {}

  private constructor(library: string, device: bigint, counter: Int32Array) {
    const koffi = createRequire(import.meta.url).resolve('koffi')
    this.#counter = counter
    this.#worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { koffi, library, device, counter: counter.buffer },
    })
    // The thread must never keep the process alive; its pending requests are awaited by callers.
    this.#worker.unref()
    this.#worker.on('message', (m: Reply) => this.#receive(m))
    const fail = (error: Error) => {
      this.#dead ??= error
      for (const resolve of this.#waiting.values()) resolve({ op: 'dead' })
      this.#waiting.clear()
    }
    this.#worker.once('error', fail)
    this.#worker.once('exit', (code) =>
      fail(new DeviceError('E_HEALTH_THREAD_EXITED', `The board health thread exited (code ${code}).`)),
    )
  }

  /** Start the thread for `device` (a `hailo_device` address) of `library`; `counter[0]` counts inferences. */
  static start(library: string, device: bigint, counter: Int32Array): HealthThread {
    return new HealthThread(library, device, counter)
  }

  /** True once the koffi callback has been unregistered (the thread's last act). */
  get unregistered(): boolean {
    return this.#unregistered
  }

  /** The inference counter the callback reads. */
  get counter(): Int32Array {
    return this.#counter
  }

  #receive(m: Reply): void {
    if (m.op === 'event') {
      this.onNotification({ bytes: m.bytes!, counter: m.counter!, at: m.at! })
      return
    }
    if (m.op === 'sample' && m.id === undefined) {
      this.onSample(m as BoardSample)
      return
    }
    const key = m.op === 'sample' ? `sample:${m.id}` : m.op
    const resolve = this.#waiting.get(key)
    this.#waiting.delete(key)
    resolve?.(m)
  }

  async #ask(message: object, answer: string): Promise<Reply> {
    if (this.#dead) throw this.#dead
    const reply = new Promise<Reply>((resolve) => this.#waiting.set(answer, resolve))
    this.#worker.postMessage(message)
    const got = await reply
    if (got.op === 'dead') throw this.#dead
    return got
  }

  /** `hailo_set_notification_callback` for each id; the statuses, in order. */
  async register(ids: readonly number[]): Promise<number[]> {
    return (await this.#ask({ op: 'register', ids }, 'registered')).statuses!
  }

  /** Read temperature and throttling now. */
  async sample(): Promise<BoardSample> {
    const id = this.#nextId++
    return (await this.#ask({ op: 'sample', id }, `sample:${id}`)) as BoardSample
  }

  /** Sample every `everyMs` (delivered to {@link onSample}) until {@link unwatch}. */
  watch(everyMs: number): void {
    if (!this.#dead) this.#worker.postMessage({ op: 'watch', everyMs })
  }

  /** Stop sampling; resolves once every earlier message of the thread has been received. */
  async unwatch(): Promise<void> {
    await this.#ask({ op: 'unwatch' }, 'unwatched')
  }

  /** `hailo_remove_notification_callback` for each id; the statuses. */
  async remove(ids: readonly number[]): Promise<number[]> {
    return (await this.#ask({ op: 'remove', ids }, 'removed')).statuses!
  }

  /** `koffi.unregister` the callback and end the thread. Only once HailoRT can no longer call it. */
  async unregister(): Promise<void> {
    if (this.#dead) return
    this.#worker.ref()
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()))
    await this.#ask({ op: 'unregister' }, 'unregistered')
    this.#unregistered = true
    await exited
  }
}
