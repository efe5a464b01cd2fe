/**
 * The public lifecycle of every loaded model, written once: state checks, input resolution
 * against the declared inputs, one call at a time, abort, output checks, timing and idempotent
 * disposal. A backend writes only {@link BaseLoadedModel.inferImpl} and
 * {@link BaseLoadedModel.disposeImpl} (Polygraphy's base runner, onnxruntime's backend split).
 * @packageDocumentation
 */
import type { CompatVerdict } from '../hailort-compat/verdict.js'
import { DisposedError } from '../errors.js'
import { validateImageOptions, type ImageOptions } from '../inputs/image.js'
import { resolveInputs } from '../inputs/resolve.js'
import { isStillResolved } from '../inputs/resolved.js'
import { rememberSource, resolvedAgain } from '../inputs/source-memo.js'
import type { Tensor, TensorInfo, TensorMap } from '../tensor/types.js'
import { assertKnownKeys, invalidParameter } from '../validate.js'
import { assertSignal, raceAbort, throwIfAborted } from './abort.js'
import { nextModelId } from './model-id.js'
import { checkOutputs } from './output-check.js'
import { defaultsOf } from './defaults.js'
import type { Device, InferOptions, InputSource, LoadedModel } from './types.js'

/** What a backend hands the base when it has loaded a model. */
export interface ModelInit {
  readonly device: Device
  /** A path, or `<bytes>`. */
  readonly source: string
  readonly inputs: readonly TensorInfo[]
  readonly outputs: readonly TensorInfo[]
  /** From {@link modelFingerprint}, computed once at load. */
  readonly fingerprint: string
  /** Kind used in the id; defaults to the device's kind. */
  readonly idKind?: string
  /** The HEF's compatibility verdict on this runtime and chip, judged at load (hailo backend). */
  readonly compatibility?: CompatVerdict
}

/** Time spent in one `infer` call, in milliseconds. */
export interface InferTiming {
  /** Turning the caller's input into tensors (reading files, converting). */
  readonly resolveMs: number
  /** The backend's own inference, outputs copied out. */
  readonly inferMs: number
}

/** Timing of a model's calls so far. */
export interface InferStats {
  readonly calls: number
  readonly totalInferMs: number
  /** The most recent successful call. */
  readonly last: InferTiming | undefined
}

/** What the base passes a backend's {@link BaseLoadedModel.inferImpl}. */
export interface ImplOptions {
  /** The caller's signal: a backend that can stop native work early should listen to it. */
  readonly signal?: AbortSignal
}

const INFER_OPTION_KEYS = ['signal', 'image'] as const
/** The default of `infer`'s options: nothing to check (the loop's common call). */
const NO_OPTIONS: InferOptions = Object.freeze({})
const NO_IMPL_OPTIONS: ImplOptions = Object.freeze({})

function freezeInfos(infos: readonly TensorInfo[]): readonly TensorInfo[] {
  return Object.freeze(infos.map((i) => Object.freeze({ ...i, shape: Object.freeze([...i.shape]) })))
}

/**
 * Base of every backend's loaded model.
 * @example
 * ```ts
 * class EchoModel extends BaseLoadedModel {
 *   protected async inferImpl(inputs: Readonly<Record<string, Tensor>>) { return { y: inputs.x! } }
 *   protected async disposeImpl() {}
 * }
 * ```
 */
export abstract class BaseLoadedModel implements LoadedModel {
  readonly id: string
  readonly device: Device
  readonly source: string
  readonly inputs: readonly TensorInfo[]
  readonly outputs: readonly TensorInfo[]
  readonly compatibility?: CompatVerdict
  readonly #fingerprint: string
  #disposed = false
  #disposing: Promise<void> | undefined
  /** The last accepted call (it may reject): a new call runs after it, so calls run one at a time, in order. */
  #tail: Promise<unknown> = Promise.resolve()
  /** Calls accepted and not yet finished: with none, a call starts at once instead of a turn later. */
  #pending = 0
  #stats: InferStats = { calls: 0, totalInferMs: 0, last: undefined }
  readonly #disposeListeners: (() => void)[] = []

  constructor(init: ModelInit) {
    this.device = init.device
    this.source = init.source
    this.inputs = freezeInfos(init.inputs)
    this.outputs = freezeInfos(init.outputs)
    this.#fingerprint = init.fingerprint
    if (init.compatibility !== undefined) this.compatibility = init.compatibility
    this.id = nextModelId(init.idKind ?? init.device.kind, init.source)
  }

  /** Run one inference on inputs already resolved to the declared inputs (one call at a time). */
  protected abstract inferImpl(inputs: Readonly<Record<string, Tensor>>, options: ImplOptions): Promise<TensorMap>
  /** Release what the backend holds. Called once, after the last call has finished. */
  protected abstract disposeImpl(): Promise<void>

