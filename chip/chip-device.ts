/**
 * Opening the real chip for the chip suite: a missing chip or library fails the test with the
 * backend's own named error, unless `VITEST_HAILO_ON_MISSING_DEVICE=skip` (or the run's
 * `onMissingDevice: 'skip'`) asks to skip — never skipped to green silently.
 * @packageDocumentation
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getConfig } from '../src/config.js'
import { DeviceUnavailableError, NativeLibraryError, UsageError } from '../src/errors.js'
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
      skip(
        `no Hailo chip here (${(error as Error).message.split('\n')[0]}); skipped because ${ON_MISSING_ENV}=skip / onMissingDevice: 'skip'`,
      )
    }
    throw error
  }
}

/**
 * Environment variable naming the HEF the chip tests run on a chip the bundled arcface HEF (compiled for
 * Hailo-8) cannot run: a Hailo-8L (the Raspberry Pi AI Kit). Any HEF compiled for Hailo-8L, e.g. one from the
 * Hailo model zoo's `hailo8l` folder or `/usr/share/hailo-models/*.hef` on Raspberry Pi OS.
 */
export const CHIP_HEF_ENV = 'VITEST_HAILO_CHIP_HEF'

/** The HEF the chip tests load on this chip, and whether the arcface golden values apply to it. */
export interface ChipHef {
  readonly path: string
  /** True for the bundled arcface HEF (names, shapes and quantization checked against golden.json). */
  readonly golden: boolean
}

/**
 * The HEF to test on a chip of `architecture` (as `device.info()` reports it). A HEF named in
 * {@link CHIP_HEF_ENV} wins; otherwise the bundled arcface HEF, which only a Hailo-8 runs. On a Hailo-8L
 * without one it throws (the tests fail, never skip) saying what to set.
 *
 * @throws {@link UsageError} on a Hailo-8L with no HEF named, or when the named file does not exist.
 * @example
 * ```ts
 * const hef = chipHef((await device.info()).architecture)
 * const model = await device.load(hef.path, { format: 'raw' })
 * ```
 */
export function chipHef(architecture: string | undefined, env: NodeJS.ProcessEnv = process.env): ChipHef {
  const named = env[CHIP_HEF_ENV]
  if (named !== undefined && named !== '') {
    const path = resolve(named)
    if (!existsSync(path))
      throw new UsageError(
        'E_CHIP_HEF',
        `${CHIP_HEF_ENV}=${named}: no such file (${path}). Point it at a HEF compiled for this chip (${architecture ?? 'unknown architecture'}).`,
      )
    return { path, golden: false }
  }
  if (isHailo8L(architecture)) {
    throw new UsageError(
      'E_CHIP_HEF',
      `This chip is a ${architecture}; the bundled arcface_mobilefacenet.hef is compiled for Hailo-8, which a Hailo-8L refuses (the suite checks that refusal). ` +
        `This test needs a HEF compiled for Hailo-8L: set ${CHIP_HEF_ENV}=/path/to/model.hef (e.g. a hailo8l HEF from the Hailo model zoo, or /usr/share/hailo-models/*.hef on Raspberry Pi OS).`,
    )
  }
  return { path: ARCFACE_HEF, golden: true }
}

/** True when `architecture` is a Hailo-8L (which refuses HEFs compiled for Hailo-8). */
export function isHailo8L(architecture: string | undefined): boolean {
  return architecture !== undefined && /^hailo-?8l$/i.test(architecture)
}
