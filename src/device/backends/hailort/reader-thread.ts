/**
 * The output side of an inference, read off the JavaScript thread by one long-lived reader thread:
 * HailoRT's reads block, and a koffi async call per read costs more than the thread's two wake-ups.
 * The JavaScript thread blocks briefly ({@link SYNC_WAIT_MS}), then waits asynchronously, so a stuck
 * chip never freezes it. The design, its measurements and the alternatives tried are in this folder's
 * README ("Inference" and "Performance").
 * @packageDocumentation
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { DeviceError } from '../../../errors.js'

/**
 * How long the JavaScript thread may block waiting for the outputs before yielding to the event
 * loop. Short enough to be invisible to timers and abort signals; long enough that a chip answering
 * within it costs no event-loop round trip.
 */
export const SYNC_WAIT_MS = 2

/** Slots of the control word array. */
const REQUEST = 0
const DONE = 1
const STATUS = 2
const FAILED_OUTPUT = 3
const KIND = 4
const SLOTS = 5
/** Request kinds. */
const READ = 0
const BIND = 1
const STOP = 2

/**
 * The thread's program (CommonJS, evaluated: no file to resolve in `dist` or under Vitest). It never
 * returns to its event loop: it sleeps in `Atomics.wait` until asked, and takes a "bind" message
 * synchronously from its port.
 */
const PROGRAM = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads')
const koffi = require(workerData.koffi)
const read = koffi.load(workerData.library).func('int hailo_vstream_read_raw_buffer(uint64_t vstream, void *buffer, size_t size)')
const ctrl = new Int32Array(workerData.control)
let outputs = []
for (let seen = 0; ; ) {
  Atomics.wait(ctrl, ${REQUEST}, seen)
  const request = Atomics.load(ctrl, ${REQUEST})
  if (request === seen) continue
  seen = request
  const kind = ctrl[${KIND}]
  if (kind === ${STOP}) break
  let status = 0
  let failed = -1
  if (kind === ${BIND}) {
    outputs = receiveMessageOnPort(parentPort).message.map((o) => ({ handle: o.handle, view: new Uint8Array(o.buffer) }))
  } else if (kind === ${READ}) {
    for (let i = 0; i < outputs.length && status === 0; i++) {
      status = read(outputs[i].handle, outputs[i].view, outputs[i].view.byteLength)
      if (status !== 0) failed = i
    }
  }
  ctrl[${STATUS}] = status
  ctrl[${FAILED_OUTPUT}] = failed
  Atomics.store(ctrl, ${DONE}, request)
  Atomics.notify(ctrl, ${DONE})
}
`

/** `Atomics.waitAsync` (Node ≥ 16), not yet in the TypeScript lib this project targets. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> }
  }
).waitAsync

/** One output vstream the thread reads, into a buffer shared with the JavaScript thread. */
export interface ReaderOutput {
  readonly handle: bigint
  readonly buffer: SharedArrayBuffer
}

/** What a read returned: HailoRT's status, and which output failed (-1 when none did). */
export interface ReadResult {
  readonly status: number
  readonly failedOutput: number
}

/** A thread that reads a model's output vstreams on request. */
export class ReaderThread {
  readonly #worker: Worker
  readonly #control = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT))
  #sequence = 0
  #dead: Error | undefined
  readonly #exited: Promise<Error>

  private constructor(library: string) {
    const koffi = createRequire(import.meta.url).resolve('koffi')
    this.#worker = new Worker(PROGRAM, { eval: true, workerData: { koffi, library, control: this.#control.buffer } })
    // An idle reader must not keep the process alive; a pending read refs it (see read()).
    this.#worker.unref()
    this.#exited = new Promise((resolve) => {
      const fail = (error: Error) => {
        this.#dead ??= error
        resolve(this.#dead)
      }
      this.#worker.once('error', fail)
      this.#worker.once('exit', (code) =>
        fail(new DeviceError('E_READER_EXITED', `The HailoRT reader thread exited (code ${code}).`)),
      )
    })
  }

  /** False once the thread has exited or failed. */
  get alive(): boolean {
    return this.#dead === undefined
  }

  /**
   * Start a reader thread on `library` (the path or soname libhailort was loaded from). The thread
   * declares the read with `uint64_t` for the vstream handle: the same register as the pointer on
   * the LP64 platforms HailoRT ships for (x86_64, aarch64), without koffi's handle types there.
   */
  static start(library: string): ReaderThread {
    return new ReaderThread(library)
  }

  /** Give the thread the outputs of the model it serves next (their handles and shared buffers). */
  async bind(outputs: readonly ReaderOutput[]): Promise<void> {
    this.#worker.postMessage(outputs.map((o) => ({ handle: o.handle, buffer: o.buffer })))
    await this.#request(BIND)
  }

  /**
   * Read one frame of every bound output. Call once per written frame, one call at a time.
   * Resolves when the thread's reads have returned: HailoRT's vstream timeout bounds them.
   */
  read(): Promise<ReadResult> {
    return this.#request(READ)
  }

  async #request(kind: number): Promise<ReadResult> {
    if (this.#dead) throw this.#dead
    const control = this.#control
    const before = this.#sequence
    const request = ++this.#sequence
    control[KIND] = kind
    Atomics.store(control, REQUEST, request)
    Atomics.notify(control, REQUEST)
    if (Atomics.wait(control, DONE, before, SYNC_WAIT_MS) === 'timed-out' && Atomics.load(control, DONE) !== request) {
      // Slow or stuck chip: wait without blocking the JavaScript thread. `waitAsync` alone does not
      // keep the event loop alive; the referenced worker does, for as long as the read is pending.
      this.#worker.ref()
      try {
        const waiting = waitAsync(control, DONE, before)
        const outcome = waiting.async ? await Promise.race([waiting.value, this.#exited]) : waiting.value
        if (outcome instanceof Error) throw outcome
      } finally {
        this.#worker.unref()
      }
    }
    return { status: control[STATUS]!, failedOutput: control[FAILED_OUTPUT]! }
  }

  /** Stop the thread (after its current read, if any, has returned). */
  async close(): Promise<void> {
    if (this.#dead) return
    this.#control[KIND] = STOP
    Atomics.store(this.#control, REQUEST, ++this.#sequence)
    Atomics.notify(this.#control, REQUEST)
    this.#worker.ref()
    await this.#exited
  }
}

/**
 * Reader threads of one device: a model takes one at its first inference and gives it back when it
 * is disposed, so loading and disposing many models starts few threads (a thread costs tens of ms
 * to start: it loads koffi and libhailort).
 */
export class ReaderPool {
  readonly #library: string
  readonly #idle: ReaderThread[] = []
  readonly #all = new Set<ReaderThread>()

  constructor(library: string) {
    this.#library = library
  }

  /** An idle thread, or a new one. */
  acquire(): ReaderThread {
    const reader = this.#idle.pop() ?? ReaderThread.start(this.#library)
    this.#all.add(reader)
    return reader
  }

  /** Give back a thread whose last read has returned. */
  release(reader: ReaderThread): void {
    if (!this.#all.has(reader)) return
    if (reader.alive) this.#idle.push(reader)
    else this.#all.delete(reader)
  }

  /** Stop every thread (the device is being disposed: no read is pending). */
  async close(): Promise<void> {
    const readers = [...this.#all]
    this.#all.clear()
    this.#idle.length = 0
    await Promise.all(readers.map((r) => r.close()))
  }
}