  /** True once `dispose()` has been called. */
  get disposed(): boolean {
    return this.#disposed
  }

  /** How many calls ran and how long they took. */
  get stats(): InferStats {
    return this.#stats
  }

  /**
   * Run one inference. Accepts a tensor, typed array, record by input name, or image / `.npy` path;
   * validates it against {@link LoadedModel.inputs} first. Image paths are loaded with `options.image`,
   * else the plugin's `image` option, else `loadImage`'s defaults.
   * @example
   * ```ts
   * const { logits } = await model.infer('cat.png', { signal })
   * const same = await model.infer('cat.png', { image: { resize: 'cv2-bilinear' } }) // pixels as cv2.resize gives them
   * ```
   */
  infer(source: InputSource, options: InferOptions = NO_OPTIONS): Promise<TensorMap> {
    try {
      if (options !== NO_OPTIONS) {
        if (typeof options !== 'object' || options === null)
          throw invalidParameter('infer options', 'an object such as { signal, image }', options)
        assertKnownKeys('infer options', options, INFER_OPTION_KEYS)
        assertSignal(options.signal)
        if (options.image !== undefined) validateImageOptions(options.image, 'infer option image')
      }
      this.#assertOpen()
      throwIfAborted(options.signal, `Inference on ${this.id}`)
    } catch (error) {
      return Promise.reject(error)
    }
    const { signal } = options
    // The explicit option replaces the one the device was opened with (the plugin's, through openDevice).
    const image = options.image ?? defaultsOf(this.device).image
    const run = (): Promise<TensorMap> => this.#run(source, signal, image)
    // Idle: start now (a loop of awaited calls, the common case, saves two promises and a turn per call).
    const work = this.#pending++ === 0 ? run() : this.#tail.then(run, run)
    this.#tail = work
    return raceAbort(work, signal, `Inference on ${this.id}`)
  }

  async #run(
    source: InputSource,
    signal: AbortSignal | undefined,
    image: ImageOptions | undefined,
  ): Promise<TensorMap> {
    try {
      // A call accepted before dispose() still runs (dispose waits for it); the signal may have fired while it waited.
      throwIfAborted(signal, `Inference on ${this.id}`)
      const t0 = performance.now()
      const resolving = this.#resolve(source, image)
      // Awaited only when it is a promise: an await of a plain value still costs a turn.
      const inputs = resolving instanceof Promise ? await resolving : resolving
      throwIfAborted(signal, `Inference on ${this.id}`)
      const t1 = performance.now()
      const outputs = await this.inferImpl(inputs, signal === undefined ? NO_IMPL_OPTIONS : { signal })
      const t2 = performance.now()
      checkOutputs(this.id, this.outputs, outputs)
      const last = { resolveMs: t1 - t0, inferMs: t2 - t1 }
      this.#stats = { calls: this.#stats.calls + 1, totalInferMs: this.#stats.totalInferMs + last.inferMs, last }
      return outputs
    } finally {
      this.#pending--
    }
  }

  /**
   * The inputs to run: a record resolved for these inputs (the determinism and fuzz loops feed one n times) as it
   * is; the caller's own value fed again (a loop over `infer(input)`) from its kept resolution, after a new NaN scan
   * (source-memo.ts); anything else resolved anew (a promise: a path is read from disk).
   */
  #resolve(
    source: InputSource,
    image: ImageOptions | undefined,
  ): Readonly<Record<string, Tensor>> | Promise<Readonly<Record<string, Tensor>>> {
    if (isStillResolved(this.inputs, source)) return source
    const again = resolvedAgain(this.inputs, source)
    if (again !== undefined) return again
    return resolveInputs(this.inputs, source, image === undefined ? {} : { image }).then((inputs) => {
      rememberSource(this.inputs, source, inputs)
      return inputs
    })
  }

  /** Hex sha256 of the model bytes and load options, computed once at load. */
  fingerprint(): string {
    return this.#fingerprint
  }

  /** Release the model. Idempotent; waits for a call in progress, refuses new ones at once. */
  dispose(): Promise<void> {
    if (this.#disposing === undefined) {
      this.#disposed = true
      const release = async (): Promise<void> => {
        try {
          await this.disposeImpl()
        } finally {
          for (const listener of this.#disposeListeners.splice(0)) listener()
        }
      }
      // After the last accepted call, whether it succeeded or not.
      this.#disposing = this.#tail.then(release, release)
    }
    return this.#disposing
  }

  /** `await using model = await device.load(…)` disposes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose()
  }

  /** Call `listener` once the model has been disposed (the device uses it to forget the model). */
  onDisposed(listener: () => void): void {
    if (this.#disposing === undefined) this.#disposeListeners.push(listener)
    else void this.#disposing.finally(listener).catch(() => undefined)
  }

  #assertOpen(): void {
    if (this.#disposed) throw new DisposedError(`Model ${this.id}`)
  }
}
