/**
 * Board health of a Hailo device: the {@link BoardHealthSource} behind `HailoDevice.health`. A
 * {@link HealthThread} listens to HailoRT's notifications and reads temperature and throttling;
 * each check opens a window and gets back what happened during its own inferences.
 * @packageDocumentation
 */
import type {
  BoardHealth,
  BoardHealthSource,
  HealthEvent,
  HealthEventKind,
  HealthWindow,
  ThrottledRuns,
} from '../../../health/types.js'
import { DeviceError } from '../../../errors.js'
import type { HailortLibrary } from './ffi/library.js'
import { decodeNotification } from './ffi/notification-structs.js'
import { LISTENED_IDS } from './ffi/notification-ids.js'
import { statusName } from './ffi/status.js'
import type { Handle } from './ffi/types.js'
import { HealthThread, type BoardSample } from './health-thread.js'

/** How often an open window samples temperature and throttling. */
export const DEFAULT_SAMPLE_EVERY_MS = 1000

/** The events that can mean the values are wrong: the board, not the model, is suspect. */
export const SUSPECT_EVENTS: ReadonlySet<HealthEventKind> = new Set([
  'dataflow-shutdown',
  'overcurrent',
  'lcu-ecc-uncorrectable',
  'lcu-ecc-correctable',
  'cpu-ecc-error',
  'cpu-ecc-fatal',
  'runtime-error',
])

interface OpenWindow {
  readonly counter0: number
  readonly at0: number
  readonly samples: BoardSample[]
  readonly events: HealthEvent[]
  readonly clockDown: number[]
}

/** Options of {@link HailoBoardHealth.start}. */
export interface BoardHealthOptions {
  readonly sampleEveryMs?: number
}

/** Watches one physical device for as long as the device is open. */
export class HailoBoardHealth implements BoardHealthSource {
  readonly #lib: HailortLibrary
  readonly #device: Handle
  readonly #thread: HealthThread
  readonly #registered: number[]
  readonly #notes: string[]
  readonly #windows = new Set<OpenWindow>()
  readonly #sampleEveryMs: number
  #removed = false
  readonly #onExit = (): void => this.removeNowSync()

