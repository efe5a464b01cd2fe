/**
 * The run-wide configuration a worker sees: set by the Vitest plugin (`hailo({...})`, handed over
 * with `provide` / `inject`), overridden by environment variables, read by fixtures and matchers.
 * @packageDocumentation
 */
import { validateHealthPolicy, type HealthPolicy } from './health/policy.js'
import { validateImageOptions, type ImageOptions } from './inputs/image.js'
import { invalidParameter } from './validate.js'

/** Environment variable that picks the device for a whole run; it wins over the plugin option. */
export const DEVICE_ENV = 'VITEST_HAILO_DEVICE'
/** Environment variable that sets the artifacts folder; it wins over the plugin option. */
export const ARTIFACTS_ENV = 'VITEST_HAILO_ARTIFACTS'
/**
 * Environment variable that sets `onMissingDevice` (`skip` or `fail`); it wins over the plugin option, so a
 * CI job on the chip's runner can make a missing chip a failure whatever the project's config says.
 */
export const ON_MISSING_DEVICE_ENV = 'VITEST_HAILO_ON_MISSING_DEVICE'

/** Run-wide settings. Every field is serializable (it crosses from the main process to workers). */
export interface HailoConfig {
  /** Device spec for the `device` fixture, e.g. `'auto'`, `'onnx'`, `'hailo'`, `'faulty:random,seed=3'`. */
  readonly device: string
  /** Default number of runs for `toBeDeterministicAcross()` when none is given. */
  readonly runs: number
  /** Default `numRuns` of `toSurviveFuzzing()` when a test gives none. @defaultValue 50 (the matcher's own) */
  readonly fuzzRuns?: number
  /** Fixed seed for the run; otherwise `VITEST_HAILO_SEED` or a fresh one per use. */
  readonly seed?: number
  /** What the `device` fixture does when the device is missing: skip the test (saying why) or fail it. */
  readonly onMissingDevice: 'skip' | 'fail'
  /** Root folder of failure artifacts, relative to the working directory. */
  readonly artifactsDir: string
  /**
   * How image paths are loaded when a matcher or `infer` gives no `image` option (e.g. `{ resize: 'cv2-bilinear' }`
   * for goldens made with OpenCV). An explicit `image` option replaces it. @defaultValue `loadImage`'s defaults
   */
  readonly image?: ImageOptions
  /**
   * When a check's board is too unhealthy for its verdict to count (chip devices only): see {@link HealthPolicy}.
   * @defaultValue none: board health is reported, never judged
   */
  readonly health?: HealthPolicy
}

/** Defaults when neither the plugin nor the environment says otherwise. */
export const DEFAULT_CONFIG: HailoConfig = {
  device: 'auto',
  runs: 20,
  onMissingDevice: 'fail',
  artifactsDir: '.vitest-hailo/artifacts',
}

let current: HailoConfig = DEFAULT_CONFIG

/**
 * Set the worker's configuration (the plugin's setup file does this). Unknown values are refused.
 * @example
 * ```ts
 * setConfig({ device: 'onnx', runs: 50 })
 * ```
 */
export function setConfig(partial: Partial<HailoConfig>): HailoConfig {
  const next = { ...current, ...stripUndefined(partial) }
  if (typeof next.device !== 'string' || next.device === '')
    throw invalidParameter('device', 'a device spec string', next.device)
  if (!Number.isInteger(next.runs) || next.runs < 1) throw invalidParameter('runs', 'an integer ≥ 1', next.runs)
  if (next.fuzzRuns !== undefined && (!Number.isInteger(next.fuzzRuns) || next.fuzzRuns < 1))
    throw invalidParameter('fuzzRuns', 'an integer ≥ 1', next.fuzzRuns)
  if (next.onMissingDevice !== 'skip' && next.onMissingDevice !== 'fail') {
    throw invalidParameter('onMissingDevice', "'skip' or 'fail'", next.onMissingDevice)
  }
  if (typeof next.artifactsDir !== 'string' || next.artifactsDir === '') {
    throw invalidParameter('artifactsDir', 'a folder path', next.artifactsDir)
  }
  if (next.image !== undefined) validateImageOptions(next.image, 'image')
  if (next.health !== undefined) validateHealthPolicy(next.health, 'health')
  current = next
  return current
}

/**
 * The configuration in force, with environment overrides applied (the environment wins).
 * @example
 * ```ts
 * getConfig().device // 'auto', or VITEST_HAILO_DEVICE when it is set
 * ```
 */
export function getConfig(env: NodeJS.ProcessEnv = process.env): HailoConfig {
  const device = env[DEVICE_ENV]
  const artifactsDir = env[ARTIFACTS_ENV]
  const onMissingDevice = env[ON_MISSING_DEVICE_ENV]
  if (onMissingDevice && onMissingDevice !== 'skip' && onMissingDevice !== 'fail') {
    throw invalidParameter(
      ON_MISSING_DEVICE_ENV,
      '"skip" or "fail" (or unset, for the plugin\'s onMissingDevice)',
      onMissingDevice,
    )
  }
  return {
    ...current,
    ...(device ? { device } : {}),
    ...(artifactsDir ? { artifactsDir } : {}),
    ...(onMissingDevice ? { onMissingDevice: onMissingDevice as HailoConfig['onMissingDevice'] } : {}),
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
