/**
 * The public lifecycle of every device, written once: argument and state checks, reading the
 * model, its fingerprint, tracking what was loaded so `dispose()` releases it, and idempotent
 * disposal. A backend writes only {@link BaseDevice.loadImpl}, {@link BaseDevice.infoImpl} and,
 * when it holds something, {@link BaseDevice.disposeImpl}.
 * @packageDocumentation
 */
import { DisposedError } from '../errors.js'
import type { BaseLoadedModel } from './base-loaded-model.js'
import { modelFingerprint } from './fingerprint.js'
import { validateLoadOptions } from './load-options.js'
import { rememberLoad } from './load-record.js'
import { readModelSource, type ModelSource } from './model-source.js'
import type { Device, DeviceInfo, DeviceKind, LoadedModel, LoadOptions } from './types.js'

/** What a backend's {@link BaseDevice.loadImpl} receives: bytes already read, options already checked. */
export interface LoadRequest extends ModelSource {
  readonly options: LoadOptions
  /** The model's fingerprint (bytes + options), for {@link ModelInit.fingerprint}. */
  readonly fingerprint: string
}

/** What a backend reports about itself; the base adds `kind` and `spec`. */
export type DeviceInfoParts = Omit<DeviceInfo, 'kind' | 'spec'>

/**
 * Base of every device.
 * @example
 * ```ts
 * class EchoDevice extends BaseDevice {
 *   readonly kind = 'onnx'
 *   protected async loadImpl(req: LoadRequest) { return new EchoModel({ device: this, ...req, inputs, outputs }) }
 *   protected async infoImpl() { return { description: 'echo', versions: {} } }
 * }
 * ```
 */
export abstract class BaseDevice implements Device {
  abstract readonly kind: DeviceKind
  readonly spec: string
  readonly exclusive: boolean
  readonly #models = new Set<BaseLoadedModel>()
  #disposed = false
  #disposing: Promise<void> | undefined
  /** Loads still in flight, so dispose() waits for them before releasing the device. */
  readonly #pendingLoads = new Set<Promise<unknown>>()

  constructor(spec: string, options: { exclusive?: boolean } = {}) {
    this.spec = spec
    this.exclusive = options.exclusive ?? false
  }

  /** Load a model whose bytes are read and options validated. */
  protected abstract loadImpl(request: LoadRequest): Promise<BaseLoadedModel>
  /** Versions, description and whatever the backend knows about itself. */
  protected abstract infoImpl(): Promise<DeviceInfoParts>
  /** Release what the device itself holds, after every model is disposed. */
  protected async disposeImpl(): Promise<void> {}

  /** True once `dispose()` has been called. */
  get disposed(): boolean {
    return this.#disposed
  }

  /** Models loaded and not yet disposed. */
  get liveModels(): number {
    return this.#models.size
  }

  /**
   * Load a model from a path or its bytes.
   * @example
   * ```ts
   * await using model = await device.load('model.onnx', { threads: 1 })
   * ```
   */
  async load(model: string | Uint8Array, options: LoadOptions = {}): Promise<LoadedModel> {
    this.#assertOpen()
    validateLoadOptions(options)
    const pending = this.#load(model, options)
    this.#pendingLoads.add(pending)
    try {
      return await pending
    } finally {
      this.#pendingLoads.delete(pending)
    }
  }

  async #load(model: string | Uint8Array, options: LoadOptions): Promise<LoadedModel> {
    const source = await readModelSource(model)
    this.#assertOpen()
    const loaded = await this.loadImpl({ ...source, options, fingerprint: modelFingerprint(source.bytes, options) })
    if (this.#disposed) {
      // The device went away while the model loaded: release it rather than hand out an orphan.
      await loaded.dispose()
      throw new DisposedError(`Device ${this.spec}`)
    }
    this.#models.add(loaded)
    rememberLoad(loaded, { model, options })
    loaded.onDisposed(() => this.#models.delete(loaded))
    return loaded
  }

  /**
   * What the device knows about itself: the environment fingerprint of every report.
   * @example
   * ```ts
   * const { versions } = await device.info()
   * ```
   */
  async info(): Promise<DeviceInfo> {
    this.#assertOpen()
    return { kind: this.kind, spec: this.spec, ...(await this.infoImpl()) }
  }

  /** Dispose every model still loaded (newest first), then the device. Idempotent. */
  dispose(): Promise<void> {
    if (this.#disposing === undefined) {
      this.#disposed = true
      this.#disposing = (async () => {
        const errors: unknown[] = []
        // A load still in loadImpl uses the device: let it settle (it then disposes its own model) before releasing.
        await Promise.allSettled([...this.#pendingLoads])
        for (const model of [...this.#models].reverse()) {
          try {
            await model.dispose()
          } catch (error) {
            errors.push(error)
          }
        }
        try {
          await this.disposeImpl()
        } catch (error) {
          errors.push(error)
        }
        if (errors.length === 1) throw errors[0]
        if (errors.length > 1)
          throw new AggregateError(errors, `Disposing device ${this.spec} failed ${errors.length} times.`)
      })()
    }
    return this.#disposing
  }

  /** `await using device = await openDevice('onnx')` disposes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose()
  }

  #assertOpen(): void {
    if (this.#disposed) throw new DisposedError(`Device ${this.spec}`)
  }
}
