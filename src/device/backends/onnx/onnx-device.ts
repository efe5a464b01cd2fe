/**
 * The `onnx` device: ONNX Runtime on the CPU, the reference every accelerator is compared with.
 * Honours `LoadOptions.threads` and `normalization` (applied to float inputs before the runtime, as the
 * emulator and the chip apply it); HailoRT's and the emulator's quantization options are ignored.
 * @packageDocumentation
 */
import { BaseDevice, type DeviceInfoParts, type LoadRequest } from '../../base-device.js'
import type { BaseLoadedModel } from '../../base-loaded-model.js'
import { OnnxModel } from './onnx-model.js'
import { loadOrt, ortVersion, type Ort } from './runtime.js'
import { withSession } from './session.js'
import { bindInputNormalizations } from './normalization.js'
import { DEFAULT_THREADS, GRAPH_OPTIMIZATION_LEVEL } from './session-options.js'

/** ONNX Runtime on the CPU. */
export class OnnxDevice extends BaseDevice {
  readonly kind = 'onnx' as const
  readonly #ort: Ort

  private constructor(spec: string, ort: Ort) {
    super(spec)
    this.#ort = ort
  }

  /**
   * Open the device (loads onnxruntime-node on first use).
   * @example
   * ```ts
   * const device = await OnnxDevice.open('onnx')
   * ```
   */
  static async open(spec = 'onnx'): Promise<OnnxDevice> {
    return new OnnxDevice(spec, await loadOrt())
  }

  protected override async loadImpl(request: LoadRequest): Promise<BaseLoadedModel> {
    const { bytes, source, fingerprint } = request
    return withSession(
      this.#ort,
      { bytes, source, threads: request.options.threads },
      ({ session, inputs, outputs }) =>
        new OnnxModel(
          { device: this, source, inputs, outputs, fingerprint },
          this.#ort,
          session,
          bindInputNormalizations(inputs, request.options.normalization),
        ),
    )
  }

  protected override async infoImpl(): Promise<DeviceInfoParts> {
    const version = ortVersion(this.#ort)
    return {
      description: `ONNX Runtime ${version} (CPU execution provider)`,
      versions: { onnxruntime: version, node: process.versions.node },
      architecture: process.arch,
      extra: {
        executionProvider: 'cpu',
        graphOptimizationLevel: GRAPH_OPTIMIZATION_LEVEL,
        defaultThreads: DEFAULT_THREADS,
      },
    }
  }
}
