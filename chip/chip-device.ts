/**
 * Opening the real chip for the chip suite: a missing chip or library fails the test with the
 * backend's own named error, unless `VITEST_HAILO_ON_MISSING_DEVICE=skip` (or the run's
 * `onMissingDevice: 'skip'`) asks to skip — never skipped to green silently.
 * @packageDocumentation
 */
import { fileURLToPath } from 'node:url'
import { getConfig } from '../src/config.js'
import { DeviceUnavailableError, NativeLibraryError } from '../src/errors.js'
import { openDevice } from '../src/device/open.js'
import type { Device } from '../src/device/types.js'

/** Environment variable that lets a machine without a chip skip the suite (saying why). */
export const ON_MISSING_ENV = 'VITEST_HAILO_ON_MISSING_DEVICE'

/** The real arcface HEF (Hailo-8, DFC 3.29). */
export const ARCFACE_HEF = fileURLToPath(new URL('./testdata/arcface_mobilefacenet.hef', import.meta.url))
/** What HailoRT 4.23 reports for it with no chip (names, shapes, quantization, frame sizes). */
export const GOLDEN_JSON = fileURLToPath(new URL('./testdata/golden.json', import.meta.url))

/** Open `hailo`, or skip the test when there is no chip and skipping was asked for. */
export async function openChip(skip: (reason: string) => void, spec = 'hailo'): Promise<Device> {
  try {
    return await openDevice(spec)
  } catch (error) {
    const missing = error instanceof DeviceUnavailableError || error instanceof NativeLibraryError
    const skipAsked = process.env[ON_MISSING_ENV] === 'skip' || getConfig().onMissingDevice === 'skip'
    if (missing && skipAsked) {
      skip(`no Hailo chip here (${(error as Error).message.split('\n')[0]}); skipped because ${ON_MISSING_ENV}=skip / onMissingDevice: 'skip'`)
    }
    throw error
  }
}
