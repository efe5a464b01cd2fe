/**
 * The `emulator` device: an ONNX model presented with Hailo-style quantized I/O, so everything
 * above the device (input checks, format paths, quantization-step tolerances, fault injection) can
 * be exercised without a chip. Honours `format`, `threads`, `inputQuant`, `outputQuant`,
 * `normalization` and `calibrationSeed`; HailoRT-only options are ignored.
 * @packageDocumentation
 */
import type { QuantParams } from '../../../tensor/types.js'
import { BaseDevice, type DeviceInfoParts, type LoadRequest } from '../../base-device.js'
import type { BaseLoadedModel } from '../../base-loaded-model.js'
import { runSession } from '../onnx/onnx-model.js'
import { loadOrt, ortVersion, type Ort } from '../onnx/runtime.js'
import { withSession } from '../onnx/session.js'
import {
  CALIBRATION_MARGIN,
  CALIBRATION_SAMPLES,
  calibrationInputs,
  observeRanges,
  quantForObserved,
  type ObservedRange,
} from './calibrate.js'
import { EmulatorModel, toOnnxFeeds } from './emulator-model.js'
import { outputsToCalibrate, planInputs, planOutputs } from './plan.js'
import type { InferenceSession } from 'onnxruntime-node'
import type { InputPlan } from './plan.js'

/** Default seed of the calibration inputs. */
export const DEFAULT_CALIBRATION_SEED = 0

async function calibrate(
  ort: Ort,
  session: InferenceSession,
  source: string,
  inputPlans: readonly InputPlan[],
  names: readonly string[],
  seed: number,
): Promise<Map<string, QuantParams>> {
  const ranges = new Map<string, ObservedRange>()
  for (let sample = 0; sample < CALIBRATION_SAMPLES; sample++) {
    const inputs = calibrationInputs(
      inputPlans.map((p) => p.info),
      seed,
      sample,
    )
    observeRanges(ranges, await runSession(ort, session, `calibration of ${source}`, toOnnxFeeds(inputPlans, inputs)))
  }
  return new Map(names.map((name) => [name, quantForObserved(ranges.get(name))]))
}

/** ONNX Runtime behind Hailo-style uint8 inputs and quantized outputs. */
export class EmulatorDevice extends BaseDevice {
  readonly kind = 'emulator' as const
  readonly #ort: Ort

  private constructor(spec: string, ort: Ort) {
    super(spec)
    this.#ort = ort
  }

  /**
   * Open the device (loads onnxruntime-node on first use).
   * @example
   * ```ts
   * const device = await EmulatorDevice.open()
   * const model = await device.load('model.onnx', { format: 'raw', normalization: { mean: [127.5], std: [127.5] } })
   * ```
   */
  static async open(spec = 'emulator'): Promise<EmulatorDevice> {
    return new EmulatorDevice(spec, await loadOrt())
  }

  protected override async loadImpl(request: LoadRequest): Promise<BaseLoadedModel> {
    const { options, source } = request
    return withSession(
      this.#ort,
      { bytes: request.bytes, source, threads: options.threads },
      async ({ session, inputs: onnxInputs, outputs: onnxOutputs }) => {
        const inputPlans = planInputs(onnxInputs, options)
        const toCalibrate = outputsToCalibrate(onnxOutputs, options)
        const quants = new Map<string, QuantParams>(Object.entries(options.outputQuant ?? {}))
        if (toCalibrate.length > 0) {
          const seed = options.calibrationSeed ?? DEFAULT_CALIBRATION_SEED
          const calibrated = await calibrate(
            this.#ort,
            session,
            source,
            inputPlans,
            toCalibrate.map((o) => o.name),
            seed,
          )
          for (const [name, q] of calibrated) quants.set(name, q)
        }
        const format = options.format ?? 'float32'
        const outputPlans = planOutputs(onnxOutputs, quants, format)
        return new EmulatorModel(
          {
            device: this,
            source,
            inputs: inputPlans.map((p) => p.info),
            outputs: outputPlans.map((p) => p.info),
            fingerprint: request.fingerprint,
          },
          { ort: this.#ort, session, inputPlans, outputPlans, format },
        )
      },
    )
  }

  protected override async infoImpl(): Promise<DeviceInfoParts> {
    const version = ortVersion(this.#ort)
    return {
      description: `Hailo-style emulator over ONNX Runtime ${version} (uint8 inputs, uint8-quantized outputs)`,
      versions: { onnxruntime: version, node: process.versions.node },
      architecture: process.arch,
      extra: {
        calibration: `${CALIBRATION_SAMPLES} seeded synthetic inputs, range widened by ${CALIBRATION_MARGIN * 100} % each side (probability outputs: [0, 1]), unless outputQuant is given`,
        defaultCalibrationSeed: DEFAULT_CALIBRATION_SEED,
      },
    }
  }
}
