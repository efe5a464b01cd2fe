/**
 * The cheap probe `'auto'` uses: is libhailort loadable, of a supported version, and does it see a
 * chip? It never opens the chip (a scan does not hold it), so probing cannot disturb a run.
 * @packageDocumentation
 */
import type { Availability } from '../../registry.js'
import { loadHailort, type LoadHailortOptions } from './ffi/library.js'
import { scanDevices } from './hailo-device.js'

/** `true` when a Hailo chip is visible; otherwise why not. */
export async function hailoAvailability(options?: LoadHailortOptions): Promise<Availability> {
  let lib
  try {
    lib = loadHailort(options)
  } catch (error) {
    return { reason: (error as Error).message.split('\n')[0] ?? 'libhailort could not be loaded' }
  }
  const seen = await scanDevices(lib)
  if (seen === undefined) return { reason: `libhailort ${lib.versionText} could not scan for devices` }
  if (seen.length === 0) return { reason: `libhailort ${lib.versionText} is installed but sees no Hailo chip (hailo_scan_devices found none)` }
  return true
}
