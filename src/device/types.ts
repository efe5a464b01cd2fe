/**
 * The device interface every backend implements (HailoRT, ONNX Runtime, emulator, fault injector).
 * Runners produce results; `src/compare` judges them. Nothing here knows a backend.
 * @packageDocumentation
 */
import type { CompatVerdict } from '../hailort-compat/verdict.js'
import type { BoardHealthSource } from '../health/types.js'
import type { ImageOptions } from '../inputs/image.js'
import type { QuantParams, Tensor, TensorInfo, TensorMap, TypedArray } from '../tensor/types.js'

/**
 * The kind of a device: one of the built-in backends, or the kind a backend registered with
 * `registerBackend` (`vitest-hailo/extend`) names itself.
 */
export type DeviceKind = 'hailo' | 'onnx' | 'emulator' | 'faulty' | (string & {})

/**
 * What a caller may pass as the input of one inference:
 * - a {@link Tensor} or a bare typed array, for a single-input model;
 * - a record by input name of tensors or typed arrays;
 * - a path to an image (`.png`, `.jpg`, …) or a `.npy` file, for a single-input model.
 */
export type InputSource = Tensor | TypedArray | string | Readonly<Record<string, Tensor | TypedArray | string>>

/** Options of one inference. */
export interface InferOptions {
  /** Stop at once when aborted (the test's own signal, so a timed-out test stops inferring). */
  readonly signal?: AbortSignal
  /**
   * How image paths in the input are loaded (`resize: 'cv2-bilinear'`, `channels: 'bgr'`…; see `loadImage`).
   * Replaces, not merges with, the plugin's `image` option. Ignored by an {@link InferableModel}, which receives
   * tensors.
   * @defaultValue the plugin's `image` option, else `loadImage`'s defaults
   */
  readonly image?: ImageOptions
}

/**
 * The minimum the matchers need: any object with `inputs`, `outputs` and `infer`, so users can wrap
 * their own runtime. `infer` receives inputs already resolved to tensors, keyed by input name.
 *
 * @example
 * ```ts
 * const mine: InferableModel = {
 *   inputs: [{ name: 'x', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
 *   outputs: [{ name: 'y', shape: [1, 4], dtype: 'float32', layout: 'NC' }],
 *   async infer(inputs) { return { y: inputs.x! } },
 * }
 * await expect(mine).toBeDeterministicAcross(10)
 * ```
 */
export interface InferableModel {
  readonly inputs: readonly TensorInfo[]
  readonly outputs: readonly TensorInfo[]
  infer(inputs: Readonly<Record<string, Tensor>>, options?: InferOptions): Promise<TensorMap>
}

/** A model loaded on a device. Dispose it (or use `await using`) to release native resources. */
export interface LoadedModel extends InferableModel, AsyncDisposable {
  /** Unique within the process, e.g. `onnx:model.onnx#1`. */
  readonly id: string
  /** The device this model runs on. */
  readonly device: Device
  /** Where the model came from: a path, or `<bytes>`. */
  readonly source: string
  /** Runs one inference. Accepts everything {@link InputSource} describes and validates it first. */
  infer(inputs: InputSource, options?: InferOptions): Promise<TensorMap>
  /** A stable hash of the model bytes and load options (hex), for reports and replay tokens. */
  fingerprint(): string
  /**
   * A HEF on the `hailo` device: its compiler and target judged against the HailoRT and chip that loaded it,
   * once, at load (`validated`, `unvalidated-pairing`, `hef-newer-than-runtime`; a `refused` HEF fails to
   * load). Absent on other devices and for files the HEF reader cannot judge.
   */
  readonly compatibility?: CompatVerdict
  /** Releases native resources. Idempotent. */
  dispose(): Promise<void>
}

/** Host-side format of the vstreams (HailoRT): `float32` (de)quantizes on the host, `raw` keeps device types. */
export type VStreamFormat = 'float32' | 'raw'

/** Options of `device.load`. Each backend documents which it honours; unknown keys are refused. */
export interface LoadOptions {
  /** HailoRT vstream format; the format path is itself under test. Default `float32`. */
  readonly format?: VStreamFormat
  /** Network group to configure when a HEF has several (HailoRT). */
  readonly networkGroup?: string
  /** Batch size (HailoRT). */
  readonly batchSize?: number
  /** Per-call timeout in milliseconds (HailoRT). */
  readonly timeoutMs?: number
  /** Intra-op threads (ONNX Runtime, emulator). Default 1: the default oversubscribes a 2-core CI machine. */
  readonly threads?: number
  /**
   * Emulator: quantization of each emulated uint8 input, by input name. Default: the identity
   * (scale 1, zero point 0), i.e. raw pixels, the usual Hailo input.
   */
  readonly inputQuant?: Readonly<Record<string, QuantParams>>
  /** Emulator: quantization of outputs by output name; outputs not named here are calibrated. */
  readonly outputQuant?: Readonly<Record<string, QuantParams>>
  /**
   * Emulator and onnx: the on-chip normalization of the Dataflow Compiler's `.alls` line
   * `normalization([mean…], [std…])`, in pixel units (one value per channel, or `[v]` for all), applied
   * per channel to float inputs (on the emulator after the input is dequantized).
   */
  readonly normalization?: NormalizationSpec
  /** Emulator: seed of the synthetic inputs that calibrate output quantization. Default 0. */
  readonly calibrationSeed?: number
}

/** Per-channel input normalization `(x − mean[c]) / std[c]`, in pixel units (0–255). */
export interface NormalizationSpec {
  readonly mean: readonly number[]
  readonly std: readonly number[]
}

/** What a device knows about itself: the environment fingerprint that goes into every report. */
export interface DeviceInfo {
  readonly kind: DeviceKind
  /** The spec it was opened with, e.g. `faulty:random,seed=7`. */
  readonly spec: string
  /** One line for humans, e.g. `Hailo-8L (fw 4.23.0) on 0001:01:00.0`. */
  readonly description: string
  /** Versions of everything involved: `{ hailort: '4.23.0', onnxruntime: '1.30.0', … }`. */
  readonly versions: Readonly<Record<string, string>>
  readonly architecture?: string
  readonly serial?: string
  readonly temperatureC?: number
  readonly throttling?: boolean
  /** Backend-specific facts worth putting in a report. */
  readonly extra?: Readonly<Record<string, unknown>>
}

/** An opened device. Dispose it to release native resources. */
export interface Device extends AsyncDisposable {
  readonly kind: DeviceKind
  readonly spec: string
  /** True when the device is one physical chip that only one process may hold at a time. */
  readonly exclusive: boolean
  load(model: string | Uint8Array, options?: LoadOptions): Promise<LoadedModel>
  info(): Promise<DeviceInfo>
  /**
   * The board's health for the checks' windows (chip temperature, throttling, the board's own
   * notifications). Only devices with a real board to watch have it (`hailo`); others report nothing.
   */
  readonly health?: BoardHealthSource
  dispose(): Promise<void>
}