  private constructor(
    lib: HailortLibrary,
    device: Handle,
    thread: HealthThread,
    registered: number[],
    notes: string[],
    options: BoardHealthOptions,
  ) {
    this.#lib = lib
    this.#device = device
    this.#thread = thread
    this.#registered = registered
    this.#notes = notes
    this.#sampleEveryMs = options.sampleEveryMs ?? DEFAULT_SAMPLE_EVERY_MS
    thread.onNotification = (n) => this.#notify(n.bytes, n.counter, n.at)
    thread.onSample = (s) => {
      for (const w of this.#windows) w.samples.push(s)
    }
    // Teardown without a dispose: remove the callbacks before Node ends the thread's koffi instance.
    process.once('exit', this.#onExit)
  }

  /**
   * Start watching `device` (a `hailo_device`): a thread, and a callback for every notification id
   * that can matter to a check. An id HailoRT refuses is noted, not fatal.
   */
  static async start(lib: HailortLibrary, device: Handle, options: BoardHealthOptions = {}): Promise<HailoBoardHealth> {
    const thread = HealthThread.start(lib.path, device, new Int32Array(new SharedArrayBuffer(4)))
    let statuses: number[]
    try {
      statuses = await thread.register(LISTENED_IDS)
    } catch (error) {
      await thread.unregister()
      throw error
    }
    const registered = LISTENED_IDS.filter((_, i) => statuses[i] === 0)
    const notes = LISTENED_IDS.flatMap((id, i) =>
      statuses[i] === 0 ? [] : [`hailo_set_notification_callback(${id}): ${statusName(statuses[i]!)}`],
    )
    return new HailoBoardHealth(lib, device, thread, registered, notes, options)
  }

  /** Notification ids whose callback is set. */
  get registeredIds(): readonly number[] {
    return this.#removed ? [] : this.#registered
  }

  /** True once the koffi callback is unregistered (the last release step). */
  get callbackUnregistered(): boolean {
    return this.#thread.unregistered
  }

  /** Count one inference on this device (called before its first write). */
  countInference(): void {
    Atomics.add(this.#thread.counter, 0, 1)
  }

  async openWindow(): Promise<HealthWindow> {
    const before = await this.#thread.sample()
    const window: OpenWindow = {
      counter0: before.counter,
      at0: before.at,
      samples: [before],
      events: [],
      clockDown: [],
    }
    if (this.#windows.size === 0) this.#thread.watch(this.#sampleEveryMs)
    this.#windows.add(window)
    return { close: () => this.#close(window) }
  }

  async #close(window: OpenWindow): Promise<BoardHealth> {
    if (!this.#windows.has(window)) throw new Error('this health window is already closed')
    // The sample's answer comes after every event the thread posted before it: none is lost.
    const after = await this.#thread.sample()
    window.samples.push(after)
    this.#windows.delete(window)
    if (this.#windows.size === 0) await this.#thread.unwatch()
    return summarize(window, after, this.#notes)
  }

  #notify(bytes: Uint8Array, counter: number, at: number): void {
    const n = decodeNotification(bytes, this.#lib.family)
    if (n.kind === undefined) return
    for (const w of this.#windows) {
      const run = counter - w.counter0
      w.events.push({
        kind: n.kind,
        run,
        atMs: Math.round(at - w.at0),
        detail: n.detail,
        suspect: SUSPECT_EVENTS.has(n.kind),
      })
      if (n.kind === 'clock-changed' && / → /.test(n.detail)) {
        const [from, to] = n.detail.match(/[\d.]+/g)!.map(Number)
        if (to! < from!) w.clockDown.push(run)
      }
    }
  }

  /**
   * Release around the vdevice's own release: callbacks removed before it; the koffi callback unregistered
   * after, once HailoRT has joined its notification thread (so none is in flight), even if it failed.
   */
  async releaseAround(releaseVDevice: () => Promise<void>): Promise<void> {
    const removal = await this.removeCallbacks()
    try {
      await releaseVDevice()
    } finally {
      await this.unregister()
    }
    if (removal.length > 0)
      throw new DeviceError(
        'E_HEALTH_RELEASE',
        `Removing the board's notification callbacks failed: ${removal.join('; ')}`,
      )
  }

  /** Release step 1 (before the vdevice is released): remove every callback. Returns failures as text. */
  async removeCallbacks(): Promise<string[]> {
    if (this.#removed) return []
    this.#removed = true
    process.removeListener('exit', this.#onExit)
    const statuses = await this.#thread.remove(this.#registered)
    return this.#registered.flatMap((id, i) =>
      statuses[i] === 0 ? [] : [`hailo_remove_notification_callback(${id}): ${statusName(statuses[i]!)}`],
    )
  }

  /** Release step 3 (after the vdevice is released: HailoRT's notification thread has been joined). */
  async unregister(): Promise<void> {
    await this.#thread.unregister()
  }

  /** Process exit without a dispose: remove the callbacks synchronously from this thread. */
  removeNowSync(): void {
    if (this.#removed) return
    this.#removed = true
    for (const id of this.#registered) this.#lib.call('hailo_remove_notification_callback', this.#device, id)
  }
}

/**
 * Start watching the board behind a vdevice's physical device, or say why it cannot be watched. Watching
 * is an addition: a device that infers is opened even when its board cannot be watched.
 */
export async function startBoardHealth(
  lib: HailortLibrary,
  physical: Handle | undefined,
): Promise<{ health: HailoBoardHealth | undefined; healthUnavailable: string | undefined }> {
  if (physical === undefined) return { health: undefined, healthUnavailable: 'no physical device behind the vdevice' }
  try {
    return { health: await HailoBoardHealth.start(lib, physical), healthUnavailable: undefined }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { health: undefined, healthUnavailable: `the board health thread did not start: ${why}` }
  }
}

function summarize(window: OpenWindow, after: BoardSample, notes: readonly string[]): BoardHealth {
  const inferences = after.counter - window.counter0
  const temperatures = window.samples.flatMap((s) => (s.temperatureC === undefined ? [] : [s.temperatureC]))
  const before = window.samples[0]!
  const unavailable = [...new Set([...notes, ...window.samples.flatMap((s) => s.unavailable)])]
  return {
    temperatureC: {
      ...(before.temperatureC === undefined ? {} : { before: before.temperatureC }),
      ...(after.temperatureC === undefined ? {} : { after: after.temperatureC }),
      ...(temperatures.length === 0 ? {} : { max: Math.max(...temperatures) }),
    },
    throttling: {
      ...(before.throttling === undefined ? {} : { before: before.throttling }),
      ...(after.throttling === undefined ? {} : { after: after.throttling }),
    },
    throttledRuns: throttledRuns(window, inferences),
    events: window.events,
    inferences,
    ...(unavailable.length === 0 ? {} : { unavailable }),
  }
}

/** Ranges of inferences during which throttling was seen (samples, plus clock drops). */
function throttledRuns(window: OpenWindow, inferences: number): ThrottledRuns[] {
  const clamp = (run: number): number => Math.min(Math.max(run, 1), Math.max(inferences, 1))
  const points = [
    ...window.samples.map((s) => ({ run: s.counter - window.counter0, on: s.throttling === true, at: s.at })),
    ...window.clockDown.map((run) => ({ run, on: true, at: Number.NaN })),
  ].sort((a, b) => a.run - b.run || Number(b.on) - Number(a.on))
  const ranges: ThrottledRuns[] = []
  let open: number | undefined
  let last = 0
  for (const p of points) {
    if (p.on && open === undefined) open = clamp(p.run)
    if (!p.on && open !== undefined) {
      ranges.push({ from: open, to: Math.max(open, clamp(last)) })
      open = undefined
    }
    if (p.on) last = p.run
  }
  if (open !== undefined) ranges.push({ from: open, to: clamp(inferences) })
  return inferences === 0 ? [] : ranges
}
