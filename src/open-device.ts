/**
 * `openDevice` as a test author calls it: the run's configuration (the plugin's options and the
 * environment) is read here, at the top, and passed down to the device layer, which reads no
 * configuration of its own.
 * @packageDocumentation
 */
import { resolve } from 'node:path'
import { getConfig } from './config.js'
import { LOGGER_PATH_ENV } from './device/backends/hailort/log-folder.js'
import { openDevice as openDeviceWith } from './device/open.js'
import type { DeviceSpecText } from './device/spec-text.js'
import type { Device } from './device/types.js'

/**
 * Point HailoRT's log file into the artifacts folder unless the user chose a folder, so runs do not drop
 * `hailort.log` into the working directory. HailoRT reads the variable itself, so it is set before any
 * device opens; the hailo backend creates the folder when it opens. Returns the folder in force.
 * @example
 * ```ts
 * routeHailortLog('.vitest-hailo/artifacts') // '/repo/.vitest-hailo/artifacts/hailort-log'
 * ```
 */
export function routeHailortLog(artifactsDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[LOGGER_PATH_ENV]
  if (chosen) return chosen
  const folder = resolve(artifactsDir, 'hailort-log')
  env[LOGGER_PATH_ENV] = folder
  return folder
}

/**
 * Open a device. Without a spec, the run's configured device (`VITEST_HAILO_DEVICE`, then the
 * plugin's `device` option, then `'auto'`); its models load image paths with the plugin's `image`
 * option when a call gives none. `'auto'` opens the chip when one is present and ONNX Runtime only
 * when there is no chip at all; a chip that is present but busy (after waiting `lockTimeoutMs` for
 * the lock) or that fails to open makes `'auto'` throw that error.
 * A spec known only at run time (an environment variable, a registered backend) is passed as
 * `spec as DeviceSpecText`: it is checked at run time all the same.
 * @throws {@link DeviceBusyError} from `'auto'` or `'hailo'` when another process holds the chip (it names the holder).
 * @example
 * ```ts
 * await using device = await openDevice('onnx')
 * await using model = await device.load('model.onnx')
 * const outputs = await model.infer('cat.png')
 * ```
 */
export async function openDevice(spec?: DeviceSpecText): Promise<Device> {
  const config = getConfig()
  routeHailortLog(config.artifactsDir)
  return openDeviceWith(spec ?? config.device, config.image === undefined ? {} : { image: config.image })
}
