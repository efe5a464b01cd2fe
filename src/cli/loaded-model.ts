/**
 * Open the device a command names and load its model on it, releasing both whatever happens: the
 * CLI's equivalent of the `device` and `load` fixtures.
 * @packageDocumentation
 */
import type { DeviceSpecText } from '../device/spec-text.js'
import { openDevice } from '../open-device.js'
import type { Device, LoadedModel, LoadOptions, NormalizationSpec, VStreamFormat } from '../device/types.js'

/** Which model on which device. */
export interface ModelPlace {
  /** Path of the `.hef` or `.onnx` file. */
  readonly model: string
  /** Device spec. @defaultValue `VITEST_HAILO_DEVICE`, else `auto` */
  readonly device?: string
  /** Vstream format of a HEF. @defaultValue the backend's (`float32`) */
  readonly format?: VStreamFormat
  /**
   * The chip's on-chip normalization (from `--alls`), applied at load to an ONNX model so that the emulator or
   * ONNX Runtime stands in for the compiled HEF; a HEF carries its own, so it is not given one.
   */
  readonly normalization?: NormalizationSpec
}

/**
 * Run `use` with the model loaded, then dispose the model and the device (failures included).
 * @example
 * ```ts
 * const result = await withLoadedModel({ model: 'model.hef', device: 'hailo' }, (model) => runDeterminism(model, {
 * runs: 50 }))
 * ```
 */
export async function withLoadedModel<T>(
  place: ModelPlace,
  use: (model: LoadedModel, device: Device) => Promise<T>,
): Promise<T> {
  // From the command line: checked at run time, with the valid specs named.
  const device = await openDevice(place.device as DeviceSpecText | undefined)
  try {
    const options: LoadOptions = {
      ...(place.format === undefined ? {} : { format: place.format }),
      ...(place.normalization === undefined ? {} : { normalization: place.normalization }),
    }
    const model = await device.load(place.model, options)
    try {
      return await use(model, device)
    } finally {
      await model.dispose()
    }
  } finally {
    await device.dispose()
  }
}
