/**
 * The cheap probe `'auto'` uses: is there a Hailo chip on this machine? It never opens the chip (a
 * scan does not hold it), so probing cannot disturb a run.
 *
 * The answer is "absent" only when absence is proven: no libhailort on the search path, or
 * `hailo_scan_devices` finds zero devices. Everything else answers `true` ("present, or cannot be
 * ruled out"), which commits `'auto'` to the chip: the opener then fails loudly with its own error
 * (busy chip naming the holder, unsupported HailoRT version, `HAILORT_LIB` unloadable, scan or open
 * failure) instead of `'auto'` quietly testing ONNX Runtime in place of the chip.
 * @packageDocumentation
 */
import type { Availability } from '../../registry.js'
import { isLibraryMissing, loadHailort, type LoadHailortOptions } from './ffi/library.js'
import { scanDevices } from './hailo-device.js'

/**
 * `true` when a Hailo chip is visible or cannot be ruled out; `{ reason }` only when there is none.
 * @example
 * ```ts
 * const answer = await hailoAvailability() // { reason: 'libhailort 4.23.0 is installed but sees no Hailo chip …' }
 * ```
 */
export async function hailoAvailability(options?: LoadHailortOptions): Promise<Availability> {
  let lib
  try {
    lib = loadHailort(options)
  } catch (error) {
    if (isLibraryMissing(error))
      return { reason: (error as Error).message.split('\n')[0] ?? 'libhailort could not be loaded' }
    return true
  }
  const seen = await scanDevices(lib)
  // A failed scan says nothing about the chip: let the open try and report what really happens.
  if (seen === undefined) return true
  if (seen.length === 0)
    return {
      reason: `libhailort ${lib.versionText} is installed but sees no Hailo chip (hailo_scan_devices found none)`,
    }
  return true
}
