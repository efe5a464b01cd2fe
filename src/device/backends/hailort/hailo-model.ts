/**
 * A HEF configured on the chip. One inference: a synchronous write per input vstream (it cannot
 * wait on the chip, see {@link HailoModel}), then every output read in one round trip of a reader
 * thread (`reader-thread.ts`), so a slow or stuck chip never freezes the JavaScript thread; HailoRT's
 * own vstream timeout bounds every call. Buffers are checked against the frame sizes before any
 * byte reaches native code.
 * @packageDocumentation
 */
import { DeviceError, DeviceTimeoutError, InputMismatchError } from '../../../errors.js'
import type { Tensor, TensorInfo, TensorMap } from '../../../tensor/types.js'
import { throwIfAborted } from '../../abort.js'
import { BaseLoadedModel, type ImplOptions, type ModelInit } from '../../base-loaded-model.js'
import type { HailortLibrary } from './ffi/library.js'
import { statusError } from './ffi/status.js'
import type { ConfiguredNetwork } from './network-setup.js'
import type { ReaderPool, ReaderThread } from './reader-thread.js'
import type { ReleaseStack } from './release-stack.js'

/** What a {@link HailoModel} is made of. */
export interface HailoModelInit extends ModelInit {
  readonly lib: HailortLibrary
  readonly network: ConfiguredNetwork
  readonly stack: ReleaseStack
  readonly format: 'float32' | 'raw'
  readonly timeoutMs: number
  /** The device's reader threads. */
  readonly readers: ReaderPool
  /** Counts an inference for the board-health windows (the run index of a notification). */
  readonly countInference?: () => void
}

const TIMEOUT = 4

/**
 * A model loaded on a Hailo chip.
 *
 * Why the input writes may be synchronous: HailoRT's `hailo_vstream_write_raw_buffer` waits only
 * for room in the input vstream's queue (converting the frame on the host first). Here there is at
 * most one frame in flight per model: the base runs one inference at a time, every frame written
 * is read to the end before the next write, and a frame that fails half way breaks the model so
 * nothing is written after it. The queues hold at least one frame (`queue_size` ≥ 1 is enforced
 * when the vstreams are created), so a write always finds room and returns without waiting on the
 * chip. Should HailoRT wait anyway, its vstream timeout (`timeoutMs`) bounds the write like any
 * read. Reads do wait on the chip: they run on a reader thread.
 */
export class HailoModel extends BaseLoadedModel {
  readonly #lib: HailortLibrary
  readonly #network: ConfiguredNetwork
  readonly #stack: ReleaseStack
  readonly #timeoutMs: number
  readonly #readers: ReaderPool
  readonly #countInference: (() => void) | undefined
  /** Taken at the first inference, with one shared buffer per output (reused by every frame). */
  #reader: { thread: ReaderThread; views: Tensor['data'][] } | undefined
  /** Set when a frame failed half way: the vstream queues may hold a late frame, so results would be stale. */
  #broken: Error | undefined
  /** The vstream format of this load. */
  readonly format: 'float32' | 'raw'
  /** The network group that was configured. */
  readonly networkGroup: string

  constructor(init: HailoModelInit) {
    super(init)
    this.#lib = init.lib
    this.#network = init.network
    this.#stack = init.stack
    this.#timeoutMs = init.timeoutMs
    this.#readers = init.readers
    this.#countInference = init.countInference
    this.format = init.format
    this.networkGroup = init.network.networkGroup
  }

  protected async inferImpl(inputs: Readonly<Record<string, Tensor>>, options: ImplOptions): Promise<TensorMap> {
    if (this.#broken) {
      throw new DeviceError(
        'E_MODEL_BROKEN',
        `${this.id} cannot infer any more: an earlier inference failed half way (${this.#broken.message.split('\n')[0]}), so its vstreams may still hold a late frame. Dispose it and load the model again.`,
        { cause: this.#broken },
      )
    }
    const { inputs: ins, outputs: outs } = this.#network
    // Everything is checked before the first native call: a wrong size must never reach HailoRT.
    const buffers = ins.infos.map((info, i) => frameBuffer(this.id, info, inputs[info.name], ins.frameBytes[i]!))
    throwIfAborted(options.signal, `Inference on ${this.id}`)
    // From the first write on, the frame is completed even if the caller aborts: leaving outputs
    // unread would hand them to the next inference (the stale-buffer bug this tool hunts).
    try {
      const reader = this.#reader ?? (await this.#takeReader())
      this.#countInference?.()
      for (let i = 0; i < buffers.length; i++) {
        const buffer = buffers[i]!
        const status = this.#lib.call(
          'hailo_vstream_write_raw_buffer',
          ins.handles[i]!,
          buffer,
          buffer.byteLength,
        ) as number
        if (status !== 0) throw this.#failure('hailo_vstream_write_raw_buffer', status, ins.infos[i]!.name)
      }
      const { status, failedOutput } = await reader.thread.read()
      if (status !== 0)
        throw this.#failure('hailo_vstream_read_raw_buffer', status, outs.infos[failedOutput]?.name ?? '?')
      const results: TensorMap = {}
      for (let o = 0; o < outs.infos.length; o++) {
        const info = outs.infos[o]!
        // The copy out of the shared buffer is the one allocation per output: the result owns its memory.
        results[info.name] = {
          data: reader.views[o]!.slice(),
          shape: info.shape as number[],
          dtype: info.dtype,
        } as Tensor
      }
      return results
    } catch (error) {
      this.#broken = error as Error
      throw error
    }
  }

