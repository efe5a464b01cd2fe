/**
 * What a device was opened with, beyond its spec: defaults its models use when a call gives no option
 * of its own. Whoever opens the device passes them down (`openDevice(spec, defaults)`); nothing in the
 * device layer reads the run-wide configuration.
 * @packageDocumentation
 */
import type { ImageOptions } from '../inputs/image.js'
import type { Device } from './types.js'

/** Defaults a device's models apply when a call gives none. */
export interface DeviceDefaults {
  /** How `infer` loads an image path when its call gives no `image` option. @defaultValue `loadImage`'s defaults */
  readonly image?: ImageOptions
}

// Kept beside the device rather than on it: every Device (a registered backend's too) can have them,
// without the interface growing a field for what is the opener's business.
const byDevice = new WeakMap<Device, DeviceDefaults>()

/**
 * Record what `device` was opened with (`openDevice` does it for every device it opens).
 * @example
 * ```ts
 * useDeviceDefaults(device, { image: { resize: 'cv2-bilinear' } })
 * ```
 */
export function useDeviceDefaults(device: Device, defaults: DeviceDefaults): void {
  byDevice.set(device, defaults)
}

/**
 * What `device` was opened with; none when it was constructed directly.
 * @example
 * ```ts
 * const image = options.image ?? defaultsOf(model.device).image
 * ```
 */
export function defaultsOf(device: Device): DeviceDefaults {
  return byDevice.get(device) ?? {}
}
