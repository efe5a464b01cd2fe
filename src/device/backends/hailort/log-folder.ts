/**
 * Where HailoRT writes `hailort.log`: the folder named by `HAILORT_LOGGER_PATH`, which HailoRT reads
 * itself. The backend only reads the variable; choosing the folder is the caller's business (the public
 * `openDevice` points it into the artifacts folder unless the user chose one). Pure: no koffi.
 * @packageDocumentation
 */
import { mkdirSync } from 'node:fs'

/** Environment variable HailoRT reads for the folder of `hailort.log`. */
export const LOGGER_PATH_ENV = 'HAILORT_LOGGER_PATH'

/**
 * Create the log folder HailoRT was told about, if any (HailoRT does not create it), and return it.
 * @example
 * ```ts
 * prepareHailortLogFolder() // '/repo/.vitest-hailo/artifacts/hailort-log', or undefined: HailoRT's default
 * ```
 */
export function prepareHailortLogFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = env[LOGGER_PATH_ENV]
  if (folder) mkdirSync(folder, { recursive: true })
  return folder || undefined
}