  async #takeReader(): Promise<{ thread: ReaderThread; views: Tensor['data'][] }> {
    const { outputs } = this.#network
    const buffers = outputs.frameBytes.map((bytes) => new SharedArrayBuffer(bytes))
    const thread = this.#readers.acquire()
    try {
      await thread.bind(buffers.map((buffer, o) => ({ handle: outputs.handles[o]!, buffer })))
    } catch (error) {
      this.#readers.release(thread)
      throw error
    }
    this.#reader = { thread, views: buffers.map((buffer, o) => view(outputs.infos[o]!, buffer)) }
    return this.#reader
  }

  #failure(
    name: 'hailo_vstream_write_raw_buffer' | 'hailo_vstream_read_raw_buffer',
    status: number,
    vstream: string,
  ): Error {
    const error = statusError(status, name, {
      libraryVersion: this.#lib.versionText,
      detail: `on vstream "${vstream}" of ${this.id}`,
    })
    if (status === TIMEOUT) {
      return new DeviceTimeoutError(
        `${error.message}\nThe vstream timeout is ${this.#timeoutMs} ms (load option timeoutMs).`,
        { cause: error },
      )
    }
    return error
  }

  protected async disposeImpl(): Promise<void> {
    // The base waits for the last inference, so the thread is idle: it can serve another model.
    if (this.#reader) this.#readers.release(this.#reader.thread)
    this.#reader = undefined
    const failures = await this.#stack.releaseAll()
    if (failures.length === 1) throw failures[0]
    if (failures.length > 1) throw new AggregateError(failures, `Releasing ${this.id} failed ${failures.length} times.`)
  }
}

function view(info: TensorInfo, buffer: SharedArrayBuffer): Tensor['data'] {
  if (info.dtype === 'float32') return new Float32Array(buffer)
  if (info.dtype === 'uint16') return new Uint16Array(buffer)
  return new Uint8Array(buffer)
}

/**
 * The exact bytes of one input frame, or a named error. On the float32 path, an input HailoRT
 * passes through an identity quantization (scale 1, zero point 0: raw pixels, normalised on the
 * chip) is only rounded and cast — no clipping. Rounding an in-range value is ordinary
 * quantization, but two mistakes would go unnoticed, so they are refused here: values outside the
 * raw type's range (they would wrap around) and a frame of 0–1 floats (pixels scaled to 0–1 would
 * all become 0 or 1).
 */
export function frameBuffer(
  modelId: string,
  info: TensorInfo,
  tensor: Tensor | undefined,
  expectedBytes: number,
): Tensor['data'] {
  if (!tensor) throw new InputMismatchError(`${modelId}: input "${info.name}" is missing.`)
  if (tensor.dtype !== info.dtype) {
    throw new InputMismatchError(
      `${modelId}: input "${info.name}" must be ${info.dtype} on this load's vstream format but received ${tensor.dtype}.`,
    )
  }
  if (tensor.data.byteLength !== expectedBytes) {
    throw new InputMismatchError(
      `${modelId}: input "${info.name}" needs ${expectedBytes} bytes per frame (shape [${info.shape.join(', ')}] of ${info.dtype}) but received ${tensor.data.byteLength} bytes.`,
    )
  }
  if (
    info.dtype === 'float32' &&
    info.quant &&
    info.quant.scale === 1 &&
    info.quant.zeroPoint === 0 &&
    !info.quant.perChannel
  ) {
    checkIdentityInput(modelId, info, tensor.data as Float32Array)
  }
  return tensor.data
}

function checkIdentityInput(modelId: string, info: TensorInfo, data: Float32Array): void {
  const max = 255 // identity-quantized inputs are uint8 pixels on the device
  let outside = -1
  let fractional = false
  let inUnitRange = true
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!
    if (x < 0 || x > max) {
      outside = i
      break
    }
    if (x > 1) inUnitRange = false
    else if (!Number.isInteger(x)) fractional = true
  }
  const lead = `${modelId}: input "${info.name}" is quantized as the identity (scale 1, zero point 0): the chip takes raw 0–255 pixels and HailoRT only rounds and casts float input, without clipping.`
  const fix = 'Pass uint8 pixels (or float32 in 0–255), or load with { format: "raw" }.'
  if (outside >= 0) {
    throw new InputMismatchError(
      `${lead} Value ${data[outside]} at index ${outside} is outside 0–255 and would wrap around. ${fix}`,
    )
  }
  if (inUnitRange && fractional) {
    throw new InputMismatchError(
      `${lead} Every value is in 0–1 with fractions: pixels scaled to 0–1 would all become 0 or 1. ${fix}`,
    )
  }
}
